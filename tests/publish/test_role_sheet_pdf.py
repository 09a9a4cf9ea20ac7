"""The printed whole-day sheet of a role and the conditions beside items, read back from the PDFs' text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model.handbook import Shift
from generator.publish.pdf import WrittenPdf, write_checklist_pdfs
from generator.render import paths
from generator.render.checklist.sheets import procedure_sheet, role_sheets
from tests.helpers.pdf_text import open_pdf, page_text, squeeze
from tests.helpers.seed_handbook import seed, seed_procedure
from tests.helpers.site_fixture import SITE_URL

CLOCK = re.compile(r"(?<!\d)(\d{2}):(\d{2})(?:–\d{2}:\d{2})?")


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[WrittenPdf]]:
    site = tmp_path_factory.mktemp("seed-site")
    return site, write_checklist_pdfs(seed(), site, SITE_URL)


def pdf_text(site: Path, pdf: str) -> str:
    for document in open_pdf(site / pdf):
        return squeeze(page_text(document))
    raise AssertionError(pdf)


def test_bar_attendant_sheet_runs_before_shift_then_clock_times_ascending_then_end_of_shift(
    seed_pdfs: tuple[Path, list[WrittenPdf]],
) -> None:
    site, _ = seed_pdfs
    sheet = next(s for s in role_sheets(seed()) if s.title == "吧台服务员")
    text = pdf_text(site, sheet.pdf)
    items = text[text.index(squeeze(sheet.groups[0].title)) :]  # after the header and its dates
    clocks = [(m.start(), int(m.group(1)) * 60 + int(m.group(2))) for m in CLOCK.finditer(items)]
    assert len(clocks) >= 2
    assert [minutes for _, minutes in clocks] == sorted(minutes for _, minutes in clocks)

    def shift_texts(shift: Shift) -> list[str]:
        return [
            squeeze(step.checklist.text)
            for procedure in sheet.procedures
            for phase in procedure.phases
            if phase.shift is shift
            for step in phase.steps
            if step.checklist is not None and procedure.role(step.role) is not None
        ]

    before, after = shift_texts(Shift.BEFORE), shift_texts(Shift.AFTER)
    assert before and after
    assert all(items.index(t) < clocks[0][0] for t in before), before
    assert all(items.index(t) > clocks[-1][0] for t in after), after


def test_deadlines_durations_and_branch_conditions_are_printed_beside_their_items(
    seed_pdfs: tuple[Path, list[WrittenPdf]],
) -> None:
    site, _ = seed_pdfs
    arrangement = pdf_text(site, paths.checklist_pdf(seed_procedure("customer-reception-arrangement")))
    assert squeeze("填写申请单，审批后交人事行政部门备案重要接待提前 2 天告知上级领导") in arrangement
    drinks = pdf_text(site, paths.checklist_pdf(seed_procedure("early-sales-site-reception")))
    assert squeeze("复核所点饮料，3 分钟内奉上 — 饮料七分满 3 分钟内") in drinks
    etiquette = seed_procedure("customer-reception-etiquette")
    branched = [i for g in procedure_sheet(etiquette).groups for i in g.items if i.branch is not None]
    assert branched
    text = pdf_text(site, paths.checklist_pdf(etiquette))
    for item in branched:
        assert item.branch is not None
        condition = "否则：" if item.branch.otherwise else f"若{item.branch.label}："
        assert squeeze(condition + item.text) in text
    service = pdf_text(site, paths.checklist_pdf(seed_procedure("service-reception")))
    assert squeeze("若同意：提供维修方案") in service and squeeze("否则：约定下次维修时间") in service
