"""Zensical as the site engine: it builds the engine-neutral docs tree (``export_tree``).

Zensical, the successor of Material for MkDocs, reads mkdocs.yml but runs no MkDocs plugin, so
it is given the pre-rendered tree. It is an optional extra (``pip install '.[zensical]'``) and
runs as its own process; its output is moved into the folder being built, where the link
check, the PDFs and the atomic swap stay ours.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.mkdocs_plugin.engine import MkDocsBuildError
from generator.mkdocs_plugin.export_tree import CONFIG, write_tree
from generator.publish.handbook_content import HandbookContent

INSTALL_HINT = "install the optional extra: pip install '.[zensical]'"
TIMEOUT_S = 3600.0
_LAST_LINES = 20


def zensical_command() -> str | None:
    """The zensical program installed beside this Python, else one on PATH."""
    beside = Path(sys.executable).parent / "zensical"
    return str(beside) if beside.is_file() else shutil.which("zensical")


def build_with_zensical(config_file: Path, site_dir: Path, content: HandbookContent) -> None:
    """Build ``content`` with Zensical into the empty folder ``site_dir``."""
    command = zensical_command()
    if command is None:
        raise MkDocsBuildError(f"Zensical is not installed; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix=".handbook-export-", dir=site_dir.parent) as scratch:
        tree = Path(scratch)
        write_tree(config_file, content, tree)
        try:
            run = subprocess.run(
                [command, "build", "--clean", "--config-file", CONFIG],
                cwd=tree,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise MkDocsBuildError(f"Zensical did not run: {exc}") from None
        if run.returncode != 0:
            said = "\n".join((run.stdout + run.stderr).strip().splitlines()[-_LAST_LINES:])
            raise MkDocsBuildError(f"Zensical stopped (exit status {run.returncode}):\n{said}")
        for entry in sorted((tree / "site").iterdir()):
            shutil.move(str(entry), site_dir / entry.name)
