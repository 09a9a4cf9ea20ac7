"""The PDF step's memory does not grow with the number of sheets: each is laid out, written and let go."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import ROOT

# Two handbook sizes, four times apart (more than twice the sheets); the larger may not need more memory.
SMALL, LARGE = 30, 120
GROWTH_ALLOWED = 1.3
BOUND_MB = 700  # whatever the count: the engine, one sheet's layout and the run's fonts


def _pdf_step_memory(tmp_path: Path, count: int) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, "-m", "tests.publish.pdf_memory_probe", str(tmp_path / str(count)), str(count)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    measured: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return measured


def test_pdf_memory_does_not_grow_with_the_number_of_sheets(tmp_path: Path) -> None:
    small = _pdf_step_memory(tmp_path, SMALL)
    large = _pdf_step_memory(tmp_path, LARGE)
    assert large["sheets"] >= 2 * small["sheets"]
    for process in ("parent_mb", "worker_mb"):
        assert large[process] < BOUND_MB, (process, small, large)
        assert large[process] <= GROWTH_ALLOWED * max(small[process], 1.0), (process, small, large)
