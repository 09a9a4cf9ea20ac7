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

from generator.diagnostics import Diagnostic, Severity, format_text
from generator.publish.handbook_content import HandbookContent, load_handbook_content
from generator.render.site.content import RenderCache, SiteContent

log = logging.getLogger("mkdocs.plugins.handbook")


def configured_procedures(config: MkDocsConfig, option: str) -> Path:
    """The plugin's ``procedures`` option as a folder: relative paths are relative to mkdocs.yml."""
    return (Path(config.config_file_path or ".").parent / option).resolve()


def log_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> None:
    """Each diagnostic through MkDocs' log, so that its strict mode counts the warnings."""
    for diagnostic in diagnostics:
        (log.error if diagnostic.severity is Severity.ERROR else log.warning)(format_text(diagnostic))


class ContentSource:
    """The content of the build under way, and during the live preview the last good one."""

    def __init__(self) -> None:
        self.serving = False
        self.handed: HandbookContent | None = None
        self.last_good: HandbookContent | None = None
        self.cache: RenderCache | None = None

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

    def load(self, config: MkDocsConfig, procedures: str, strict: bool) -> None:
        """Obtain this build's content; a PluginError when the procedures have errors and nothing good is kept."""
        content = self.handed or load_handbook_content(
            configured_procedures(config, procedures), site_url=config.site_url, strict=strict, cache=self.cache
        )
        if content.site is not None:
            log_diagnostics(content.result.diagnostics)
            self.last_good = content
        elif self.serving and self.last_good is not None:
            # Not through MkDocs' logger: in strict mode it would abort the rebuild and stall the preview.
            for diagnostic in content.result.diagnostics:
                print(format_text(diagnostic), file=sys.stderr)
            print("handbook: the procedures have errors; serving the last good version", file=sys.stderr)
        else:
            log_diagnostics(content.result.diagnostics)
            raise PluginError("the procedures have errors (see above); nothing was built")

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
