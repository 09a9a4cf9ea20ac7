"""Checklist sheets: which items a sheet holds, in which order, and the pages and links made of them."""

from __future__ import annotations

import dataclasses

from generator.model.handbook import ChecklistItem, Phase, Procedure, Shift, Step, Timing
from generator.render import paths
from generator.render.checklist.sheets import all_sheets, procedure_sheet, role_sheets
from generator.render.site.content import build_site_content
from tests.helpers.seed_handbook import seed, seed_procedure
from tests.helpers.site_fixture import SITE_URL, TODAY, fixture_handbook, fixture_site


def test_bar_attendant_gets_one_sheet_for_the_whole_shift_in_the_order_of_the_day() -> None:
    sheet = next(s for s in role_sheets(seed()) if s.title == "吧台服务员")
    assert [p.id for p in sheet.procedures] == ["bar-counter-service", "early-sales-site-reception"]
    assert [g.title for g in sheet.groups] == ["班前", "吧员工作流程", "吧员服务标准", "班中", "下班程序"]
    clocks = [item.clock for item in sheet.groups[1].items]
    assert clocks == ["08:30", "08:50–09:00", "09:00–09:10", "09:10–11:30", "18:00–18:50", "18:50–19:00"]
    expected = [s.checklist.text for p in sheet.procedures for s in p.steps if s.checklist is not None]
    assert sorted(item.text for g in sheet.groups for item in g.items) == sorted(expected)
    assert all(item.procedure == g.procedure for g in sheet.groups for item in g.items)


def _duty_step(step_id: str, at: str | None = None) -> Step:
    timing = Timing(at=at) if at else None
    return Step(step_id, step_id, "bar-attendant", (), timing=timing, checklist=ChecklistItem(f"做 {step_id}"))


def _with_phases(base: Procedure, new_id: str, *phases: Phase) -> Procedure:
    return dataclasses.replace(base, id=new_id, phases=phases)


def test_role_sheet_merges_procedures_by_time_of_day_with_before_and_end_of_shift_outside() -> None:
    handbook = seed()
    base = seed_procedure("early-sales-site-reception")
    morning = _with_phases(
        base,
        "morning",
        Phase("pre", "班前", (_duty_step("m-pre"),), shift=Shift.BEFORE),
        Phase("day", "白天", (_duty_step("m-lead"), _duty_step("m-9", "09:00"), _duty_step("m-after-9"))),
        Phase("post", "下班", (_duty_step("m-post"),), shift=Shift.AFTER),
    )
    evening = _with_phases(
        base,
        "evening",
        Phase("pre", "班前", (_duty_step("e-pre"),), shift=Shift.BEFORE),
        Phase("day", "白天", (_duty_step("e-8", "08:00"), _duty_step("e-after-8"), _duty_step("e-12", "12:00"))),
        Phase("post", "下班", (_duty_step("e-post"),), shift=Shift.AFTER),
    )
    untimed = _with_phases(base, "untimed", Phase("day", "随时", (_duty_step("u-1"), _duty_step("u-2"))))
    merged = dataclasses.replace(handbook, procedures=(morning, untimed, evening))
    sheet = next(s for s in role_sheets(merged) if s.key == "bar-attendant")
    order = [item.step.id for g in sheet.groups for item in g.items]
    assert order == [
        "m-pre", "e-pre",  # 班前, in handbook order
        "e-8", "e-after-8", "m-lead", "m-9", "m-after-9", "e-12",  # by clock; untimed ones beside their neighbours
        "u-1", "u-2",  # a procedure without clock times: after the timed items
        "m-post", "e-post",  # 下班
    ]  # fmt: skip
    assert [item.procedure.id if item.procedure else None for g in sheet.groups for item in g.items][2:4] == [
        "evening",
        "evening",
    ]
    assert len({g.anchor for g in sheet.groups}) == len(sheet.groups)


def test_deadlines_durations_and_branch_conditions_are_on_the_sheet_items() -> None:
    items = {
        i.step.id: i for g in procedure_sheet(seed_procedure("customer-reception-arrangement")).groups for i in g.items
    }
    assert items["fill-request"].when == ("重要接待提前 2 天告知上级领导",)
    items = {
        i.step.id: i for g in procedure_sheet(seed_procedure("early-sales-site-reception")).groups for i in g.items
    }
    assert items["serve-ordered-drink"].when == ("3 分钟内",)
    assert items["report-for-duty"].when == ()
    sheet = procedure_sheet(seed_procedure("customer-reception-etiquette"))
    branched = [(i.branch.label, i.branch.otherwise) for g in sheet.groups for i in g.items if i.branch]
    assert branched == [("新客户来访，必须慎重", True)]


def test_timed_steps_are_sorted_by_clock_and_untimed_steps_keep_their_place() -> None:
    base = seed_procedure("early-sales-site-reception")

    def step(step_id: str, at: str | None) -> Step:
        timing = Timing(at=at) if at else None
        return Step(step_id, step_id, "bar-attendant", (), timing=timing, checklist=ChecklistItem(f"做 {step_id}"))

    phase = Phase("day", "一天", (step("a", None), step("late", "18:00"), step("b", None), step("early", "08:30")))
    sheet = procedure_sheet(dataclasses.replace(base, phases=(phase,)))
    assert [item.step.id for item in sheet.groups[0].items] == ["a", "early", "b", "late"]


def test_every_checklist_item_is_on_its_procedure_sheet_and_on_exactly_one_role_sheet() -> None:
    handbook = seed()
    total = sum(1 for p in handbook.procedures for s in p.steps if s.checklist is not None)
    assert sum(procedure_sheet(p).item_count for p in handbook.procedures) == total
    assert sum(s.item_count for s in role_sheets(handbook)) == total
    assert len({s.pdf for s in all_sheets(handbook)}) == len(all_sheets(handbook))


def test_canonical_url_joins_the_site_address_and_the_page() -> None:
    page = "checklists/bar-counter-service.md"
    expected = "https://example.org/hb/checklists/bar-counter-service.html"
    assert paths.canonical_url("https://example.org/hb/", page) == expected
    assert paths.canonical_url("https://example.org/hb", page) == expected
    assert paths.canonical_url(None, page) is None
    assert paths.canonical_url("  ", page) is None


def test_checklist_page_has_the_qr_code_of_its_own_address() -> None:
    text = fixture_site().files["checklists/full-example.md"]
    assert '<svg viewBox="0 0 ' in text and 'class="hb-qr"' in text
    assert f"{SITE_URL}checklists/full-example.html" in text
    assert 'href="full-example.pdf"' in text


def test_without_a_site_address_the_page_says_so_instead_of_a_wrong_qr_code() -> None:
    text = build_site_content(fixture_handbook(), TODAY).files["checklists/full-example.md"]
    assert "<svg" not in text
    assert "未配置网站地址" in text and "site_url" in text


def test_role_sheets_are_linked_from_the_index_the_role_pages_and_the_navigation() -> None:
    site = fixture_site()
    index = site.files[paths.CHECKLISTS_INDEX]
    for sheet in role_sheets(fixture_handbook()):
        assert sheet.page in site.files
        assert f'href="{sheet.page.removeprefix("checklists/")[:-3]}.html"' in index
        assert f'href="../{sheet.page[:-3]}.html"' in site.files[paths.role_page(sheet.key)]
        assert f"'{sheet.page}'" in repr(site.nav)
    assert 'href="index.pdf"' in index


def test_role_sheet_lists_the_version_and_date_of_each_procedure_it_draws_on() -> None:
    text = fixture_site().files["checklists/roles/bar-attendant.md"]
    for procedure in fixture_handbook().procedures:
        assert f"<code>{procedure.id}</code> · 版本 {procedure.version} · 生效日期 {procedure.effective}" in text
