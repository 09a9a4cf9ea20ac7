"""Checklist PDFs of the seed handbook: they open, are A4, one page a sheet, hold the real text, and their
QR codes lead back to their pages. Text is read with pypdfium2 (other extractors return Kangxi radicals)."""

from __future__ import annotations

import ctypes
import dataclasses
import json
import os
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp

from generator.model.handbook import ChecklistItem, Phase, Step, Timing
from generator.publish import pdf as pdf_engine
from generator.publish.pdf import WrittenPdf, write_checklist_pdfs
from generator.render import parallel_map, paths
from generator.render.checklist.print_data import print_data
from generator.render.checklist.sheets import Sheet, all_sheets
from generator.render.document_control import version_line
from generator.render.labels import labels_for
from generator.render.parallel_map import map_in_workers
from tests.helpers import paths as test_paths
from tests.helpers.golden import assert_golden
from tests.helpers.pdf_text import open_pdf, page_text, squeeze
from tests.helpers.seed_handbook import seed, seed_procedure
from tests.helpers.site_fixture import SITE_URL, fixture_handbook

A4_POINTS = (595.28, 841.89)
CJK_FONTS = ("+NotoSansCJKsc-Regular", "+NotoSansCJKsc-Bold")
GOLDENS = test_paths.GOLDENS / "print"


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[WrittenPdf]]:
    site = tmp_path_factory.mktemp("seed-site")
    return site, write_checklist_pdfs(seed(), site, SITE_URL)


def fonts_of_chinese_characters(document: pdfium.PdfDocument) -> dict[str, str]:
    """The font each Chinese character of the first page is drawn with."""
    textpage = document[0].get_textpage()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    fonts: dict[str, str] = {}
    for index, char in enumerate(textpage.get_text_range()):
        if "\u4e00" <= char <= "\u9fff":
            pdfium_raw.FPDFText_GetFontInfo(textpage, index, name, len(name), ctypes.byref(flags))
            fonts[char] = name.value.decode("latin-1")
    return fonts


def decoded_qr_codes(document: pdfium.PdfDocument) -> list[str]:
    image = document[0].render(scale=3).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image) if found.format == zxingcpp.BarcodeFormat.QRCode]


def sheets_by_pdf() -> dict[str, Sheet]:
    return {s.pdf: s for s in all_sheets(seed())}


def test_one_pdf_per_procedure_and_per_role_and_a_bundle(seed_pdfs: tuple[Path, list[WrittenPdf]]) -> None:
    site, written = seed_pdfs
    expected = [s.pdf for s in all_sheets(seed())] + [paths.CHECKLISTS_BUNDLE]
    assert [w.path for w in written] == expected
    assert {f"checklists/{p.id}.pdf" for p in seed().procedures} <= set(expected)
    assert "checklists/roles/bar-attendant.pdf" in expected
    for pdf in expected:
        assert (site / pdf).read_bytes().startswith(b"%PDF-")


def test_every_pdf_opens_is_a4_and_every_seed_sheet_is_one_page(seed_pdfs: tuple[Path, list[WrittenPdf]]) -> None:
    site, written = seed_pdfs
    for pdf in written:
        for document in open_pdf(site / pdf.path):
            expected_pages = len(written) - 1 if pdf.path == paths.CHECKLISTS_BUNDLE else 1
            assert len(document) == expected_pages, pdf.path
            for index in range(len(document)):
                width, height = document[index].get_size()
                assert (round(width, 1), round(height, 1)) == (595.3, 841.9), (pdf.path, index)


def test_every_item_version_and_date_is_real_text_in_the_pdf(seed_pdfs: tuple[Path, list[WrittenPdf]]) -> None:
    site, _ = seed_pdfs
    for pdf, sheet in sheets_by_pdf().items():
        for document in open_pdf(site / pdf):
            text = squeeze(page_text(document))
        for group in sheet.groups:
            assert squeeze(group.title) in text, (pdf, group.title)
            for item in group.items:
                assert squeeze(item.text) in text, (pdf, item.text)
                assert item.confirm is None or squeeze(item.confirm) in text, (pdf, item.confirm)
                assert item.clock is None or item.clock in text, (pdf, item.clock)
        for procedure in sheet.procedures:
            assert squeeze(version_line(labels_for("zh"), procedure)) in text, pdf
        for label in ("员工姓名", "日期和时间", "班次", "主管签字", "第1页，共1页"):
            assert label in text, (pdf, label)


def test_chinese_is_set_in_a_cjk_font_not_as_missing_glyphs(seed_pdfs: tuple[Path, list[WrittenPdf]]) -> None:
    site, _ = seed_pdfs
    for document in open_pdf(site / "checklists/roles/bar-attendant.pdf"):
        fonts = fonts_of_chinese_characters(document)
    assert set("吧台服务员检查清单第页共") <= set(fonts)
    # Noto Sans CJK SC, embedded as a subset of the glyphs the sheet uses.
    assert {char: font for char, font in fonts.items() if not font.endswith(CJK_FONTS)} == {}


def test_qr_code_of_every_sheet_decodes_to_its_page_url(seed_pdfs: tuple[Path, list[WrittenPdf]]) -> None:
    site, _ = seed_pdfs
    for pdf, sheet in sheets_by_pdf().items():
        for document in open_pdf(site / pdf):
            assert decoded_qr_codes(document) == [paths.canonical_url(SITE_URL, sheet.page)], pdf


def test_bundle_has_a_bookmark_per_sheet_on_its_page(seed_pdfs: tuple[Path, list[WrittenPdf]]) -> None:
    site, _ = seed_pdfs
    for document in open_pdf(site / paths.CHECKLISTS_BUNDLE):
        top = [(b.get_title(), b.get_dest().get_index()) for b in document.get_toc() if b.level == 0]
        metadata = document.get_metadata_dict()
    titles = [f"检查清单：{s.title}" for s in all_sheets(seed())]
    assert top == [(title, index) for index, title in enumerate(titles)]
    assert metadata["Title"] == f"{seed().title} · 检查清单"
    assert metadata["CreationDate"] == metadata["ModDate"] == "D:20261101000000Z"


def test_bundle_page_numbers_restart_at_each_sheet_behind_its_key(seed_pdfs: tuple[Path, list[WrittenPdf]]) -> None:
    from pypdf import PdfReader

    site, written = seed_pdfs
    bundle = PdfReader(site / paths.CHECKLISTS_BUNDLE, strict=True)
    expected = [
        f"{s.key} {page}" for s, w in zip(all_sheets(seed()), written, strict=False) for page in range(1, w.pages + 1)
    ]
    assert bundle.page_labels == expected
    # Every page of the bundle is the sheet's own page: the same words.
    first = PdfReader(site / written[0].path)
    assert bundle.pages[0].extract_text() == first.pages[0].extract_text()


def test_a_checklist_of_25_items_in_5_phases_fits_one_a4_page(tmp_path: Path) -> None:
    def step(phase: int, number: int) -> Step:
        text = f"检查第 {phase}.{number} 项：工具、物资和台面是否整洁到位"
        item = ChecklistItem(text, "已确认" if number % 3 else None)
        timing = Timing(at=f"{8 + phase:02d}:{number * 10:02d}")
        return Step(f"s{phase}-{number}", f"步骤 {phase}.{number}", "bar-attendant", (), timing=timing, checklist=item)

    phases = tuple(Phase(f"p{k}", f"第 {k} 阶段", tuple(step(k, n) for n in range(1, 6))) for k in range(1, 6))
    procedure = dataclasses.replace(seed_procedure("bar-counter-service"), phases=phases)
    written = write_checklist_pdfs(dataclasses.replace(seed(), procedures=(procedure,)), tmp_path, SITE_URL)
    assert [(w.path, w.pages) for w in written] == [
        ("checklists/bar-counter-service.pdf", 1),
        ("checklists/roles/bar-attendant.pdf", 1),
        ("checklists/index.pdf", 2),
    ]


def test_same_handbook_gives_byte_identical_pdfs(tmp_path: Path) -> None:
    first = write_checklist_pdfs(fixture_handbook(), tmp_path / "one", SITE_URL)
    second = write_checklist_pdfs(fixture_handbook(), tmp_path / "two", SITE_URL)
    assert first == second
    for pdf in first:
        assert (tmp_path / "one" / pdf.path).read_bytes() == (tmp_path / "two" / pdf.path).read_bytes(), pdf.path


def test_ageing_the_engines_memo_after_each_sheet_changes_no_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Long sheets are followed by empty layouts that let the engine forget them; nothing printed may differ.
    plain = write_checklist_pdfs(fixture_handbook(), tmp_path / "plain", SITE_URL)
    monkeypatch.setattr(pdf_engine, "LARGE_SHEET_DATA", 0)
    settled = write_checklist_pdfs(fixture_handbook(), tmp_path / "settled", SITE_URL)
    assert settled == plain
    for pdf in plain:
        assert (tmp_path / "plain" / pdf.path).read_bytes() == (tmp_path / "settled" / pdf.path).read_bytes(), pdf.path


def test_without_a_site_address_the_pdf_says_so_and_has_no_qr_code(tmp_path: Path) -> None:
    write_checklist_pdfs(fixture_handbook(), tmp_path, None)
    for document in open_pdf(tmp_path / "checklists/full-example.pdf"):
        assert decoded_qr_codes(document) == []
        assert "未配置网站地址" in squeeze(page_text(document))


def test_print_data_matches_golden(update_goldens: bool) -> None:
    sheet = next(s for s in all_sheets(fixture_handbook()) if s.key == "full-example")
    text = json.dumps(print_data(sheet, "zh", SITE_URL), ensure_ascii=False, indent=1) + "\n"
    assert_golden(text, GOLDENS / "full-example.json", update_goldens)


def test_markup_in_user_text_is_printed_as_it_was_written(tmp_path: Path) -> None:
    written = '#panic("x") *粗体* $x^2$ <label> @ref \\ `code` = 标题'
    handbook = fixture_handbook()
    procedure = next(p for p in handbook.procedures if p.id == "full-example")
    hostile = dataclasses.replace(procedure, title=written)
    write_checklist_pdfs(dataclasses.replace(handbook, procedures=(hostile,)), tmp_path, SITE_URL)
    for document in open_pdf(tmp_path / "checklists/full-example.pdf"):
        assert squeeze(f"检查清单：{written}") in squeeze(page_text(document))


def _pid(n: int) -> int:
    return os.getpid()


def test_no_workers_are_forked_once_the_pdf_engine_runs_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fork while the engine's own threads hold a lock would leave the child waiting for ever.
    write_checklist_pdfs(fixture_handbook(), tmp_path, SITE_URL)  # few sheets: laid out in this process
    monkeypatch.setattr(parallel_map, "MIN_ITEMS_FOR_WORKERS", 2)
    monkeypatch.setattr(parallel_map, "usable_cores", lambda: 2)
    assert set(map_in_workers(_pid, range(200))) == {os.getpid()}
