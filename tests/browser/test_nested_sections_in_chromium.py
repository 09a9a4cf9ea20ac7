"""A handbook with nested sections, as a reader sees it: breadcrumbs that lead up, and navigation that
opens the page's own sections only."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli.main import main
from tests.helpers.nested_handbook import write_nested_handbook

PAGE = "property/sales-site/bar/bar-service.html"


@pytest.fixture(scope="module")
def nested_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_nested_handbook(tmp_path_factory.mktemp("nested") / "hb")
    with contextlib.chdir(root):
        assert main(["build", "--no-pdf", "--no-cache", "--site-dir", "site"]) == 0
    return root / "site"


@pytest.fixture
def procedure_page(nested_site: Path, browser: Any) -> Iterator[Any]:
    """The procedure three sections down, opened from file:// on a desktop screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto((nested_site / PAGE).as_uri())
        yield page
    finally:
        context.close()


def test_breadcrumbs_show_above_the_title_and_lead_to_the_section(procedure_page: Any) -> None:
    page = procedure_page
    crumbs = page.locator("nav.hb-breadcrumbs a")
    assert crumbs.all_inner_texts() == ["物业服务", "案场服务", "吧台"]
    trail_box = page.locator("nav.hb-breadcrumbs").bounding_box()
    title_box = page.locator("article h1").bounding_box()
    assert trail_box is not None and title_box is not None and trail_box["y"] < title_box["y"]
    crumbs.nth(1).click()
    page.wait_for_load_state()
    assert page.url.endswith("property/sales-site/index.html")
    assert page.locator("article h1").inner_text().startswith("案场服务")
    assert page.locator("article .hb-card-title a").all_inner_texts() == ["吧台"]


def test_navigation_opens_the_page_s_own_sections_and_leaves_the_others_closed(procedure_page: Any) -> None:
    page = procedure_page
    primary = page.locator("nav.md-nav--primary")
    visible = [
        text.strip() for text in primary.locator("a.md-nav__link:visible, label.md-nav__link:visible").all_inner_texts()
    ]
    assert {"测试", "物业服务", "案场服务", "吧台", "吧台饮品服务", "停车场", "物业区域守则"} <= set(visible)
    # The other section's procedures are not in the page at all (pruned), nor the sibling's procedures.
    assert primary.get_by_text("停车引导").count() == 0
    assert primary.locator('a[href$="testing/valid-base.html"]').count() == 0
