"""The shipped handbook (procedures/ of the repository) as a model, validated once per test run."""

from __future__ import annotations

from datetime import date
from functools import cache

from generator.model.handbook import Handbook, Procedure
from generator.validate.pipeline import validate_root
from tests.helpers.paths import ROOT


@cache
def seed() -> Handbook:
    """The shipped handbook, validated as of a fixed day; it must be clean."""
    result = validate_root(ROOT / "procedures", date(2026, 11, 28))
    assert result.handbook is not None and not result.errors, result.diagnostics
    return result.handbook


def seed_procedure(procedure_id: str) -> Procedure:
    """One procedure of the shipped handbook; it must exist."""
    found = seed().procedure(procedure_id)
    assert found is not None
    return found
