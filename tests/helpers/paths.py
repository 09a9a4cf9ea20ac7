"""Where the repository, the test fixtures and the golden files are."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
FIXTURE_HANDBOOK = FIXTURES / "handbook"
GOLDENS = TESTS / "goldens"
BAD_INPUTS = TESTS / "bad_inputs"
