"""The MkDocs plugin: hook methods that hand the work to the core and to the preview's caches.

It validates the procedures, adds the generated pages, assets and navigation as generated
files (nothing is written into docs/), points each page's edit button at its YAML file,
feeds the Chinese search a dictionary of the handbook's own words, dates every page by
its content (so two builds of one commit are byte-identical), and during
``mkdocs serve`` keeps serving the last good pages when a YAML file is broken
(``preview.py`` keeps what a rebuild can reuse).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.clock import today
from generator.diagnostics import Diagnostic, format_text
from generator.mkdocs_plugin.config import HandbookConfig
from generator.mkdocs_plugin.preview import PreviewPages, SearchEntries
from generator.mkdocs_plugin.request_guard import guard_requests
from generator.render.flowchart.bridge import flowchart_renderer
from generator.render.paths import ASSETS
from generator.render.site.content import RenderCache, SiteContent, build_site_content
from generator.validate.pipeline import validate_root

log = logging.getLogger("mkdocs.plugins.handbook")


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
        return guard_requests(server)
