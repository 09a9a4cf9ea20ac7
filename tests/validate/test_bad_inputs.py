"""Every bad input yields exactly the expected file:line:col diagnostics (golden files)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers import paths
from tests.helpers.golden import assert_golden

CASES = paths.BAD_INPUTS
CASE_PATH_PREFIX = b"# case-path: "


def _case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.input"))


def place_case(case: bytes, root: Path) -> Path:
    """Put the case file where its first line says (default: the testing section)."""
    relative = "testing/case.yaml"
    if case.startswith(CASE_PATH_PREFIX):
        first, _, case = case.partition(b"\n")
        relative = first[len(CASE_PATH_PREFIX) :].decode().strip()
    target = root / "procedures" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case)
    return target


def run_validate(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *args])
    return code, out.getvalue()


@pytest.mark.parametrize("name", _case_names())
def test_bad_input_matches_golden(name: str, handbook_copy: Path, update_goldens: bool) -> None:
    place_case((CASES / f"{name}.input").read_bytes(), handbook_copy)
    code, output = run_validate("--strict", "procedures")
    assert "Traceback" not in output
    assert_golden(f"{output}exit: {code}\n", CASES / f"{name}.expected", update_goldens)


def test_there_are_enough_cases() -> None:
    assert len(_case_names()) >= 25
