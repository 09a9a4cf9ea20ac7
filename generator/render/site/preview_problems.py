"""What the live preview shows about problems: a notice for the top of every page, and a stand-in site.

The notice lists each error and warning with its file, line, column, message and hint; all of it
is escaped by the template. When the procedures have never been good since the preview started,
the stand-in site is a single page, so that the notice still has somewhere to appear.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.diagnostics import Diagnostic, Severity, excerpt_lines, localized
from generator.render import paths
from generator.render.labels import LANGUAGES, labels_for
from generator.render.site.content import SiteContent
from generator.render.templating import environment

SHOWN = 50  # more than a screenful helps nobody; the rest are counted


def problems_to_show(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Errors first, then warnings, each in file order; notices are left out."""
    ranked = {Severity.ERROR: 0, Severity.WARNING: 1}
    found = [d for d in diagnostics if d.severity in ranked]
    return sorted(found, key=lambda d: (ranked[d.severity], d.sort_key()))


def problems_notice(diagnostics: Sequence[Diagnostic], language: str, *, shows_last_good: bool = True) -> str:
    """The notice as an HTML fragment; empty when there is nothing to show.

    With errors, it says the pages are the last good version, or (``shows_last_good`` false) that
    there is none yet."""
    problems = problems_to_show(diagnostics)
    if not problems:
        return ""
    language = language if language in LANGUAGES else LANGUAGES[0]
    return (
        environment()
        .get_template("preview_problems.html.j2")
        .render(
            L=labels_for(language),
            lang=language,
            count=len(problems),
            title=_title(problems[0].severity, shows_last_good),
            shown=[localized(d, language) for d in problems[:SHOWN]],
            excerpt=lambda d: excerpt_lines(d.excerpt or "", d.where.line, d.where.column),
            hidden=max(0, len(problems) - SHOWN),
        )
    )


def _title(worst: Severity, shows_last_good: bool) -> str:
    if worst is not Severity.ERROR:
        return "preview_warnings_title"
    return "preview_problems_title" if shows_last_good else "preview_problems_first_title"


def problems_only_site(language: str) -> SiteContent:
    """A one-page site for a preview whose procedures have not been good once yet."""
    labels = labels_for(language if language in LANGUAGES else LANGUAGES[0])
    page = f"# {labels.preview_unavailable_title}\n\n{labels.preview_unavailable_text}\n"
    return SiteContent(
        files={paths.HOME: page},
        nav=[{labels.home: paths.HOME}],
        search_terms=(),
        sources={},
        page_dates={},
        latest_date=None,
    )
