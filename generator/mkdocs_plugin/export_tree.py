"""The engine-neutral docs tree: every page pre-rendered as Markdown, and a mkdocs.yml without our plugin.

Plain MkDocs + Material and Zensical both build the tree as it is. What the plugin adds at
build time is written into the tree instead: the generated pages, the navigation, the styles
and polyfills, the theme overrides, and each page's edit link (as ``edit_url`` in its front
matter, which the overrides' ``partials/actions.html`` reads). The handbook's own
``mkdocs.yml`` is copied with those changes; the other plugins (search, offline) stay.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from generator.mkdocs_plugin.edit_links import page_edit_uri, procedure_edit_uri
from generator.mkdocs_plugin.engine import MkDocsBuildError, load_config_file
from generator.publish.handbook_content import HandbookContent
from generator.render.paths import ASSETS, is_placeholder_address
from generator.render.site.content import SiteContent
from generator.render.site.front_matter import with_front_matter

PLUGIN = "handbook"
DOCS = "docs"
OVERRIDES = "overrides"
CONFIG = "mkdocs.yml"
# What MkDocs would have said about a page's edit link: settings the tree's pages replace.
EDIT_SETTINGS = ("edit_uri", "edit_uri_template")


def _without_plugin(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


def _raw_config(config_file: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise MkDocsBuildError(
            f"{config_file}: the export copies mkdocs.yml as plain YAML and cannot read it: {exc}"
        ) from None
    if not isinstance(raw, dict):
        raise MkDocsBuildError(f"{config_file}: mkdocs.yml is not a mapping of settings")
    return raw


def tree_config(raw: dict[str, Any], nav: list[Any]) -> dict[str, Any]:
    """The handbook's settings for the tree: no plugin of ours, and what it would have added."""
    config = dict(raw)
    config["plugins"] = _without_plugin(list(config.get("plugins") or []))
    config.update(docs_dir=DOCS, site_dir="site", use_directory_urls=False, nav=nav)
    config["extra_css"] = [f"{ASSETS}/handbook.css", f"{ASSETS}/flowchart.css", *(config.get("extra_css") or [])]
    config["extra"] = {**(config.get("extra") or {}), "polyfills": [f"{ASSETS}/iframe-worker-shim.js"]}
    theme = config.get("theme")
    config["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme}), "custom_dir": OVERRIDES}
    for name in EDIT_SETTINGS:
        config.pop(name, None)
    if is_placeholder_address(config.get("repo_url")):
        for name in ("repo_url", "repo_name"):
            config.pop(name, None)
    if is_placeholder_address(config.get("site_url")):
        config.pop("site_url", None)
    return config


class _EditLinks:
    """Each page's full edit address, computed as the plugin computes it in a build."""

    def __init__(self, config_file: Path, procedures: Path, site: SiteContent) -> None:
        self.config = load_config_file(config_file)
        self.procedures = procedures
        self.site = site
        repo, edit = self.config.repo_url, self.config.edit_uri
        self.base = (
            None if not repo or is_placeholder_address(repo) or not edit else urljoin(repo.rstrip("/") + "/", edit)
        )

    def __call__(self, src: str) -> str | None:
        if self.base is None:
            return None
        procedure = self.site.sources.get(src)
        uri = procedure_edit_uri(self.config, self.procedures, procedure) if procedure else None
        if procedure is None and src not in self.site.files:
            uri = page_edit_uri(self.config, src)
        return urljoin(self.base, uri) if uri else None


def _write_page(path: Path, text: str, edit_url: str | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(with_front_matter(text, {"edit_url": edit_url}) if edit_url else text, encoding="utf-8")


def _copy_hand_written(docs_dir: Path, docs: Path, edit_link: _EditLinks) -> list[str]:
    """Copy docs/ into the tree; return its Markdown pages (the navigation lists them after the handbook's)."""
    pages: list[str] = []
    for source in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        src = source.relative_to(docs_dir).as_posix()
        if source.suffix == ".md":
            _write_page(docs / src, source.read_text(encoding="utf-8"), edit_link(src))
            pages.append(src)
        else:
            (docs / src).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, docs / src)
    return pages


def _copy_package_folder(name: str, target: Path) -> None:
    shutil.copytree(Path(str(resources.files("generator").joinpath(name))), target, dirs_exist_ok=True)


def write_tree(config_file: Path, content: HandbookContent, target: Path) -> None:
    """Write the docs tree of the validated, rendered ``content`` into the empty folder ``target``."""
    site = content.site
    if site is None:
        raise ValueError("the handbook has errors: nothing to export")
    raw = _raw_config(config_file)
    edit_link = _EditLinks(config_file, content.procedures, site)
    docs = target / DOCS
    hand_written = _copy_hand_written(Path(edit_link.config.docs_dir), docs, edit_link)
    for src, text in site.files.items():
        _write_page(docs / src, text, edit_link(src) if src.endswith(".md") else None)
    _copy_package_folder("assets", docs / ASSETS)
    _copy_package_folder("overrides", target / OVERRIDES)
    nav = [*site.nav, *sorted(set(hand_written) - set(site.files))]
    text = yaml.safe_dump(tree_config(raw, nav), allow_unicode=True, sort_keys=False)
    (target / CONFIG).write_text(
        f"# Written by `handbook export`: build with `mkdocs build` or `zensical build`.\n{text}", encoding="utf-8"
    )
