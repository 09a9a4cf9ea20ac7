"""Provenance marks in validation: a published procedure may not hold pending values (a warning, an
error under --strict), a draft may; an inferred mark must name a field the thing has."""

from __future__ import annotations

from pathlib import Path

from generator.validate.pipeline import validate_root
from tests.helpers.site_fixture import TODAY

BASE = Path("procedures") / "testing" / "valid-base.yaml"


def _codes(handbook_copy: Path, old: str, new: str) -> list[tuple[str, int]]:
    file = handbook_copy / BASE
    file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = validate_root(handbook_copy / "procedures", TODAY)
    return [(d.code, d.where.line) for d in result.diagnostics if d.where.file.endswith("valid-base.yaml")]


def test_pending_values_in_a_published_procedure_are_a_warning(handbook_copy: Path) -> None:
    codes = _codes(handbook_copy, "owner: 案场物业\n", "owner: 案场物业\npending: [owner, read_by]\n")
    assert codes == [("pending-in-published", 7)]


def test_a_draft_may_hold_pending_values(handbook_copy: Path) -> None:
    codes = _codes(handbook_copy, "owner: 案场物业\n", "owner: 案场物业\nstatus: draft\npending: [owner]\n")
    assert codes == []


def test_an_inferred_mark_on_a_field_the_step_lacks_is_a_warning(handbook_copy: Path) -> None:
    marked = "        role: bar-attendant\n        inferred:\n          next: 原文未写明\n"
    codes = _codes(handbook_copy, "        role: bar-attendant\n", marked)
    assert [code for code, _ in codes] == ["inferred-absent"]


def test_an_inferred_mark_on_an_unknown_field_is_refused_by_the_schema(handbook_copy: Path) -> None:
    marked = "        role: bar-attendant\n        inferred:\n          colour: 原文未写明\n"
    codes = _codes(handbook_copy, "        role: bar-attendant\n", marked)
    assert codes and all(code != "inferred-absent" for code, _ in codes)
