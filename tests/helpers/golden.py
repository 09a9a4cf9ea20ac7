"""Compare output with a golden file, or rewrite it under --update-goldens."""

from __future__ import annotations

from pathlib import Path


def assert_golden(actual: str, golden: Path, update: bool) -> None:
    if update or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        if not update:
            raise AssertionError(f"golden file {golden} did not exist; written now, check it and commit it")
        return
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {golden} (run pytest --update-goldens to accept)"
