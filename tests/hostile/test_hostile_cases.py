"""Hostile single files: each gives exactly the diagnostics in its golden file, never a traceback.

Each case is ``NAME.input`` (placed as ``procedures/testing/case.yaml`` in a copy of the fixture
handbook, or where its first line ``# case-path: …`` says) and ``NAME.expected``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.bad_inputs import place_case, run_validate
from tests.helpers.golden import assert_golden

pytestmark = pytest.mark.usefixtures("english_messages")  # about what is refused, not its wording

CASES = Path(__file__).resolve().parent / "cases"


def _case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.input"))


@pytest.mark.parametrize("name", _case_names())
def test_hostile_input_matches_golden(name: str, handbook_copy: Path, update_goldens: bool) -> None:
    place_case((CASES / f"{name}.input").read_bytes(), handbook_copy)
    code, output = run_validate("--strict", "procedures")
    assert "Traceback" not in output
    assert_golden(f"{output}exit: {code}\n", CASES / f"{name}.expected", update_goldens)


def test_there_are_enough_hostile_cases() -> None:
    assert len(_case_names()) >= 40
