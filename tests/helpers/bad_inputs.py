"""Bad-input cases: place one in a handbook, run `handbook validate` and capture what it prints."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from generator.cli.main import main

CASE_PATH_PREFIX = b"# case-path: "


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
    """Exit code and standard output of ``handbook validate`` with these arguments."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *args])
    return code, out.getvalue()
