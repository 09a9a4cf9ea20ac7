"""The navigation every page repeats carries its entries, not the blank lines of the theme's template tags;
leaving those lines out changes no word and no element of any page."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers.paths import FIXTURE_HANDBOOK

PRIMARY_NAV = '<nav class="md-nav md-nav--primary"'
NAV_TAGS = re.compile(r"<nav\b|</nav>")
# An entry of Material's navigation (link, title, toggle, icon) is 150 to 300 bytes of markup; with a
# blank line per template tag, a collapsed section's entry took 600 and more.
MOST_BYTES_PER_ENTRY = 400


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


def test_each_entry_of_a_pages_navigation_costs_a_few_hundred_bytes(shipped_site: Path) -> None:
    costs = {}
    for page in sorted(shipped_site.rglob("*.html")):
        navigation = _primary_navigation(page.read_text(encoding="utf-8"))
        if navigation:
            costs[page.relative_to(shipped_site).as_posix()] = len(navigation.encode()) / navigation.count("<li")
    assert len(costs) > 100
    too_big = {page: round(cost) for page, cost in costs.items() if cost > MOST_BYTES_PER_ENTRY}
    assert not too_big


def _markup(html: str) -> str:
    """The page with every run of whitespace made one space, and none between two tags."""
    return re.sub(r"> <", "><", re.sub(r"\s+", " ", html)).strip()


def test_leaving_out_the_template_tags_lines_changes_no_word_and_no_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.mkdocs_plugin import plugin

    def build(site: Path) -> dict[str, str]:
        with contextlib.chdir(FIXTURE_HANDBOOK):
            assert main(["build", "--no-pdf", "--no-cache", "--site-dir", str(site)]) == 0
        return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}

    trimmed = build(tmp_path / "trimmed")
    monkeypatch.setattr(plugin, "trim_template_lines", lambda env: env)
    untrimmed = build(tmp_path / "untrimmed")
    assert trimmed.keys() == untrimmed.keys()
    smaller = [page for page in trimmed if len(trimmed[page]) < len(untrimmed[page])]
    assert len(smaller) == len(trimmed)
    assert [page for page in trimmed if _markup(trimmed[page]) != _markup(untrimmed[page])] == []
