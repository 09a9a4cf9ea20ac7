"""Changes to handbook.yaml: sections, forms, shared roles and glossary terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.changes.catalogue import catalogue_changes
from generator.changes.change_set import EntryChange, EntryKind, EntryStatus
from generator.changes.compare import compare
from tests.helpers.change_handbooks import HANDBOOK, SERVICE, handbook, rooted

FILES = {"bar/service.yaml": SERVICE}
GLOSSARY = "glossary:\n  - {term: VIP, definition: 重要客人。, aliases: [贵宾]}\n"


def edited(*replacements: tuple[str, str], text: str = HANDBOOK) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


def changes(root: Path, new_handbook: str, old_handbook: str = HANDBOOK) -> tuple[EntryChange, ...]:
    return catalogue_changes(handbook(root / "old", FILES, old_handbook), handbook(root / "new", FILES, new_handbook))


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_same_handbook_yaml_has_no_changes(root: Path) -> None:
    assert changes(root, HANDBOOK) == ()


WITH_SPA = edited(("  - {id: hall, title: 大厅}\n", "  - {id: hall, title: 大厅}\n  - {id: spa, title: 水疗}\n"))
HALL_FIRST = edited(
    (
        "  - {id: bar, title: 吧台}\n  - {id: hall, title: 大厅}\n",
        "  - {id: hall, title: 大厅}\n  - {id: bar, title: 吧台}\n",
    )
)


def test_sections_added_renamed_moved_and_removed(root: Path) -> None:
    added = changes(root / "a", WITH_SPA)
    assert added == (EntryChange(EntryKind.SECTION, EntryStatus.ADDED, "spa", None, "水疗"),)
    renamed = changes(root / "b", edited(("title: 大厅}", "title: 大堂, summary: 一楼。}")))
    assert renamed == (
        EntryChange(EntryKind.SECTION, EntryStatus.RENAMED, "hall", "大厅", "大堂"),
        EntryChange(EntryKind.SECTION, EntryStatus.EDITED, "hall", "大厅", "大堂", ("summary",)),
    )
    assert [(c.status, c.id) for c in changes(root / "c", HALL_FIRST)] == [(EntryStatus.MOVED, "hall")]
    removed = changes(root / "d", HANDBOOK, WITH_SPA)
    assert removed == (EntryChange(EntryKind.SECTION, EntryStatus.REMOVED, "spa", "水疗", None),)


def test_forms_renamed_edited_and_added(root: Path) -> None:
    renamed = changes(root / "a", edited(("name: 登记表", "name: 来访登记表")))
    assert renamed == (EntryChange(EntryKind.FORM, EntryStatus.RENAMED, "register", "登记表", "来访登记表"),)
    coded = changes(root / "b", edited(("name: 登记表}", "name: 登记表, code: F-01}")))
    assert coded == (EntryChange(EntryKind.FORM, EntryStatus.EDITED, "register", "登记表", "登记表", ("code",)),)
    added = changes(root / "c", edited(("forms:\n", "forms:\n  - {id: receipt, name: 收据}\n")))
    assert added == (EntryChange(EntryKind.FORM, EntryStatus.ADDED, "receipt", None, "收据"),)


def test_shared_roles_added_and_renamed(root: Path) -> None:
    renamed = changes(root / "a", edited(("name: 吧台服务员", "name: 吧台员")))
    assert renamed == (EntryChange(EntryKind.ROLE, EntryStatus.RENAMED, "bar-attendant", "吧台服务员", "吧台员"),)
    added = changes(root / "b", edited(("roles:\n", "roles:\n  - {id: cashier, name: 收银员}\n")))
    assert added == (EntryChange(EntryKind.ROLE, EntryStatus.ADDED, "cashier", None, "收银员"),)


def test_glossary_terms_renamed_edited_added_and_removed(root: Path) -> None:
    base = HANDBOOK + GLOSSARY
    renamed = changes(root / "a", edited(("term: VIP", "term: 贵宾客户"), text=base), base)
    assert renamed == (EntryChange(EntryKind.TERM, EntryStatus.RENAMED, "贵宾客户", "VIP", "贵宾客户"),)
    defined = changes(root / "b", edited(("aliases: [贵宾]", "aliases: [贵宾, 要客]"), text=base), base)
    assert defined == (EntryChange(EntryKind.TERM, EntryStatus.EDITED, "VIP", "VIP", "VIP", ("aliases",)),)
    added = changes(root / "c", base)
    assert added == (EntryChange(EntryKind.TERM, EntryStatus.ADDED, "VIP", None, "VIP"),)
    assert changes(root / "d", HANDBOOK, base) == (
        EntryChange(EntryKind.TERM, EntryStatus.REMOVED, "VIP", "VIP", None),
    )


def test_a_handbook_yaml_change_alone_is_a_change(root: Path) -> None:
    old = rooted(handbook(root / "old", FILES))
    new = rooted(handbook(root / "new", FILES, edited(("name: 登记表", "name: 来访登记表"))))
    found = compare(old, new)
    assert not found.is_empty and found.procedures == () and len(found.handbook) == 1
