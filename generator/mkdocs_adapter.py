"""The MkDocs plugin: the only module that knows MkDocs. It adapts the core, nothing more.

It validates the procedures, adds the generated pages, assets and navigation as generated
files (nothing is written into docs/), points each page's edit button at its YAML file,
feeds the Chinese search a dictionary of the handbook's own words, dates every page by
its content (so two builds of one commit are byte-identical), and during
``mkdocs serve`` keeps serving the last good pages when a YAML file is broken.

During ``mkdocs serve`` a rebuild after an edit does only what the edit touches: the core
reuses the pages of unchanged procedures, and MkDocs' Markdown and theme rendering of a page
is skipped when neither its Markdown nor the site around it (navigation, mkdocs.yml) changed,
and the search entries of a page whose HTML did not change are taken over from the last build
(indexing every page, with jieba's Chinese word splitting, was most of a rebuild's time).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.clock import today
from generator.diagnostics import Diagnostic, format_text
from generator.flowchart_bridge import flowchart_renderer
from generator.site_content import RenderCache, SiteContent, build_site_content
from generator.site_paths import ASSETS
from generator.validation import validate_root
from generator.validation_cache import digest

log = logging.getLogger("mkdocs.plugins.handbook")


class HandbookConfig(base.Config):
    procedures = c.Type(str, default="procedures")
    strict = c.Type(bool, default=False)


UNCHANGED_TEMPLATE = "handbook-unchanged-page.html"


@dataclass(frozen=True)
class BuiltPage:
    """What MkDocs made of one page: kept so that an unchanged page need not be made again."""

    markdown: str
    site: str
    content: str
    toc: Any
    anchors: frozenset[str]
    title: str | None
    output: str


class PreviewPages:
    """The live preview's pages as last built, by source path."""

    def __init__(self) -> None:
        self.site = ""
        self.built: dict[str, BuiltPage] = {}
        self.reused: dict[str, BuiltPage] = {}
        self.incoming: dict[str, str] = {}
        self.seen: set[str] = set()

    def start(self, config: MkDocsConfig) -> None:
        """A new build: the site key covers the navigation (every page shows it) and mkdocs.yml."""
        config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        self.site = digest(repr(config.nav).encode() + config_text)
        self.reused, self.incoming, self.seen = {}, {}, set()

    def markdown(self, markdown: str, page: Page) -> str:
        src = page.file.src_uri
        self.seen.add(src)
        before = self.built.get(src)
        if before is None or before.markdown != markdown or before.site != self.site:
            self.incoming[src] = markdown
            return markdown
        self.reused[src] = before
        page.meta["template"] = UNCHANGED_TEMPLATE
        return ""  # nothing for Markdown to do; on_page_content puts the last HTML back

    def content(self, html: str, page: Page) -> str:
        before = self.reused.get(page.file.src_uri)
        if before is None:
            return html
        page.toc = before.toc
        page.present_anchor_ids = set(before.anchors)
        page._title_from_render = before.title
        return before.content

    def output(self, output: str, page: Page) -> str:
        src = page.file.src_uri
        before = self.reused.get(src)
        if before is not None:
            return before.output
        markdown = self.incoming.pop(src, None)
        if markdown is not None and page.content is not None:
            anchors = frozenset(page.present_anchor_ids or ())
            self.built[src] = BuiltPage(
                markdown, self.site, page.content, page.toc, anchors, page._title_from_render, output
            )
        return output

    def finish(self) -> None:
        self.built = {src: page for src, page in self.built.items() if src in self.seen}


def _search_entry_key(page: Page, surroundings: str) -> str:
    """Everything Material's search reads from a page (the preview's own template name aside)."""
    meta = {k: v for k, v in page.meta.items() if k != "template"}
    parts = (surroundings, page.url, str(page.title), repr(meta), page.content or "")
    return digest("\0".join(parts).encode())


class SearchEntries:
    """Material's search entries of each page as last indexed, by source path, for the live preview."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        self.reused: set[str] = set()

    def attach(self, config: MkDocsConfig, surroundings: str) -> None:
        """Make this build's search index take over unchanged pages' entries.

        ``surroundings`` covers what else shapes an entry: mkdocs.yml, the navigation and the
        words the Chinese search keeps whole."""
        self.reused = set()
        for name in ("search", "material/search"):
            index = getattr(config.plugins.get(name), "search_index", None)
            if index is not None and isinstance(getattr(index, "entries", None), list):
                index.add_entry_from_context = self._indexer(index, surroundings)

    def _indexer(self, index: Any, surroundings: str) -> Any:
        index_page = index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            src = page.file.src_uri
            key = _search_entry_key(page, surroundings)
            before = self.kept.get(src)
            if before is not None and before[0] == key:
                index.entries.extend(before[1])
                self.reused.add(src)
                return
            start = len(index.entries)
            index_page(page)
            self.kept[src] = (key, index.entries[start:])

        return add_entry_from_context

    def finish(self, seen: set[str]) -> None:
        self.kept = {src: kept for src, kept in self.kept.items() if src in seen}


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Adds the handbook's generated pages to an MkDocs site."""

    def __init__(self) -> None:
        self.serving = False
        self.last_good: SiteContent | None = None
        self.dictionary_dir = tempfile.mkdtemp(prefix="handbook-search-")
        self.rendered: RenderCache | None = None
        self.preview = PreviewPages()
        self.search_entries = SearchEntries()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.rendered = RenderCache() if self.serving else None

    def procedures_dir(self, config: MkDocsConfig) -> Path:
        root = Path(config.config_file_path or ".").parent
        return (root / self.config.procedures).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        import jieba

        jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary on every build
        # Loading the user dictionary again adds its word counts to jieba's total once more, which
        # changes how a second build in the same process (serve, tests) splits words. Start afresh.
        jieba.dt.initialized = False
        config.use_directory_urls = False  # links must also work from file://
        overrides = str(resources.files("generator").joinpath("overrides"))
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(0, overrides)
        config.extra_css[:0] = [f"{ASSETS}/handbook.css", f"{ASSETS}/flowchart.css"]
        config.extra["polyfills"] = [f"{ASSETS}/iframe-worker-shim.js"]
        content = self.load_content()(config)
        self.write_search_dictionary(config, content)
        return config

    def load_content(self) -> Any:
        def load(config: MkDocsConfig) -> SiteContent:
            result = validate_root(self.procedures_dir(config), today())
            if result.ok(self.config.strict) and result.handbook is not None:
                self.log_diagnostics(result.diagnostics)
                self.last_good = build_site_content(
                    result.handbook, today(), flowchart_renderer(), site_url=config.site_url, cache=self.rendered
                )
            elif self.serving and self.last_good is not None:
                # Not through MkDocs' logger: in strict mode it would abort the rebuild and stall the preview.
                for diagnostic in result.diagnostics:
                    print(format_text(diagnostic), file=sys.stderr)
                print("handbook: the procedures have errors; serving the last good version", file=sys.stderr)
            else:
                self.log_diagnostics(result.diagnostics)
                raise PluginError("the procedures have errors (see above); nothing was built")
            assert self.last_good is not None
            return self.last_good

        return load

    @staticmethod
    def log_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> None:
        for diagnostic in diagnostics:
            (log.error if diagnostic.severity.value == "error" else log.warning)(format_text(diagnostic))

    def write_search_dictionary(self, config: MkDocsConfig, content: SiteContent) -> None:
        """A jieba user dictionary of the handbook's words, so search keeps them whole."""
        path = Path(self.dictionary_dir) / "handbook-words.txt"
        path.write_text("".join(f"{word} 100000 n\n" for word in content.search_terms), encoding="utf-8")
        for name in ("search", "material/search"):
            plugin = config.plugins.get(name)
            if plugin is not None:
                plugin.config["jieba_dict_user"] = str(path)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        content = self.last_good
        assert content is not None
        procedures_root = self.procedures_dir(config)
        repo_root = Path(config.config_file_path or ".").parent.resolve()
        docs_prefix = os.path.relpath(config.docs_dir, repo_root).replace(os.sep, "/")
        for file in files.documentation_pages():
            file.edit_uri = quote(f"{docs_prefix}/{file.src_uri}")  # themes print it unescaped
        for src, text in content.files.items():
            generated = File.generated(config, src, content=text)
            procedure = content.sources.get(src)
            if procedure is not None:
                yaml_path = procedures_root / procedure.section / Path(procedure.file).name
                # Quoted, like the pages' (discovery already refuses odd procedure file names).
                generated.edit_uri = quote(os.path.relpath(yaml_path, repo_root).replace(os.sep, "/"))
            files.append(generated)
        assets = resources.files("generator").joinpath("assets")
        for asset in sorted(assets.iterdir(), key=lambda a: a.name):
            if asset.is_file():
                files.append(File.generated(config, f"{ASSETS}/{asset.name}", content=asset.read_bytes()))
        extra_pages = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
        config.nav = [*content.nav, *sorted(extra_pages)]
        if self.serving:
            self.preview.start(config)
            self.search_entries.attach(config, self.preview.site + "\0".join(content.search_terms))
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Date pages by their content, not the build clock: the sitemap's lastmod and its gzip header."""
        content = self.last_good
        assert content is not None
        date = content.page_dates.get(page.file.src_uri, content.latest_date)
        if date is not None:
            page.update_date = date
        return page

    # While serving, pages whose Markdown and surroundings did not change are not rendered again.
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.preview.markdown(markdown, page) if self.serving else markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.preview.content(html, page) if self.serving else html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.preview.output(output, page) if self.serving else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.search_entries.finish(self.preview.seen)
            self.preview.finish()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.procedures_dir(config)))
        return server


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
