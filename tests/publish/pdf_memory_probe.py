"""Run by test_pdf_memory in a fresh process: write the checklist PDFs of a synthetic handbook.

Prints one JSON line: sheets written, and the peak resident memory (MB) of this process and
of the largest worker process, so that the test sees the PDF step alone, not the test runner.
"""

from __future__ import annotations

import json
import resource
import sys
from datetime import date
from pathlib import Path

from bench.synth import write_handbook
from generator.publish.pdf import write_checklist_pdfs
from generator.validate.pipeline import validate_root


def main(root: Path, count: int) -> None:
    procedures = write_handbook(root / "handbook", count, "site_name: probe\n")
    handbook = validate_root(procedures, date(2026, 12, 1)).handbook
    assert handbook is not None
    written = write_checklist_pdfs(handbook, root / "site", "https://handbook.fixture.test/")
    print(
        json.dumps(
            {
                "sheets": len(written) - 1,
                "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
