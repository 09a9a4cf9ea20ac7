"""The MkDocs plugin: hook methods that hand the work to the core and to the preview's caches.

Each hook delegates: ``content_source`` obtains the validated, rendered handbook (handed over by
``handbook build``, or loaded from the plugin's folder), ``site_files`` adds the generated pages,
assets, navigation and edit links (nothing is written into docs/) and keeps the theme's template
tags from writing blank lines into every page, ``search_words`` keeps the
handbook's words whole in the Chinese search, pages are dated by their content (so two builds of
one commit are byte-identical), and ``preview`` keeps what a live-preview rebuild can reuse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.mkdocs_plugin.config import HandbookConfig
from generator.mkdocs_plugin.content_source import ContentSource, configured_procedures
from generator.mkdocs_plugin.preview import PreviewPages, SearchEntries, with_notice
from generator.mkdocs_plugin.request_guard import guard_requests
from generator.mkdocs_plugin.search_words import finish_search, keep_words_whole, reset_word_splitting
from generator.mkdocs_plugin.site_files import add_site_files, set_up_theme, trim_template_lines
from generator.publish.build_cache import BuildCache
from generator.render.templating import TEMPLATE_DIR


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Adds the handbook's generated pages to an MkDocs site."""

    def __init__(self) -> None:
        self.source = ContentSource()
        self.preview = PreviewPages()
        self.search_entries = SearchEntries()
        self.build_cache: BuildCache | None = None  # handed over by ``handbook build``, for this run only

    @property
    def reusing(self) -> bool:
        """Whether unchanged pages are taken over: from memory while serving, from the build cache in a build."""
        return self.source.serving or self.build_cache is not None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.source.start(serving=command == "serve")

    def on_shutdown(self) -> None:
        self.source.stop()
        self.build_cache = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        reset_word_splitting()
        set_up_theme(config)  # (`handbook serve` runs MkDocs non-strict: the preview never stops on a warning)
        self.source.load(config, self.config.procedures, bool(config.strict))
        return config

    @event_priority(100)  # before any other plugin loads a template
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        return trim_template_lines(env)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        keep_words_whole(config, self.source.site.search_terms)
        add_site_files(files, config, self.source.site, self.source.procedures)
        if self.reusing:
            disk = None if self.source.serving else self.build_cache
            self.preview.start(config, files, disk)
            surroundings = self.preview.site + "\0".join(self.source.site.search_terms)
            self.search_entries.attach(config, surroundings, disk)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Date pages by their content, not the build clock: the sitemap's lastmod and its gzip header."""
        page.update_date = self.source.site.page_date(page.file.src_uri) or page.update_date
        return page

    # Pages whose Markdown and surroundings did not change are not rendered again.
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.preview.markdown(markdown, page) if self.reusing else markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.reusing:
            return output
        return with_notice(self.preview.output(output, page), self.source.notice)

    @event_priority(-50)  # after the search plugin writes its index, before the offline plugin inlines it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        finish_search(Path(config.site_dir))
        if self.source.serving:
            self.search_entries.finish(self.preview.seen)
            self.preview.finish()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(configured_procedures(config, self.config.procedures)))
        server.watch(str(TEMPLATE_DIR))  # a template edited during the preview is picked up on the next rebuild
        return guard_requests(server)
