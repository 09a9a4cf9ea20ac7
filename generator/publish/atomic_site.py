"""Build the site atomically: into a temporary folder beside the target, swapped in on success."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.diagnostics import HandbookError, Where, error
from generator.publish.link_check import broken_links

SiteBuilder = Callable[[Path], None]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _swap_in(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built``; the old site is removed only after the rename.

    If the second rename fails, the old site is put back before the error goes on.
    """
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    moved = target.exists()
    if moved:
        os.replace(target, old)
    try:
        os.replace(built, target)
    except OSError:
        if moved:
            os.replace(old, target)
        raise
    if moved:
        _remove(old)


def _path_of(link: str) -> str:
    return link.split("#", 1)[0].split("?", 1)[0]


def build_atomically(
    target: Path, builder: SiteBuilder, *, check_links: bool = True, unchecked_suffixes: tuple[str, ...] = ()
) -> None:
    """Run ``builder`` into a fresh folder beside ``target``; swap it in only if it all succeeded.

    On any failure the previous site stays exactly as it was and HandbookError is raised.
    Links to files ending in ``unchecked_suffixes`` (files the build was asked to leave out) are not checked.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        builder(staging)
        if check_links:
            broken = [b for b in broken_links(staging) if not _path_of(b.link).endswith(unchecked_suffixes)]
            if broken:
                raise HandbookError(
                    [error(Where(b.page), "broken-link", f"broken link '{b.link}': {b.reason}") for b in broken]
                )
        _swap_in(staging, target)
    finally:
        if staging.exists():
            _remove(staging)
