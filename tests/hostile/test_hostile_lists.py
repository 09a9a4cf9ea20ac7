"""Huge lists: a million repeated items is one diagnostic, not 999,999 (nor 98 MB of output)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.bad_inputs import run_validate
from tests.helpers.paths import FIXTURE_HANDBOOK

pytestmark = pytest.mark.usefixtures("english_messages")  # about what is refused, not its wording

VALID = FIXTURE_HANDBOOK / "procedures" / "testing" / "valid-base.yaml"
PURPOSE = "purpose: 为客户提供饮品。"
STEP_ROLE = "        role: bar-attendant\n"


def _write(handbook_copy: Path, old: str, new: str) -> None:
    text = VALID.read_text(encoding="utf-8")
    assert old in text
    (handbook_copy / "procedures" / "testing" / "valid-base.yaml").write_text(text.replace(old, new, 1), "utf-8")


def _flow_list(item: str, count: int) -> str:
    return "[" + ",".join([item] * count) + "]"


TOO_MANY_HINT = "    hint: keep the list short enough to read and print; split the procedure if it needs more\n"


@pytest.mark.parametrize("count", [1_000_000, 300_000])
def test_a_huge_list_of_tags_is_one_diagnostic(handbook_copy: Path, count: int) -> None:
    _write(handbook_copy, PURPOSE, f"{PURPOSE}\ntags: {_flow_list('a', count)}")
    code, output = run_validate("procedures")
    assert output == (
        f"procedures/testing/valid-base.yaml:11:7: error: the list has {count} items, at most 20 allowed [too-many]\n"
        + TOO_MANY_HINT
    )
    assert code == 1


def test_a_huge_list_of_blank_standards_is_one_diagnostic(handbook_copy: Path) -> None:
    _write(handbook_copy, STEP_ROLE, f"{STEP_ROLE}        standards: {_flow_list(chr(34) * 2, 200_000)}\n")
    code, output = run_validate("procedures")
    assert output.count("error:") == 1 and "the list has 200000 items, at most 1000 allowed [too-many]" in output
    assert code == 1


def test_a_run_of_repeats_under_the_limit_is_one_diagnostic(handbook_copy: Path) -> None:
    _write(handbook_copy, PURPOSE, f"{PURPOSE}\nforms: {_flow_list('visit-register', 900)}")
    code, output = run_validate("procedures")
    assert output.count("error:") == 1
    assert "error: 'visit-register' is listed 900 times [duplicate-item]" in output
    assert code == 1


def test_a_run_of_blank_items_under_the_limit_is_told_once(handbook_copy: Path) -> None:
    _write(handbook_copy, STEP_ROLE, f"{STEP_ROLE}        standards: {_flow_list(chr(34) * 2, 999)}\n")
    code, output = run_validate("procedures")
    assert len(output.splitlines()) == 2  # the two rules an empty text breaks, each told once for the run
    assert output.count("(and 998 more times like it, up to line ") == 2
    assert code == 1
