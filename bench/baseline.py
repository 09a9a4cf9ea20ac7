"""The baseline: the same pages, rendered once by our core, built by plain MkDocs + Material."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from generator.mkdocs_plugin.engine import read_settings
from generator.publish.handbook_content import load_handbook_content
from generator.render.paths import ASSETS

PLUGIN = "handbook"


def _without_plugin(plugins: list[Any]) -> list[Any]:
    return [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]


def baseline_config(mkdocs_yml: str, nav: list[Any]) -> str:
    """The handbook's mkdocs.yml minus our plugin, with what the plugin would add: nav and stylesheets."""
    config: dict[str, Any] = yaml.safe_load(mkdocs_yml)
    config["plugins"] = _without_plugin(config.get("plugins", []))
    config["use_directory_urls"] = False
    config["extra_css"] = [f"{ASSETS}/handbook.css", f"{ASSETS}/flowchart.css"]
    config["nav"] = nav
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def write_baseline(handbook_root: Path, target: Path) -> None:
    """Pre-render the handbook's pages as Markdown files under ``target``/docs (not timed)."""
    site_url = read_settings(handbook_root / "mkdocs.yml").site_url  # so the checklists carry the same QR codes
    handbook = load_handbook_content(handbook_root / "procedures", site_url=site_url)
    content = handbook.site
    if content is None:
        raise ValueError(f"the synthetic handbook does not validate: {handbook.result.diagnostics[:3]}")
    docs = target / "docs"
    shutil.copytree(handbook_root / "docs", docs)
    for src, text in content.files.items():
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assets = resources.files("generator").joinpath("assets")
    (docs / ASSETS).mkdir(parents=True, exist_ok=True)
    for asset in assets.iterdir():
        if asset.is_file():
            (docs / ASSETS / asset.name).write_bytes(asset.read_bytes())
    mkdocs_yml = (handbook_root / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(baseline_config(mkdocs_yml, content.nav), encoding="utf-8")
