"""Every bad input yields exactly the expected file:line:col diagnostics (golden files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import paths
from tests.helpers.bad_inputs import place_case, run_validate
from tests.helpers.golden import assert_golden

CASES = paths.BAD_INPUTS


def _case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.input"))


@pytest.mark.parametrize("name", _case_names())
def test_bad_input_matches_golden(name: str, handbook_copy: Path, update_goldens: bool) -> None:
    place_case((CASES / f"{name}.input").read_bytes(), handbook_copy)
    code, output = run_validate("--strict", "procedures")
    assert "Traceback" not in output
    assert_golden(f"{output}exit: {code}\n", CASES / f"{name}.expected", update_goldens)


def test_there_are_enough_cases() -> None:
    assert len(_case_names()) >= 25
