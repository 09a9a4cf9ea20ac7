"""Read a source file without ever blocking: only regular files, looked at before they are read.

A FIFO or a device named like a procedure would make ``read`` wait for a writer for ever; a file that
is swapped for one after discovery looked at it is caught here too, because the check is made on the
opened file itself.
"""

from __future__ import annotations

import errno
import os
import stat

from generator.diagnostics import Diagnostic, HandbookError, Where, error
from generator.load.yaml_loader import MAX_FILE_BYTES, check_size

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words, for one that is not a regular file."""
    return next((words for test, words in _KINDS if test(mode)), "not a regular file")


def not_regular(where: Where, mode: int) -> Diagnostic:
    """The error for a source path that is not a regular file."""
    return error(
        where,
        "not-a-file",
        f"{kind_of(mode)}, not a regular file: not read",
        "procedures and handbook.yaml must be ordinary files",
    )


def symlink_loop(where: Where) -> Diagnostic:
    """The error for a symbolic link that leads back to itself."""
    return error(
        where, "symlink-loop", "symbolic link loop: the link leads back to itself", "remove the link or fix its target"
    )


def read_source(path: str, shown: str) -> bytes:
    """The bytes of the regular file at ``path``; HandbookError (at ``shown``) for anything else."""
    where = Where(shown)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise HandbookError([symlink_loop(where)]) from None
        raise HandbookError([error(where, "unreadable", f"cannot read the file: {exc.strerror}")]) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise HandbookError([not_regular(where, status.st_mode)])
    with os.fdopen(descriptor, "rb") as stream:
        check_size(status.st_size, shown)  # before reading: a file may be gigabytes
        data = stream.read(MAX_FILE_BYTES + 1)
    check_size(len(data), shown)  # a file that grew while it was read
    return data
