"""The navigation every page repeats carries its entries, not the blank lines of the theme's template tags;
leaving those lines out changes no word, no element and no preformatted text of any page."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers.paths import FIXTURE_HANDBOOK

PRIMARY_NAV = '<nav class="md-nav md-nav--primary"'
NAV_TAGS = re.compile(r"<nav\b|</nav>")
INDENTATION_ALONE = re.compile(r"^[ \t]+$", re.M)
# Where the whitespace between two tags may go entirely: after elements laid out as blocks (list
# items, the search form, the search label's icons) and between the sitemap's XML elements.
MAY_TOUCH = re.compile(r"(</li>|</form>|</svg>|</url>|\?>) (?=<)")


def _primary_navigation(html: str) -> str:
    start = html.find(PRIMARY_NAV)
    if start < 0:
        return ""
    depth = 0
    for tag in NAV_TAGS.finditer(html, start):
        depth += 1 if tag.group(0) == "<nav" else -1
        if depth == 0:
            return html[start : tag.end()]
    raise AssertionError("the primary navigation is not closed")


def test_no_line_of_a_pages_navigation_is_indentation_alone(shipped_site: Path) -> None:
    """Material's navigation wrote an indented blank line for each template tag and for each child of a
    collapsed section, about half the bytes every page repeats."""
    navigations = {
        page.relative_to(shipped_site).as_posix(): _primary_navigation(page.read_text(encoding="utf-8"))
        for page in sorted(shipped_site.rglob("*.html"))
    }
    assert sum(1 for navigation in navigations.values() if navigation) > 100
    assert [page for page, navigation in navigations.items() if INDENTATION_ALONE.search(navigation)] == []


def _markup(text: str) -> str:
    """The page with every run of whitespace made one space (none where it may go entirely)."""
    return MAY_TOUCH.sub(r"\1", re.sub(r"\s+", " ", text)).strip()


def test_leaving_out_the_template_tags_lines_changes_no_word_and_no_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.mkdocs_plugin import plugin

    def build(site: Path) -> dict[str, str]:
        with contextlib.chdir(FIXTURE_HANDBOOK):
            assert main(["build", "--no-pdf", "--no-cache", "--site-dir", str(site)]) == 0
        pages = [*sorted(site.rglob("*.html")), site / "sitemap.xml"]
        return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in pages}

    trimmed = build(tmp_path / "trimmed")
    monkeypatch.setattr(plugin, "trim_template_lines", lambda env: env)
    untrimmed = build(tmp_path / "untrimmed")
    assert trimmed.keys() == untrimmed.keys()
    assert all(len(trimmed[page]) < len(untrimmed[page]) for page in trimmed)
    preformatted = re.compile(r"<(pre|script|textarea|style)\b.*?</\1>", re.S)

    def bodies(text: str) -> list[str]:
        return [found.group(0) for found in preformatted.finditer(text)]

    assert any(bodies(page) for page in trimmed.values())
    assert [page for page in trimmed if bodies(trimmed[page]) != bodies(untrimmed[page])] == []
    assert [page for page in trimmed if _markup(trimmed[page]) != _markup(untrimmed[page])] == []
