"""Headless Chromium for the tests in tests/browser: its switches, a local web server, what pages did
that they must not (leave the machine, log errors), axe-core's verdict on a page and Material's search
opened on a query. Only tests/browser imports this."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing may leave the machine: every host name but localhost fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site on a free localhost port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class BrowserWatch:
    """What the pages did that they must not: leave the machine, log errors."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    """Whether a request for ``url`` stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


# WCAG 2.1 levels A and AA, as axe-core tags its rules.
AXE_WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21aa"]
_AXE_RUN = """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations']})).violations"""
_SETTLED = "document.getAnimations().every(a => a.playState !== 'running')"


def axe_violations(page: Any, axe_script: Path) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is now (once its transitions have
    ended: a fading dialog would be measured half transparent), one line per rule with its first places."""
    page.wait_for_function(_SETTLED, timeout=5000)
    page.add_script_tag(path=str(axe_script))
    found: list[dict[str, Any]] = page.evaluate(_AXE_RUN, AXE_WCAG_21_AA)
    return [
        f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}: {v['nodes'][0]['failureSummary']}"
        for v in found
    ]


def open_search_results(page: Any, query: str) -> None:
    """Type ``query`` into Material's search as an input method does (text, then a key) until results show
    (the index loads in the background)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    opener = page.locator('label.md-header__button[for="__search"]')  # on a phone, the search is behind a button
    if opener.is_visible():
        opener.click()
    page.locator(".md-search__input").first.click()
    for _ in range(6):
        page.fill("input.md-search__input", query)
        page.keyboard.press("End")  # Material queries on key events; a CJK input method commits text without one
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"no search results for {query!r}")
