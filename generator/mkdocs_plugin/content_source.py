"""Where the plugin's pages come from, decided once per build.

``handbook build`` hands over content it has already loaded, validated and rendered (from the
folder its ``--procedures`` option, mkdocs.yml or the default named); ``mkdocs build`` and the
live preview load the folder of the plugin's ``procedures`` option through the same core call.
While serving, a folder with errors keeps the last good version on screen.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.diagnostics import Diagnostic, Severity, format_text, localized
from generator.publish.handbook_content import HandbookContent, load_handbook_content
from generator.render.paths import published_address
from generator.render.site.content import RenderCache, SiteContent
from generator.render.site.preview_problems import problems_notice, problems_only_site
from generator.render.templating import forget_compiled_templates, templates_fingerprint

log = logging.getLogger("mkdocs.plugins.handbook")


def configured_procedures(config: MkDocsConfig, option: str) -> Path:
    """The plugin's ``procedures`` option as a folder: relative paths are relative to mkdocs.yml."""
    return (Path(config.config_file_path or ".").parent / option).resolve()


def print_for_terminal(diagnostics: tuple[Diagnostic, ...], language: str) -> None:
    """Each diagnostic on the terminal, straight to stderr, in the handbook's language."""
    for diagnostic in diagnostics:
        print(format_text(localized(diagnostic, language)), file=sys.stderr)


def log_diagnostics(diagnostics: tuple[Diagnostic, ...], language: str) -> None:
    """Each diagnostic through MkDocs' log, so that its strict mode counts the warnings."""
    for diagnostic in diagnostics:
        text = format_text(localized(diagnostic, language))
        (log.error if diagnostic.severity is Severity.ERROR else log.warning)(text)


class ContentSource:
    """The content of the build under way, and during the live preview the last good one."""

    def __init__(self) -> None:
        self.serving = False
        self.handed: HandbookContent | None = None
        self.last_good: HandbookContent | None = None
        self.cache: RenderCache | None = None
        self.problems: tuple[Diagnostic, ...] = ()  # while serving: the latest load's errors and warnings
        self.language = "zh"  # of the notice, until a handbook.yaml has loaded
        self.templates: tuple[tuple[str, int], ...] = ()  # while serving: the templates the cache was made with

    def start(self, *, serving: bool) -> None:
        """A new run of MkDocs; the live preview keeps a render cache from one rebuild to the next."""
        self.serving = serving
        self.cache = RenderCache() if serving else None

    def hand_over(self, content: HandbookContent) -> None:
        """Use ``content`` (loaded by the caller) instead of loading the plugin's folder, until ``stop``."""
        self.handed = content

    def stop(self) -> None:
        """The run of MkDocs is over: let go of its content (the plugin object outlives it)."""
        self.handed = self.last_good = None
        self.cache = None
        self.problems = ()

    def _follow_template_edits(self) -> None:
        """A template edited during the preview: recompile the templates and render every page afresh."""
        templates = templates_fingerprint()
        if templates != self.templates:
            if self.templates:
                forget_compiled_templates()
                self.cache = RenderCache()
            self.templates = templates

    def load(self, config: MkDocsConfig, procedures: str, strict: bool) -> None:
        """Obtain this build's content; a PluginError when the procedures have errors and nothing good is kept.

        While serving nothing stops the preview: warnings never count as errors, problems are
        printed to the terminal (not through MkDocs' log, whose strict mode would abort the
        rebuild) and kept for the notice on every page, and the last good pages stay up."""
        if self.serving:
            self._follow_template_edits()
        content = self.handed or load_handbook_content(
            configured_procedures(config, procedures),
            site_url=published_address(config.site_url),
            strict=strict and not self.serving,
            cache=self.cache,
        )
        if self.serving:
            self._keep_serving(content)
        elif content.site is not None:
            log_diagnostics(content.result.diagnostics, content.result.language)
            self.last_good = content
        else:
            log_diagnostics(content.result.diagnostics, content.result.language)
            raise PluginError("the procedures have errors (see above); nothing was built")

    def _keep_serving(self, content: HandbookContent) -> None:
        result = content.result
        self.problems = result.diagnostics
        self.language = result.language
        print_for_terminal(result.diagnostics, result.language)
        if content.site is not None:
            self.last_good = content
            if result.warnings:
                print(f"handbook: {len(result.warnings)} warning(s), shown at the top of every page", file=sys.stderr)
            return
        if self.last_good is None:
            self.last_good = HandbookContent(content.procedures, result, problems_only_site(self.language))
        shown = "the last good version" if self.had_good_version else "a page listing them (no good version yet)"
        print(f"handbook: the procedures have errors; serving {shown}", file=sys.stderr)

    @property
    def had_good_version(self) -> bool:
        """Whether the pages served are the handbook as last good, not the stand-in page of a preview
        started on broken files (which is kept with the result that had the errors)."""
        return self.last_good is not None and self.last_good.result.ok()

    @property
    def notice(self) -> str:
        """The preview's notice of the latest problems, as HTML; empty when there are none."""
        if not self.serving:
            return ""
        return problems_notice(self.problems, self.language, shows_last_good=self.had_good_version)

    @property
    def site(self) -> SiteContent:
        """The pages, navigation and search words of this build (after ``load``)."""
        if self.last_good is None or self.last_good.site is None:
            raise PluginError("the handbook content was not loaded before the pages were collected")
        return self.last_good.site

    @property
    def procedures(self) -> Path:
        """The procedures folder this build's pages were made from."""
        if self.last_good is None:
            raise PluginError("the handbook content was not loaded before the pages were collected")
        return self.last_good.procedures
