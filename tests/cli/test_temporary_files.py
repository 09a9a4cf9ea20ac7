"""Builds, failed or not, and validation leave nothing in the system's temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _handbook(command: list[str], cwd: Path, temp: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "TMPDIR": str(temp)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *command], cwd=cwd, env=environment, capture_output=True, text=True
    )


def test_build_and_validate_leave_the_temporary_folder_empty(handbook_copy: Path, tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    built = _handbook(["build", "--site-dir", "site"], handbook_copy, temp)
    assert built.returncode == 0, built.stderr
    assert (handbook_copy / "site" / "search" / "search_index.json").is_file()
    checked = _handbook(["validate"], handbook_copy, temp)
    assert checked.returncode == 0, checked.stderr

    # Fails inside MkDocs (strict mode, a broken link), after the plugin has set up the search.
    (handbook_copy / "docs" / "broken.md").write_text("# 坏链接\n\n[缺失](missing.md)\n", encoding="utf-8")
    failed_in_mkdocs = _handbook(["build", "--site-dir", "site"], handbook_copy, temp)
    assert failed_in_mkdocs.returncode == 1 and "missing.md" in failed_in_mkdocs.stderr, failed_in_mkdocs.stderr
    # Fails before MkDocs starts: a procedure that does not load.
    broken = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "title: [unclosed\n", encoding="utf-8")
    failed = _handbook(["build", "--site-dir", "site"], handbook_copy, temp)
    assert failed.returncode == 1 and "valid-base.yaml:" in failed.stderr, failed.stderr

    assert not [p.name for p in temp.iterdir()]
