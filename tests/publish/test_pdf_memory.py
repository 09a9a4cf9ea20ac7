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
    # A small handbook's sheets are laid out in the parent, a large one's in forked workers: the
    # PDF step's peak is that of whichever process did the work, so compare the larger of the two.
    small_peak, large_peak = (max(m["parent_mb"], m["worker_mb"]) for m in (small, large))
    assert large_peak < BOUND_MB, (small, large)
    assert large_peak <= GROWTH_ALLOWED * small_peak, (small, large)
