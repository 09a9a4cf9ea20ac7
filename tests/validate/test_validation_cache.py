"""Validating again reuses what did not change, and never what did."""

from __future__ import annotations

from pathlib import Path

from generator.clock import today
from generator.validate.pipeline import validate_root


def test_unchanged_files_give_the_same_procedures_and_an_edit_is_seen(handbook_copy: Path) -> None:
    root = handbook_copy / "procedures"
    first = validate_root(root, today())
    second = validate_root(root, today())
    assert first.handbook is not None and second.handbook is not None
    assert all(a is b for a, b in zip(first.handbook.procedures, second.handbook.procedures, strict=True))
    assert first.diagnostics == second.diagnostics

    edited = root / "testing" / "valid-base.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("title: 吧台服务", "title: 吧台服务（改）", 1), "utf-8"
    )
    third = validate_root(root, today())
    assert third.handbook is not None
    changed = [p for p in third.handbook.procedures if p.file.endswith("valid-base.yaml")]
    assert [p.title for p in changed] == ["吧台服务（改）"]
    kept = [p for p in third.handbook.procedures if not p.file.endswith("valid-base.yaml")]
    assert all(any(p is q for q in second.handbook.procedures) for p in kept)


def test_a_broken_file_is_reported_on_every_run(handbook_copy: Path) -> None:
    root = handbook_copy / "procedures"
    broken = root / "testing" / "valid-base.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "title: [unclosed\n", encoding="utf-8")
    runs = [validate_root(root, today()) for _ in range(2)]
    assert runs[0].errors and runs[0].diagnostics == runs[1].diagnostics
    assert any("valid-base.yaml" in d.where.file for d in runs[1].errors)
