"""The change set between two handbook models, built from small YAML handbooks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.changes.change_set import ChangeSet, Match, ProcedureChange, Reword, Status, StepKind, StepPlace
from generator.changes.compare import compare
from generator.validate.pipeline import validate_root
from tests.helpers import paths
from tests.helpers.change_handbooks import CLOSING, HANDBOOK, SERVICE, handbook, rooted

Diff = Callable[[dict[str, str], dict[str, str]], ChangeSet]


@pytest.fixture
def diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Diff:
    """``diff(old_files, new_files)``: the change set between two small handbooks."""
    monkeypatch.chdir(tmp_path)
    counter = iter(range(1000))

    def run(old: dict[str, str], new: dict[str, str]) -> ChangeSet:
        old_hb = handbook(Path(f"v{next(counter)}"), old)
        new_hb = handbook(Path(f"v{next(counter)}"), new)
        # The two trees sit in different folders; compare files as paths inside the procedures folder.
        return compare(rooted(old_hb), rooted(new_hb))

    return run


def only(changes: ChangeSet) -> ProcedureChange:
    assert len(changes.procedures) == 1, changes.procedures
    return changes.procedures[0]


def kinds(change: ProcedureChange) -> list[tuple[StepKind, str]]:
    return [(s.kind, s.step.id) for s in change.steps]


BASE = {"bar/service.yaml": SERVICE}


def edited(old: str, new: str, text: str = SERVICE) -> dict[str, str]:
    assert old in text, old
    return {"bar/service.yaml": text.replace(old, new)}


def test_the_same_handbook_has_no_changes(diff: Diff) -> None:
    assert diff(BASE, BASE).is_empty


def test_reworded_title_gives_old_and_new_wording(diff: Diff) -> None:
    change = only(diff(BASE, edited("title: 迎客", "title: 起身迎客")))
    assert kinds(change) == [(StepKind.REWORDED, "greet")]
    assert change.steps[0].rewords == (Reword("title", "迎客", "起身迎客"),)
    assert not change.steps[0].reprint and not change.reprint, "the printed item text is the checklist text"


def test_reworded_details_and_removed_details(diff: Diff) -> None:
    changed = only(diff(BASE, edited("details: 站立微笑迎客。", "details: 起身，微笑迎客。")))
    assert changed.steps[0].rewords == (Reword("details", "站立微笑迎客。", "起身，微笑迎客。"),)
    removed = only(diff(BASE, edited("        details: 站立微笑迎客。\n", "")))
    assert removed.steps[0].rewords == (Reword("details", "站立微笑迎客。", None),)


def test_a_step_moved_to_another_phase_is_one_move(diff: Diff) -> None:
    without_clear = SERVICE.replace("      - id: clear\n        title: 清理桌面\n        role: bar-attendant\n", "")
    moved = without_clear.replace(
        "      - id: music\n",
        "      - id: clear\n        title: 清理桌面\n        role: bar-attendant\n      - id: music\n",
    )
    change = only(diff(BASE, {"bar/service.yaml": moved}))
    assert kinds(change) == [(StepKind.MOVED, "clear")]
    step = change.steps[0]
    assert (step.old_place, step.place) == (StepPlace("班中", 3), StepPlace("班前", 2))
    assert not step.reprint, "a step without a checklist item does not change the sheet"


def test_reordering_marks_only_the_step_that_jumped(diff: Diff) -> None:
    greet = "      - id: greet\n        title: 迎客\n        role: bar-attendant\n        details: 站立微笑迎客。\n"
    greet += "        checklist: 微笑迎客\n"
    serve = "      - id: serve\n        title: 奉上饮品\n        role: bar-attendant\n        checklist: 奉上饮品\n"
    change = only(diff(BASE, edited(greet + serve, serve + greet)))
    assert [k for k, _ in kinds(change)] == [StepKind.MOVED]
    assert change.steps[0].reprint
    assert change.reprint == ("order",)


def test_reassignment_concerns_both_roles(diff: Diff) -> None:
    changes = diff(
        BASE, edited("title: 奉上饮品\n        role: bar-attendant", "title: 奉上饮品\n        role: manager")
    )
    step = only(changes).steps[0]
    assert (step.kind, step.old_role, step.new_role) == (StepKind.REASSIGNED, "吧台服务员", "主管")
    assert step.reprint, "the sheet prints each item's role"
    assert only(changes).reprint == ("roles",)
    by_role = {r.role: [s.step.id for p in r.procedures for s in p.steps] for r in changes.by_role()}
    assert by_role == {"吧台服务员": ["serve"], "主管": ["serve"]}


def test_clock_time_and_duration_change_the_sheet_but_a_timing_note_does_not(diff: Diff) -> None:
    clock = only(diff(BASE, edited('at: "08:30"', 'at: "09:00"')))
    assert kinds(clock) == [(StepKind.TIMING, "check")]
    assert clock.steps[0].reprint and clock.reprint == ("times",)
    duration = only(diff(BASE, edited('timing: {at: "08:30"}', 'timing: {at: "08:30", duration: 5 分钟}')))
    assert kinds(duration) == [(StepKind.TIMING, "check")]
    assert duration.steps[0].reprint and duration.reprint == ("times",)
    note = only(diff(BASE, edited('timing: {at: "08:30"}', 'timing: {at: "08:30", note: 视客流而定}')))
    assert kinds(note) == [(StepKind.TIMING, "check")]
    assert not note.steps[0].reprint and not note.reprint


def test_form_changes_name_the_forms(diff: Diff) -> None:
    step = only(diff(BASE, edited("forms: [register]", "forms: [requisition]"))).steps[0]
    assert (step.kind, step.forms_added, step.forms_removed) == (StepKind.FORMS, ("领用单",), ("登记表",))


def test_checklist_item_and_settings_changes_need_a_reprint(diff: Diff) -> None:
    item = only(diff(BASE, edited("confirm: 充足", "confirm: 充足且在有效期内")))
    assert kinds(item) == [(StepKind.CHECKLIST_ITEM, "check")]
    assert item.steps[0].reprint and item.reprint == ("items",)
    settings = only(diff(BASE, edited("type: DO-CONFIRM", "type: READ-DO")))
    assert [(v.field, v.old, v.new) for v in settings.values] == [("checklist_type", "DO-CONFIRM", "READ-DO")]
    assert settings.reprint == ("settings",)
    version = only(diff(BASE, edited('version: "1.0"', 'version: "1.1"')))
    assert version.reprint == ("version",)


def test_a_procedure_without_checklist_items_needs_no_reprint(diff: Diff) -> None:
    changes = diff({"hall/closing.yaml": CLOSING}, {"hall/closing.yaml": CLOSING.replace('"1.0"', '"2.0"')})
    assert only(changes).reprint == ()
    assert [(v.field, v.old, v.new) for v in only(changes).values] == [("version", "1.0", "2.0")]


def test_added_and_removed_procedures_and_steps(diff: Diff) -> None:
    changes = diff({**BASE, "hall/closing.yaml": CLOSING}, edited("      - id: music\n", "      - id: music-on\n"))
    assert [(c.status, c.current.id) for c in changes.procedures] == [(Status.REMOVED, "closing")]
    # "service" is not listed: its step got a new id but kept its title, so it is the same step.
    new_step = diff(
        BASE, edited("      - id: music\n        title: 播放背景音乐", "      - id: tv\n        title: 开电视")
    )
    assert kinds(only(new_step)) == [(StepKind.ADDED, "tv"), (StepKind.REMOVED, "music")]
    added = diff(BASE, {**BASE, "hall/closing.yaml": CLOSING})
    assert (only(added).status, only(added).reprint) == (Status.ADDED, ())
    by_role = {r.role: [(p.change.current.id, p.step_count) for p in r.procedures] for r in added.by_role()}
    assert by_role == {"主管": [("closing", 2)]}


def test_a_new_checklist_and_a_withdrawn_one(diff: Diff) -> None:
    old = {"hall/closing.yaml": CLOSING}
    new = {
        "hall/closing.yaml": CLOSING.replace(
            "role: manager}\n      - {id: doors", "role: manager, checklist: 关灯}\n      - {id: doors"
        )
    }
    new["hall/closing.yaml"] = new["hall/closing.yaml"].replace(
        "phases:", "checklist: {type: READ-DO, read_by: manager}\nphases:"
    )
    assert only(diff(old, new)).reprint == ("new",)
    assert only(diff(new, old)).reprint == ("withdrawn",)


def test_a_file_moved_to_another_section_is_renamed(diff: Diff) -> None:
    change = only(diff(BASE, {"hall/service.yaml": SERVICE}))
    assert change.renamed and change.moved_file and change.match is Match.ID
    assert (change.old and change.old.file, change.new and change.new.file) == ("bar/service.yaml", "hall/service.yaml")
    assert change.steps == ()


def test_a_changed_id_is_recognised_by_title_or_shared_steps(diff: Diff) -> None:
    same_title = only(diff(BASE, {"bar/bar-service.yaml": SERVICE.replace("id: service", "id: bar-service")}))
    assert (same_title.match, same_title.old and same_title.old.id) == (Match.SIMILARITY, "service")
    retitled = SERVICE.replace("id: service", "id: drinks").replace("title: 吧台服务", "title: 饮品服务")
    change = only(diff(BASE, {"bar/drinks.yaml": retitled}))
    assert change.match is Match.SIMILARITY and change.renamed
    assert [(v.field, v.new) for v in change.values] == [("title", "饮品服务")]


def test_different_procedures_under_new_ids_are_added_and_removed(diff: Diff) -> None:
    changes = diff(
        {"hall/closing.yaml": CLOSING},
        {
            "hall/opening.yaml": CLOSING.replace("id: closing", "id: opening")
            .replace("title: 闭店检查", "title: 开店准备")
            .replace("title: 关灯", "title: 开灯")
            .replace("title: 锁门", "title: 开门")
            .replace("id: lights", "id: on")
            .replace("id: doors", "id: open")
        },
    )
    assert [(c.status, c.current.id) for c in changes.procedures] == [
        (Status.REMOVED, "closing"),
        (Status.ADDED, "opening"),
    ]


def test_files_not_compared_are_left_out_on_both_sides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = rooted(handbook(Path("a"), {**BASE, "hall/closing.yaml": CLOSING}))
    new = rooted(handbook(Path("b"), BASE))
    changes = compare(old, new, not_compared={"hall/closing.yaml"})
    assert changes.is_empty and changes.not_compared == ("hall/closing.yaml",)


def test_procedures_follow_the_new_handbooks_section_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    hall_first = HANDBOOK.replace("  - {id: bar, title: 吧台}\n", "").replace(
        "  - {id: hall, title: 大厅}\n", "  - {id: hall, title: 大厅}\n  - {id: bar, title: 吧台}\n"
    )
    old = rooted(handbook(Path("a"), BASE))
    new = rooted(handbook(Path("b"), new_files(), hall_first))
    assert [c.current.id for c in compare(old, new).procedures] == ["closing", "service"]
    assert [c.current.id for c in compare(old, rooted(handbook(Path("c"), new_files()))).procedures] == [
        "service",
        "closing",
    ]


def new_files() -> dict[str, str]:
    return {**edited('"1.0"', '"1.1"'), "hall/closing.yaml": CLOSING}


def test_other_fields_and_responsibilities_are_named(diff: Diff) -> None:
    duties = edited("  - {id: manager, name: 主管}", "  - {id: manager, name: 主管, responsibilities: [复核清单]}")
    assert only(diff(BASE, duties)).other_fields == ("responsibilities",)
    purpose = only(diff(BASE, edited("purpose: 为客户提供饮品。", "purpose: 为来访客户提供饮品。")))
    assert (purpose.other_fields, purpose.steps, purpose.reprint) == (("purpose",), (), ())


def test_the_shipped_handbook_compared_with_itself_has_no_changes() -> None:
    # Its sheets repeat an item text at two clock times (接待客户 in the morning and the evening).
    root = paths.ROOT / "procedures"
    first, second = (validate_root(root, date(2026, 11, 28)).handbook for _ in range(2))
    assert first is not None and second is not None
    assert compare(first, second).is_empty
