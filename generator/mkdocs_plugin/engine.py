"""Running MkDocs itself: the handbook's settings in mkdocs.yml, a full build into a folder, the live preview."""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from generator.publish.build_cache import BuildCache
from generator.publish.handbook_content import HandbookContent
from generator.render.paths import is_placeholder_address, published_address

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.mkdocs_plugin.plugin import HandbookPlugin


class MkDocsBuildError(Exception):
    """MkDocs stopped: a configuration problem, a plugin error, or warnings under strict mode."""


@dataclass(frozen=True)
class SiteSettings:
    """What the handbook commands read from mkdocs.yml."""

    site_url: str | None  # the published address, which checklist QR codes point to (None: unset or a placeholder)
    procedures: Path | None  # the handbook plugin's folder; None when mkdocs.yml does not use the plugin
    strict: bool  # mkdocs.yml's strict: warnings (the handbook's and MkDocs' own) fail the build
    placeholders: tuple[tuple[str, str], ...] = ()  # (setting, value) still holding a template's stand-in address


def load_config_file(config_file: Path, **overrides: str) -> MkDocsConfig:
    """``config_file`` read by MkDocs; MkDocsBuildError when MkDocs refuses it."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(config_file=str(config_file), **overrides)
    except MkDocsException as exc:
        raise MkDocsBuildError(str(exc)) from None


def _handbook_plugin(config: MkDocsConfig) -> HandbookPlugin | None:
    from generator.mkdocs_plugin.plugin import HandbookPlugin

    return next((p for p in config.plugins.values() if isinstance(p, HandbookPlugin)), None)


def read_settings(config_file: Path) -> SiteSettings:
    """The handbook's settings in ``config_file``, read through MkDocs' own configuration loading."""
    from generator.mkdocs_plugin.content_source import configured_procedures

    config = load_config_file(config_file)
    plugin = _handbook_plugin(config)
    procedures = configured_procedures(config, plugin.config.procedures) if plugin else None
    placeholders = tuple(
        (name, str(value))
        for name, value in (("site_url", config.site_url), ("repo_url", config.repo_url))
        if is_placeholder_address(value)
    )
    return SiteSettings(published_address(config.site_url), procedures, bool(config.strict), placeholders)


def build_with_mkdocs(
    config_file: Path, site_dir: Path, content: HandbookContent, cache: BuildCache | None = None
) -> None:
    """Run a full MkDocs build of ``config_file`` into ``site_dir``, its handbook pages made from ``content``.

    With a ``cache``, pages and search entries unchanged since a build that used it are taken from it."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config = load_config_file(config_file, site_dir=str(site_dir))
    plugin = _handbook_plugin(config)
    if plugin is None:
        raise MkDocsBuildError(f"{config_file} does not list the handbook plugin under plugins")
    try:
        config.plugins.on_startup(command="build", dirty=False)
        plugin.source.hand_over(content)  # validated and rendered once, by the caller
        plugin.build_cache = cache
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        raise MkDocsBuildError(str(exc)) from None


def _stop_serving(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # MkDocs then shuts the server down and removes its temporary site


def serve_with_mkdocs(config_file: Path, address: str) -> None:
    """Live preview: rebuilds when docs, mkdocs.yml or any procedure file changes.

    Stopped with Ctrl-C or a termination signal, it leaves no temporary folder behind."""
    from mkdocs.commands.serve import serve

    previous = signal.signal(signal.SIGTERM, _stop_serving)
    try:
        # Not strict, whatever mkdocs.yml says: MkDocs counts warnings from before any plugin runs, and
        # the preview must never stop on one (a page linking to one the broken files left out).
        serve(config_file=str(config_file), dev_addr=address, livereload=True, strict=False)
    finally:
        signal.signal(signal.SIGTERM, previous)
