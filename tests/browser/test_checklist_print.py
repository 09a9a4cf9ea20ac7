"""Printing a checklist page from Chromium: no site chrome, black on white, large items, one A4 sheet,
and a QR code that leads back to the page once the site's address is set (the shipped mkdocs.yml
holds a stand-in, so its sheets say that there is no QR code instead)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

pytestmark = pytest.mark.browser

FIXTURE_SITE_URL = "https://handbook.fixture.test/"  # the fixture handbook's mkdocs.yml
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
PAGES = ["checklists/bar-counter-service.html", "checklists/roles/bar-attendant.html"]


@pytest.fixture
def print_page(browser: object, built_site: Path) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(locale="zh-CN", viewport={"width": A4_WIDTH_PX, "height": 1123})
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def open_sheet(page: object, built_site: Path, path: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto((built_site / path).as_uri())
    page.wait_for_load_state("load")


@pytest.mark.parametrize("path", PAGES)
def test_printed_checklist_shows_the_sheet_and_nothing_of_the_site(
    print_page: object, built_site: Path, path: str, tmp_path: Path
) -> None:
    from playwright.sync_api import Page

    assert isinstance(print_page, Page)
    open_sheet(print_page, built_site, path)
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".hb-sheet-actions"):
        assert not print_page.locator(chrome).first.is_visible(), chrome
    for part in (".hb-qr-missing", ".hb-items", ".hb-signoff", ".hb-sheet-footer"):
        assert print_page.locator(part).first.is_visible(), part
    style = print_page.evaluate(
        """() => {
            const px = (el, prop) => parseFloat(getComputedStyle(el)[prop]);
            const items = [...document.querySelectorAll('.hb-item-text')];
            const box = getComputedStyle(document.querySelector('.hb-box'));
            return {
                smallestItemPx: Math.min(...items.map(el => px(el, 'fontSize'))),
                boxBorderPx: parseFloat(box.borderTopWidth), boxColor: box.borderTopColor,
                text: getComputedStyle(document.querySelector('.hb-item-text')).color,
                background: getComputedStyle(document.body).backgroundColor,
                family: getComputedStyle(document.body).fontFamily,
            };
        }"""
    )
    assert style["smallestItemPx"] >= 11 * 96 / 72 - 0.01  # at least 11 pt
    assert style["boxBorderPx"] >= 1 and style["boxColor"] == "rgb(0, 0, 0)"
    assert style["text"] == "rgb(0, 0, 0)" and style["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert style["family"].startswith('"Noto Sans CJK SC"')

    shot = tmp_path / "print.png"
    print_page.screenshot(path=str(shot), full_page=True)
    assert [found.text for found in zxingcpp.read_barcodes(_image(shot))] == []


@pytest.mark.parametrize("path", ["checklists/valid-base.html", "checklists/roles/bar-attendant.html"])
def test_with_the_site_address_set_the_printed_qr_code_leads_to_the_page(
    print_page: object, fixture_handbook_site: Path, path: str, tmp_path: Path
) -> None:
    from playwright.sync_api import Page

    assert isinstance(print_page, Page)
    open_sheet(print_page, fixture_handbook_site, path)
    assert print_page.locator(".hb-sheet-qr svg").first.is_visible()
    shot = tmp_path / "print.png"
    print_page.screenshot(path=str(shot), full_page=True)
    decoded = [found.text for found in zxingcpp.read_barcodes(_image(shot))]
    assert decoded == [FIXTURE_SITE_URL + path]


@pytest.mark.parametrize("path", PAGES)
def test_chromium_prints_the_checklist_on_one_a4_page(
    print_page: object, built_site: Path, path: str, tmp_path: Path
) -> None:
    from playwright.sync_api import Page

    assert isinstance(print_page, Page)
    open_sheet(print_page, built_site, path)
    pdf = tmp_path / "printed.pdf"
    print_page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == 1
        width, height = document[0].get_size()
        assert (round(width), round(height)) == (595, 842)
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    assert "签字确认" in text and "生效日期" in text


def _image(path: Path) -> object:
    from PIL import Image

    return Image.open(path)
