"""What a reader sees: navigation, Chinese search and offline use, in real Chromium (accessibility:
test_accessibility_in_chromium.py)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.validate.pipeline import validate_root
from tests.helpers.browser import BrowserWatch, open_search_results
from tests.helpers.paths import ROOT
from tests.helpers.site_fixture import TODAY

pytestmark = pytest.mark.browser

NAV_LINKS = "Array.from(document.querySelectorAll('nav.md-nav--primary a[href]')).map(a => a.href)"


def _procedure_pages() -> set[str]:
    handbook = validate_root(ROOT / "procedures", TODAY).handbook
    assert handbook is not None
    return {f"{p.section}/{p.id}.html" for p in handbook.procedures}


def _relative(url: str, base: str) -> str:
    return url.split("#")[0].split("?")[0].removeprefix(base)


def _assert_clean(watch: BrowserWatch) -> None:
    assert watch.outside_requests == [], "requests left the machine"
    assert watch.console_errors == [], "console errors"


def test_navigation_reaches_every_procedure(site_url: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, watch = watched_page
    seen: set[str] = set()
    queue = ["index.html"]
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        page.goto(site_url + current)
        for link in page.evaluate(NAV_LINKS):
            target = _relative(link, site_url)
            if target.endswith(".html") and target not in seen and not target.startswith(("http", "file")):
                queue.append(target)
    assert _procedure_pages() <= seen
    _assert_clean(watch)


SEARCHES = [
    ("接待", "reception/visitor-reception-process.html"),
    ("吧台", "sales-property/bar-counter-service.html"),
    ("大客户管家", "roles/g1.html"),
    ("客户接待登记表", "reception/visitor-reception-process.html"),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_chinese_search_finds_the_page(
    site_url: str, watched_page: tuple[Any, BrowserWatch], query: str, expected: str
) -> None:
    page, watch = watched_page
    page.goto(site_url + "index.html")
    open_search_results(page, query)
    hrefs = page.evaluate(
        "Array.from(document.querySelectorAll('.md-search-result__item a[href], .md-search-result__more a[href]'))"
        ".map(a => a.href)"
    )
    found = {_relative(h, site_url) for h in hrefs}
    assert expected in found, f"{query!r}: {sorted(found)[:10]}"
    _assert_clean(watch)


def test_user_text_shows_as_text(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, watch = watched_page
    page.goto(served_site + "sales-property/sales-site-property-reception.html")
    text = page.inner_text("article")
    assert "先生/小姐您好，请问您是来参观展示中心的吗？" in text
    _assert_clean(watch)
