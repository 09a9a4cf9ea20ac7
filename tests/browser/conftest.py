"""Headless Chromium against a freshly built handbook, served on localhost and opened from file://.

Every test in this folder is marked ``browser`` (``pytest -m "not browser"`` leaves them out);
no test outside it starts Chromium.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.browser import CHROMIUM_ARGS, BrowserWatch, is_local, serve_folder
from tests.helpers.paths import ROOT
from tests.helpers.tools import require_tool

BROWSER_TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``, before ``-m`` selects by marker."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require_tool(path, "Debian chromium", "make system-deps")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def axe_script() -> Path:
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    require_tool(path.is_file(), "axe-core (npm ci)", "make system-deps")
    return path


@pytest.fixture(scope="session")
def built_site(shipped_site: Path) -> Path:
    """The real handbook, built once per test run with `handbook build` (shared with other tests)."""
    return shipped_site


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    with serve_folder(built_site) as url:
        yield url


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
