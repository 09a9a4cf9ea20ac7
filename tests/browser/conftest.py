"""Headless Chromium against a freshly built handbook, served on localhost and opened from file://."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, build_site

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


def _require(found: object, what: str) -> None:
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; under CI=true the browser tests must run")
    pytest.skip(f"{what} is not installed (make system-deps installs it)")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    _require(path, "Debian chromium")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def axe_script() -> Path:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    _require(path.is_file(), "axe-core (npm ci)")
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per session with `handbook build`."""
    site = tmp_path_factory.mktemp("site") / "site"
    build_site(ROOT, site)
    return site


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


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    with serve_folder(built_site) as url:
        yield url


@dataclass
class BrowserWatch:
    """What the pages did that they must not: leave the machine, log errors."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(params=["http", "file"])
def site_url(request: pytest.FixtureRequest, built_site: Path) -> str:
    if request.param == "http":
        url: str = request.getfixturevalue("served_site")
        return url
    return built_site.as_uri() + "/"


@pytest.fixture
def watched_page(browser: object) -> Iterator[tuple[object, BrowserWatch]]:
    from playwright.sync_api import Browser, ConsoleMessage, Request

    assert isinstance(browser, Browser)
    watch = BrowserWatch()
    context = browser.new_context(locale="zh-CN")

    def record(request: Request) -> None:
        if not is_local(request.url):
            watch.outside_requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.console_errors.append(f"{message.text} ({message.location})")

    context.on("request", record)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda exc: watch.console_errors.append(str(exc)))
    yield page, watch
    context.close()
