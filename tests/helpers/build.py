"""Build a handbook with ``handbook build`` and fingerprint what it wrote."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from generator.cli.main import main


def build_site(handbook_root: Path, site: Path) -> None:
    """``handbook build`` of the handbook at ``handbook_root`` into ``site``; it must succeed.

    The build cache goes beside ``site`` (a test's temporary folder), never into the handbook's tree."""
    with contextlib.chdir(handbook_root):
        assert main(["build", "--site-dir", str(site), "--cache-dir", str(site.parent / "build-cache")]) == 0


def tree_digest(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by path relative to it."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
