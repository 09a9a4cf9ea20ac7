"""The editor's loop as a person sees it in Chromium: the preview's banner lists the problems of the
files being edited, with file, line and column, and goes away once they are fixed, with no restart."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.browser import BrowserWatch
from tests.helpers.preview_server import run_new, serving, wait_for

pytestmark = pytest.mark.browser

BANNER = "aside.hb-preview-problems"
NEW_PAGE = "testing/visitor-badges.html"
WHERE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+)$")


def _banner_items(page: Any) -> list[dict[str, str]]:
    """Each problem the banner lists: where, message and hint, as the reader sees them."""
    items: list[dict[str, str]] = page.evaluate(
        """Array.from(document.querySelectorAll('.hb-preview-problem')).map(li => ({
            where: li.querySelector('.hb-preview-where').textContent,
            message: li.querySelector('.hb-preview-message').textContent,
            hint: (li.querySelector('.hb-preview-hint') || {textContent: ''}).textContent}))"""
    )
    return items


def _shows(page: Any, url: str, condition: Callable[[], bool]) -> bool:
    """Reload ``url`` until ``condition`` holds on it (the preview rebuilds in the background)."""

    def check() -> bool:
        response = page.goto(url)
        return response is not None and response.ok and condition()

    return wait_for(check, seconds=90)


def _fill_in_placeholders(scaffold: Path) -> None:
    text = scaffold.read_text(encoding="utf-8")
    scaffold.write_text(re.sub(r"([\"'])(待填写|To fill in).*?\1", '"访客证发放"', text), encoding="utf-8")


def test_the_banner_lists_problems_where_they_are_and_goes_when_they_are_fixed(
    handbook_copy: Path, tmp_path: Path, watched_page: tuple[Any, BrowserWatch]
) -> None:
    page, watch = watched_page
    with serving(handbook_copy, tmp_path) as (url, log):
        base = url.rsplit("/", 2)[0] + "/"
        run_new(handbook_copy)  # a new procedure full of placeholders: warnings, never a frozen preview
        assert _shows(page, base + NEW_PAGE, lambda: "访客证管理流程" in page.inner_text("article")), log.read_text()
        assert page.locator(BANNER).is_visible()
        placeholders = [
            item for item in _banner_items(page) if item["where"].startswith("procedures/testing/visitor-badges.yaml:")
        ]
        assert placeholders, _banner_items(page)
        assert all(WHERE.match(item["where"]) and item["message"] for item in placeholders)

        source = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
        original = source.read_text(encoding="utf-8")
        source.write_text(original.replace("\ntitle:", "\n title:", 1), encoding="utf-8")  # indentation broken

        def broken_file_listed() -> bool:
            return any(i["where"].startswith("procedures/testing/valid-base.yaml:") for i in _banner_items(page))

        assert _shows(page, url, broken_file_listed), log.read_text()
        (broken,) = [i for i in _banner_items(page) if i["where"].startswith("procedures/testing/valid-base.yaml:")]
        where = WHERE.match(broken["where"])
        assert where is not None and (where["line"], where["column"]) != ("1", "1")
        assert re.search("[\u4e00-\u9fff]", broken["message"]), "said in plain words, in the handbook's language"
        assert "YAML" in broken["message"], "with the English alongside, to search for"
        assert page.locator(".hb-preview-excerpt").first.inner_text().count("^") == 1, "the line, and a caret"
        assert "吧台服务" in page.inner_text("article"), "the last good page stays under the banner"

        source.write_text(original.replace("title: 吧台服务", "title: 吧台服务（修订）", 1), encoding="utf-8")
        _fill_in_placeholders(handbook_copy / "procedures" / "testing" / "visitor-badges.yaml")
        assert _shows(
            page, url, lambda: "吧台服务（修订）" in page.inner_text("article") and page.locator(BANNER).count() == 0
        ), log.read_text()
        assert _shows(page, base + NEW_PAGE, lambda: "访客证发放" in page.inner_text("article"))
        assert page.locator(BANNER).count() == 0
        assert "Traceback" not in log.read_text(encoding="utf-8")
    assert watch.outside_requests == []
