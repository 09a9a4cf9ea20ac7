"""The PDF of a checklist and its page on the site say the same: both are rendered from one ``Sheet``.

The page's sheet (what the browser prints) is read from the generated page; the PDF's text is
read back from the file. Apart from the PDF's own page heading and page footer, the two hold
the same words in the same order.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from generator.publish.pdf import write_checklist_pdfs
from generator.render.checklist.sheets import Sheet, all_sheets
from generator.render.labels import labels_for
from tests.helpers.pdf_text import open_pdf, page_text, squeeze
from tests.helpers.site_fixture import SITE_URL, fixture_handbook, fixture_site

_SHEET = re.compile(r'<div class="hb-sheet" data-sheet="[^"]*">.*?</footer>\s*</div>', re.S)
_NOT_PRINTED = re.compile(r'<p class="hb-sheet-title">.*?</p>|<svg.*?</svg>', re.S)
_TAG = re.compile(r"<[^>]+>")
_PAGE_LABEL = re.compile(r"\{page\}|\{pages\}")
_BULLET = "\u2022"  # drawn by CSS on the page, printed as a character in the PDF
_LINE_END_HYPHEN = "\ufffe"  # what the PDF reader returns for a hyphen a line was broken after


def page_sheet_text(sheet: Sheet) -> str:
    page = fixture_site().files[sheet.page]
    found = _SHEET.search(page)
    assert found is not None, sheet.page
    return squeeze(unescape(_TAG.sub("", _NOT_PRINTED.sub("", found.group(0)))))


def pdf_sheet_text(site: Path, sheet: Sheet) -> str:
    labels = labels_for("zh")
    for document in open_pdf(site / sheet.pdf):
        text = squeeze(page_text(document)).replace(_BULLET, "").replace(_LINE_END_HYPHEN, "-")
    heading = squeeze(labels.format("checklist_title", title=sheet.title))
    assert text.startswith(heading), sheet.pdf
    page_label = _PAGE_LABEL.sub("1", squeeze(labels.page_x_of_y))
    assert text.endswith(page_label), sheet.pdf
    # The page footer repeats the sheet's title and version before the page label.
    body = text.removeprefix(heading).removesuffix(page_label)
    return body[: body.rindex(squeeze(sheet.title))]


@pytest.fixture(scope="module")
def fixture_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fixture-pdfs")
    write_checklist_pdfs(fixture_handbook(), site, SITE_URL)
    return site


@pytest.mark.parametrize("key", [s.key for s in all_sheets(fixture_handbook())])
def test_the_pdf_says_what_the_checklist_page_says(fixture_pdfs: Path, key: str) -> None:
    sheet = next(s for s in all_sheets(fixture_handbook()) if s.key == key)
    assert pdf_sheet_text(fixture_pdfs, sheet) == page_sheet_text(sheet)
