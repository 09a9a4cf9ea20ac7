"""Every bad input yields exactly the expected file:line:col diagnostics (golden files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import chinese_message
from generator.validate.pipeline import validate_root
from tests.helpers import paths
from tests.helpers.bad_inputs import place_case, run_validate
from tests.helpers.golden import assert_golden
from tests.helpers.site_fixture import TODAY

CASES = paths.BAD_INPUTS


def _case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.input"))


def _in_english(root: Path) -> None:
    handbook = root / "procedures" / "handbook.yaml"
    handbook.write_text(handbook.read_text(encoding="utf-8").replace("language: zh", "language: en"), "utf-8")


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", _case_names())
def test_bad_input_matches_golden(name: str, language: str, handbook_copy: Path, update_goldens: bool) -> None:
    """Each case's messages in the handbook's language: zh (with the English alongside) and en."""
    place_case((CASES / f"{name}.input").read_bytes(), handbook_copy)
    if language == "en":
        _in_english(handbook_copy)
    code, output = run_validate("--strict", "procedures")
    assert "Traceback" not in output
    golden = CASES / (f"{name}.expected" if language == "zh" else f"{name}.en.expected")
    assert_golden(f"{output}exit: {code}\n", golden, update_goldens)


@pytest.mark.parametrize("name", _case_names())
def test_every_message_of_a_chinese_handbook_is_in_chinese(name: str, handbook_copy: Path) -> None:
    place_case((CASES / f"{name}.input").read_bytes(), handbook_copy)
    result = validate_root(handbook_copy / "procedures", TODAY)
    untranslated = [d for d in result.diagnostics if chinese_message(d) is None]
    assert untranslated == [], "add their wording to generator/i18n/diagnostics.yaml"


def test_there_are_enough_cases() -> None:
    assert len(_case_names()) >= 25
