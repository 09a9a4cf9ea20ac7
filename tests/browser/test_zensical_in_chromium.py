"""The handbook built by Zensical from the exported docs tree (`handbook build --engine zensical`).

Zensical is an optional extra: without it these tests skip, except under CI=true, where the
Makefile installs it and a missing Zensical is a failure.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli.main import main
from generator.mkdocs_plugin.zensical_engine import INSTALL_HINT, zensical_command
from tests.helpers.browser import serve_folder
from tests.helpers.paths import FIXTURE_HANDBOOK, ROOT
from tests.helpers.tools import require_tool


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool(zensical_command(), "Zensical", INSTALL_HINT)
    site = tmp_path_factory.mktemp("zensical") / "site"
    with contextlib.chdir(ROOT):
        assert main(["build", "--engine", "zensical", "--site-dir", str(site)]) == 0
    return site


@pytest.fixture(scope="module", params=["http", "file"])
def zensical_url(request: pytest.FixtureRequest, zensical_site: Path) -> Iterator[str]:
    if request.param == "file":
        yield zensical_site.as_uri() + "/"
        return
    with serve_folder(zensical_site) as url:
        yield url


def test_a_procedure_page_its_flowchart_and_its_checklist_render(watched_page: Any, zensical_url: str) -> None:
    page, watch = watched_page
    page.goto(zensical_url + "sales-property/bar-counter-service.html")
    assert page.locator("h1").first.inner_text().startswith("案场物业服务流程（吧台服务岗）")
    chart = page.locator(".hb-flowchart svg").first
    assert chart.is_visible() and chart.bounding_box()["width"] > 200
    assert page.locator(".hb-flowchart svg a").count() >= 5  # boxes link to their steps
    page.goto(zensical_url + "checklists/bar-counter-service.html")
    assert page.locator(".hb-item").count() == 9
    assert page.locator(".hb-sheet-qr").count() == 1
    assert watch.outside_requests == [] and watch.console_errors == []


def test_search_finds_bar_work_in_chinese(watched_page: Any, zensical_url: str) -> None:
    page, watch = watched_page
    page.goto(zensical_url + "index.html")
    page.wait_for_load_state("load")
    box = page.get_by_role("combobox", name="Search")
    for _ in range(10):  # the search opens on "/" once its script has started
        page.keyboard.press("/")
        if box.is_visible():
            break
        page.wait_for_timeout(300)
    box.fill("吧台")
    results = page.get_by_role("listbox", name="Search results").get_by_role("option")
    results.first.wait_for(timeout=15000)
    titles = [results.nth(i).locator("h2").inner_text() for i in range(min(3, results.count()))]
    assert all("吧台" in title for title in titles), titles
    assert watch.outside_requests == [] and watch.console_errors == []


def test_the_edit_button_opens_the_procedure_yaml(watched_page: Any, tmp_path: Path) -> None:
    require_tool(zensical_command(), "Zensical", INSTALL_HINT)
    with contextlib.chdir(FIXTURE_HANDBOOK):
        site, cache = str(tmp_path / "site"), str(tmp_path / "cache")  # nothing written into the fixture
        assert main(["build", "--engine", "zensical", "--no-pdf", "--site-dir", site, "--cache-dir", cache]) == 0
    page, _ = watched_page
    page.goto((tmp_path / "site" / "testing" / "full-example.html").as_uri())
    edit = page.locator('a[rel="edit"]')
    assert edit.get_attribute("href") == (
        "https://git.fixture.test/handbook-team/procedure-handbook/edit/main/procedures/testing/full-example.yaml"
    )
