"""One build at a time per site folder: an exclusive lock on a file beside it.

The lock is ``flock`` on ``.<site>.lock`` next to the site folder; the kernel lets it go when the
holder ends, however it ends (``kill -9`` included), so a dead build never blocks the next one.
The holder deletes the file before letting go, and a waiter that then gets the lock on the
deleted file tries again on the new one, so no file is left beside the site after a build.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

POLL_SECONDS = 0.2


class SiteBusy(Exception):
    """Another build held the site folder for longer than we were willing to wait."""


def lock_file(target: Path) -> Path:
    """The lock file of the site folder ``target``."""
    return target.parent / f".{target.name}.lock"


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding the lock on the file now at ``path``, or None if another holds it."""
    handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        return None
    try:
        current = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        current = None
    mine = os.fstat(handle)
    if current is None or (current.st_dev, current.st_ino) != (mine.st_dev, mine.st_ino):
        os.close(handle)  # the holder before us removed it: lock the one there now
        return _try_lock(path)
    return handle


@contextmanager
def site_locked(target: Path, timeout: float, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock of ``target`` for the block; ``on_wait`` is told once if another build holds it.

    SiteBusy if it is not free within ``timeout`` seconds.
    """
    path = lock_file(target)
    deadline = time.monotonic() + timeout
    handle = _try_lock(path)
    if handle is None:
        on_wait(f"another build of {target.name} is running; waiting up to {timeout:g} seconds for it to finish")
    while handle is None:
        if time.monotonic() >= deadline:
            raise SiteBusy(f"another build of {target.name} still holds {path.name} after {timeout:g} seconds")
        time.sleep(POLL_SECONDS)
        handle = _try_lock(path)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still held: a waiter then locks a deleted file and tries again
        os.close(handle)
