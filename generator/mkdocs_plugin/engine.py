"""Running MkDocs itself: a full build into a folder, its site_url, and the live preview."""

from __future__ import annotations

from pathlib import Path


class MkDocsBuildError(Exception):
    """MkDocs stopped: a configuration problem, a plugin error, or warnings under strict mode."""


def build_with_mkdocs(config_file: Path, site_dir: Path) -> None:
    """Run a full MkDocs build of ``config_file`` into ``site_dir``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise MkDocsBuildError(str(exc)) from None


def read_site_url(config_file: Path) -> str | None:
    """The ``site_url`` of an MkDocs configuration: the address that checklist QR codes point to."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=str(config_file))
    except MkDocsException as exc:
        raise MkDocsBuildError(str(exc)) from None
    site_url: str | None = config.site_url
    return site_url or None


def serve_with_mkdocs(config_file: Path, address: str) -> None:
    """Live preview: rebuilds when docs, mkdocs.yml or any procedure file changes."""
    from mkdocs.commands.serve import serve

    serve(config_file=str(config_file), dev_addr=address, livereload=True)
