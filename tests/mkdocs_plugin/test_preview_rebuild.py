"""The live preview's rebuild after an edit: only what the edit touches is made again, and the
result is the same site, byte for byte, as a build from scratch."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.mkdocs_plugin.plugin import HandbookPlugin
from generator.mkdocs_plugin.preview import PreviewPages, SearchEntries
from generator.render.site.content import RenderCache

SERVE_URL = "http://127.0.0.1:8000/"


def _config(root: Path, site: Path) -> MkDocsConfig:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    return config


def _plugin(config: MkDocsConfig) -> HandbookPlugin:
    plugin = config.plugins["handbook"]
    assert isinstance(plugin, HandbookPlugin)
    return plugin


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuild_reuses_unchanged_pages_and_equals_a_fresh_build(handbook_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    config = _config(handbook_copy, site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    plugin = _plugin(config)
    built_first = set(plugin.preview.built)

    source = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    _edit(source, "text: 请慢用。", "text: 请慢用。预览修改标记。")
    build(_config(handbook_copy, site), serve_url=SERVE_URL)
    assert "预览修改标记" in (site / "testing" / "valid-base.html").read_text(encoding="utf-8")
    reused = set(plugin.preview.reused)
    assert "testing/valid-base.md" not in reused
    assert reused and reused < built_first
    indexed_again = built_first - plugin.search_entries.reused
    assert "testing/valid-base.md" in indexed_again
    assert plugin.search_entries.reused and len(indexed_again) < len(built_first) / 2
    incremental = _tree(site)

    # Forget everything: a build from scratch.
    plugin.preview, plugin.source.cache, plugin.search_entries = PreviewPages(), RenderCache(), SearchEntries()
    build(_config(handbook_copy, site), serve_url=SERVE_URL)
    assert not plugin.preview.reused and not plugin.search_entries.reused
    assert _tree(site) == incremental
    config.plugins.on_shutdown()


def test_a_title_change_renders_every_page_again(handbook_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    config = _config(handbook_copy, site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    _edit(handbook_copy / "procedures" / "testing" / "valid-base.yaml", "title: 吧台服务", "title: 吧台服务（修订）")
    build(_config(handbook_copy, site), serve_url=SERVE_URL)
    plugin = _plugin(config)
    assert not plugin.preview.reused  # the navigation on every page shows the title
    assert not plugin.search_entries.reused
    assert "吧台服务（修订）" in (site / "index.html").read_text(encoding="utf-8")
    config.plugins.on_shutdown()
