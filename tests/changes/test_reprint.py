"""Reprint reasons come from the printed sheets: procedure sheets and each role's sheet for the day."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.changes.change_set import ChangeSet, SheetChange
from generator.changes.compare import compare
from generator.changes.reprint import printed_content
from generator.render.checklist.sheets import procedure_sheet, role_sheets
from tests.helpers.change_handbooks import HANDBOOK, SERVICE, handbook, rooted

Versions = Callable[..., ChangeSet]
BASE = {"bar/service.yaml": SERVICE}
SHARED_ROLE = "  - {id: bar-attendant, name: 吧台服务员}\n"


@pytest.fixture
def versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Versions:
    """``versions(old_files, new_files, old_handbook, new_handbook)``: the change set between two handbooks."""
    monkeypatch.chdir(tmp_path)
    counter = iter(range(1000))

    def run(
        old: dict[str, str], new: dict[str, str], old_handbook: str = HANDBOOK, new_handbook: str = HANDBOOK
    ) -> ChangeSet:
        before = handbook(Path(f"v{next(counter)}"), old, old_handbook)
        after = handbook(Path(f"v{next(counter)}"), new, new_handbook)
        return compare(rooted(before), rooted(after))

    return run


def service(*replacements: tuple[str, str]) -> dict[str, str]:
    text = SERVICE
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return {"bar/service.yaml": text}


def procedure_reasons(changes: ChangeSet) -> dict[str, tuple[str, ...]]:
    return {c.current.id: c.reprint for c in changes.procedures if c.reprint}


def role_reasons(changes: ChangeSet) -> dict[str, tuple[str, ...]]:
    return {s.title: s.reprint for s in changes.role_sheets}


WITH_RANGE = ('timing: {at: "08:30"}', 'timing: {at: "08:30", until: "09:00"}')


def test_only_an_end_time_changed_reprints_the_sheet_and_the_role_sheet(versions: Versions) -> None:
    changes = versions(service(WITH_RANGE), service(('timing: {at: "08:30"}', 'timing: {at: "08:30", until: "09:30"}')))
    assert procedure_reasons(changes) == {"service": ("times",)}
    assert changes.role_sheets == (SheetChange("吧台服务员", "bar-attendant", ("times",)),)
    step = changes.procedures[0].steps[0]
    assert step.reprint, "the step's timing line is marked for reprint too"


def test_the_printed_clock_is_the_span_the_sheet_shows(tmp_path: Path) -> None:
    procedure = handbook(tmp_path / "v", service(WITH_RANGE)).procedures[0]
    lines = printed_content(procedure_sheet(procedure)).lines
    assert [(line.clock, line.text, line.role) for line in lines] == [
        ("08:30–09:00", "检查备品", "吧台服务员"),
        (None, "微笑迎客", "吧台服务员"),
        (None, "奉上饮品", "吧台服务员"),
    ]
    (role_sheet,) = (s for s in role_sheets(handbook(tmp_path / "w", service(WITH_RANGE))) if s.key == "bar-attendant")
    first = printed_content(role_sheet).lines[0]
    assert (first.clock, first.role, first.source) == ("08:30–09:00", None, "吧台服务"), (
        "a role sheet prints no role column, and each group names its procedure"
    )


def test_a_change_that_is_not_on_paper_reprints_nothing(versions: Versions) -> None:
    changes = versions(BASE, service(("details: 站立微笑迎客。", "details: 起身迎客。")))
    assert procedure_reasons(changes) == {} and changes.role_sheets == ()
    assert not changes.is_empty, "the step is still reported as reworded"


def test_a_renamed_shared_role_reprints_every_sheet_that_prints_its_name(versions: Versions) -> None:
    renamed = HANDBOOK.replace(SHARED_ROLE, "  - {id: bar-attendant, name: 吧台员}\n")
    changes = versions(BASE, BASE, HANDBOOK, renamed)
    assert procedure_reasons(changes) == {"service": ("roles",)}
    assert changes.role_sheets == (SheetChange("吧台员", "bar-attendant", ("title_or_id",)),)


def test_a_phase_title_regroups_both_sheets(versions: Versions) -> None:
    changes = versions(BASE, service(("title: 班前", "title: 上班前")))
    assert procedure_reasons(changes) == {"service": ("order",)}
    assert role_reasons(changes) == {"吧台服务员": ("order",)}


def test_a_procedure_title_is_printed_on_the_role_sheet_as_its_source(versions: Versions) -> None:
    changes = versions(BASE, service(("title: 吧台服务", "title: 吧台饮品服务")))
    assert procedure_reasons(changes) == {"service": ("title_or_id",)}
    assert role_reasons(changes) == {"吧台服务员": ("title_or_id",)}


def test_sign_off_settings_and_version_concern_the_procedure_sheet(versions: Versions) -> None:
    settings = versions(BASE, service(("confirmed_by: manager", "confirmed_by: bar-attendant")))
    assert procedure_reasons(settings) == {"service": ("settings",)} and settings.role_sheets == ()
    version = versions(BASE, service(('version: "1.0"', 'version: "1.1"')))
    assert procedure_reasons(version) == {"service": ("version",)}
    assert role_reasons(version) == {"吧台服务员": ("version",)}, "a role sheet lists each source's version"


def test_a_role_gets_its_first_item_and_loses_its_last(versions: Versions) -> None:
    to_manager = ("title: 奉上饮品\n        role: bar-attendant", "title: 奉上饮品\n        role: manager")
    changes = versions(BASE, service(to_manager))
    assert role_reasons(changes) == {"吧台服务员": ("items",), "主管": ("new",)}
    assert role_reasons(versions(service(to_manager), BASE)) == {"吧台服务员": ("items",), "主管": ("withdrawn",)}


def test_a_reworded_item_reprints_both_sheets(versions: Versions) -> None:
    changes = versions(BASE, service(("confirm: 充足", "confirm: 充足且在有效期内")))
    assert procedure_reasons(changes) == {"service": ("items",)}
    assert role_reasons(changes) == {"吧台服务员": ("items",)}


def test_only_a_new_deadline_reprints_the_sheet_and_the_role_sheet(versions: Versions) -> None:
    changes = versions(service(), service(('timing: {at: "08:30"}', 'timing: {at: "08:30", deadline: "两个工作日内"}')))
    assert procedure_reasons(changes) == {"service": ("times",)}
    assert changes.role_sheets == (SheetChange("吧台服务员", "bar-attendant", ("times",)),)
