"""What a reader sees: navigation, Chinese search and offline use, in real Chromium (accessibility:
test_accessibility_in_chromium.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from generator.model.handbook import Handbook
from generator.validate.pipeline import validate_root
from tests.helpers.browser import BrowserWatch, open_search_results
from tests.helpers.paths import ROOT
from tests.helpers.site_fixture import TODAY

pytestmark = pytest.mark.browser

NAV_LINKS = "Array.from(document.querySelectorAll('nav.md-nav--primary a[href]')).map(a => a.href)"


def _handbook() -> Handbook:
    handbook = validate_root(ROOT / "procedures", TODAY).handbook
    assert handbook is not None
    return handbook


def _procedure_pages() -> set[str]:
    return {f"{p.section}/{p.id}.html" for p in _handbook().procedures}


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


TOP_RESULTS = "Array.from(document.querySelectorAll('.md-search-result__list > .md-search-result__item > a'))"
# The acceptance searches: a procedure a reader means must be among the first three results.
TOP_THREE = [
    ("3分钟", "sales-property/early-sales-site-reception.html"),  # the page says "3 分钟"
    ("售前", "tech-support/tech-support-work-management.html"),
    ("茶水八分满", "sales-property/early-sales-site-reception.html"),
]


def _top_three(page: Any, site_url: str, query: str) -> list[tuple[str, str]]:
    page.goto(site_url + "index.html")
    open_search_results(page, query)
    found = page.evaluate(TOP_RESULTS + ".map(a => [a.href, a.querySelector('h1, h2').textContent])")
    return [(_relative(href, site_url), title.replace("\u200b", "")) for href, title in found[:3]]


@pytest.mark.parametrize(("query", "expected"), TOP_THREE)
def test_the_procedure_meant_is_among_the_first_three_results(
    site_url: str, watched_page: tuple[Any, BrowserWatch], query: str, expected: str
) -> None:
    page, watch = watched_page
    top = _top_three(page, site_url, query)
    assert expected in [href for href, _ in top], f"{query!r}: {top}"
    _assert_clean(watch)


def test_procedures_rank_above_role_pages_and_indexes(site_url: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, watch = watched_page
    top = _top_three(page, site_url, "接待")
    procedures = {f"{p.section}/{p.id}.html" for p in _handbook().procedures}
    assert all(href in procedures and "接待" in title for href, title in top), top
    _assert_clean(watch)


def test_a_result_highlights_the_whole_term_not_its_first_character(
    served_site: str, watched_page: tuple[Any, BrowserWatch]
) -> None:
    page, watch = watched_page
    top = _top_three(page, served_site, "吧台")
    page.goto(served_site + top[0][0] + "?h=" + quote("吧台"))
    page.wait_for_selector("mark[data-md-highlight]")
    marks = page.evaluate("Array.from(document.querySelectorAll('mark[data-md-highlight]')).map(m => m.textContent)")
    assert marks and set(marks) == {"吧台"}, marks
    _assert_clean(watch)


def test_user_text_shows_as_text(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, watch = watched_page
    page.goto(served_site + "sales-property/sales-site-property-reception.html")
    text = page.inner_text("article")
    assert "先生/小姐您好，请问您是来参观展示中心的吗？" in text
    _assert_clean(watch)


def test_an_inferred_mark_shows_its_reason_on_focus(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, watch = watched_page
    page.goto(served_site + "reception/service-reception.html")
    mark = page.locator(".hb-inferred").first
    reason = mark.get_attribute("data-reason")
    assert reason and "原文" in reason
    hidden = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert hidden in ("none", "normal", ""), "the reason stays out of the way until asked for"
    mark.focus()  # a tap or the keyboard
    shown = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert reason in shown
    assert reason in (mark.get_attribute("aria-label") or ""), "screen readers hear the reason"
    _assert_clean(watch)
