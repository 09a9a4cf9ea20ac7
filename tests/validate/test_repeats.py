"""A run of places with equal diagnostics is told once, with how often it repeats."""

from __future__ import annotations

from generator.diagnostics import Diagnostic, Where, error
from generator.validate.repeats import collapse_runs


def _at(line: int, message: str = "same", column: int = 1) -> Diagnostic:
    return error(Where("f.yaml", line, column), "code", message)


def test_a_long_run_is_one_diagnostic_naming_its_length_and_end() -> None:
    collapsed = collapse_runs([_at(line) for line in range(1, 1001)])
    assert [d.message for d in collapsed] == ["same (and 999 more times like it, up to line 1000, column 1)"]
    assert collapsed[0].where == Where("f.yaml", 1, 1)


def test_two_in_a_row_stay_as_they_are() -> None:
    pair = [_at(1), _at(2)]
    assert collapse_runs(pair) == pair


def test_places_with_two_diagnostics_each_are_a_run_too() -> None:
    places = [d for line in range(1, 6) for d in (_at(line, "a"), _at(line, "b"))]
    assert [d.message for d in collapse_runs(places)] == [
        "a (and 4 more times like it, up to line 5, column 1)",
        "b (and 4 more times like it, up to line 5, column 1)",
    ]


def test_a_different_diagnostic_ends_a_run() -> None:
    found = collapse_runs([_at(1), _at(2), _at(3, "other"), _at(4), _at(5)])
    assert [d.message for d in found] == ["same", "same", "other", "same", "same"]


def test_runs_in_two_files_are_not_joined() -> None:
    first = [error(Where("a.yaml", line), "code", "same") for line in (1, 2)]
    second = [error(Where("b.yaml", line), "code", "same") for line in (1, 2)]
    assert collapse_runs(first + second) == first + second
