"""Permissions of written files: run under a chosen umask, and list what is not as expected."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """Run the block under ``mask``, then put the previous umask back."""
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    """The permission bits of ``path`` itself (a link is not followed)."""
    return stat.S_IMODE(path.lstat().st_mode)


def unexpected_modes(root: Path, folders: int, files: int) -> dict[str, str]:
    """Every entry under ``root`` (``root`` included) whose permissions differ from ``folders`` / ``files``."""
    found = {}
    for path in [root, *root.rglob("*")]:
        wanted = folders if path.is_dir() else files
        if path.is_symlink() or mode(path) != wanted:
            found[str(path.relative_to(root))] = "link" if path.is_symlink() else oct(mode(path))
    return found
