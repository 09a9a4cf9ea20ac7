"""The payload handbook in Chromium: no payload script runs, no dialog opens, search shows them as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.browser import open_search_results, serve_folder

# Every payload assigns window.hbpwn or calls alert(); this records both, and any other dialog.
WATCH_SCRIPT = """
window.__hbDialogs = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = function (...args) { window.__hbDialogs.push(name + ':' + args.join(' ')); };
}
"""


@pytest.fixture(scope="module")
def payload_url(payload_site: Path) -> Iterator[str]:
    with serve_folder(payload_site) as url:
        yield url


@pytest.fixture
def guarded_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that records every dialog (and dismisses it) and every script error."""
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(WATCH_SCRIPT)
    events: list[str] = []
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page, events
    context.close()


def _ran(page: Any) -> list[str]:
    """What the payloads did in this page and its frames."""
    done: list[str] = []
    for frame in page.frames:
        if frame.is_detached():
            continue
        value = frame.evaluate("[window.hbpwn, ...(window.__hbDialogs || [])]")
        done += [f"{frame.url}: {v}" for v in value if v is not None]
    return done


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_no_payload_runs_on_any_page(
    scheme: str, payload_site: Path, payload_url: str, guarded_page: tuple[Any, list[str]]
) -> None:
    page, events = guarded_page
    base = payload_url if scheme == "http" else payload_site.as_uri() + "/"
    pages = _pages(payload_site)
    assert len(pages) >= 12
    ran: dict[str, list[str]] = {}
    for path in pages:
        page.goto(base + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        done = _ran(page)
        if done:
            ran[path] = done
    assert ran == {}
    assert events == []


@pytest.mark.parametrize(
    ("query", "shown"), [("注入标题", '</title><script>window.hbpwn="title"</script>'), ("话术", "<script>")]
)
def test_search_results_show_payloads_as_text(
    payload_url: str, guarded_page: tuple[Any, list[str]], query: str, shown: str
) -> None:
    page, events = guarded_page
    page.goto(payload_url + "index.html")
    open_search_results(page, query)
    results = page.locator(".md-search-result__list")
    assert shown in results.inner_text()
    assert results.locator("script, img, svg, iframe").count() == 0
    page.wait_for_load_state("networkidle")
    assert _ran(page) == []
    assert events == []
