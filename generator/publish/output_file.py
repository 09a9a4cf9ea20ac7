"""The one way the tool writes a file outside the site: atomically, in place, never through a trap.

A reader sees the old file or the new one, never half of it: the content goes into a temporary
file beside the target, which is then renamed over it. Before that, the target is checked:

- something that exists and is not a regular file (a folder, a device such as ``/dev/full``, a
  FIFO, a socket) is refused, never replaced;
- a symbolic link is followed only while it stays inside the folder the file is written in (the
  procedures folder for ``handbook new``, the target's own folder otherwise);
- a file that is replaced keeps its permissions (and owner, where allowed); a new file gets the
  permissions the umask gives, as any program's would.

Every failure, a full disk or a read-only place included, is an ``OutputError`` whose message
names the file in one line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from generator.load.discovery import display_path


class OutputError(Exception):
    """A file was not written; the message names it and says why, in one line."""


def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The permissions a new regular file gets under the current umask (0644 under umask 022)."""
    return 0o666 & ~umask()


def new_folder_mode() -> int:
    """The permissions a new folder gets under the current umask (0755 under umask 022)."""
    return 0o777 & ~umask()


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _shown(path: Path) -> str:
    """A path as the editor gave it, or relative to the working directory when it lies below it."""
    if not path.is_absolute():
        return str(path)
    relative = display_path(path)
    return str(path) if relative.startswith("..") else relative


def _resolve(path: Path, shown: str) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic link loop (RuntimeError before Python 3.13)
        raise OutputError(f"cannot write {shown}: {exc}") from None


def _existing(real: Path, shown: str) -> os.stat_result | None:
    """The target's status if it exists; OutputError if it is anything but a regular file."""
    try:
        status = os.stat(real)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(f"cannot write {shown}: it is {_kind(status.st_mode)}, not a regular file; left untouched")
    return status


def _target(path: Path, inside: Path | None) -> tuple[Path, os.stat_result | None]:
    """The real file ``path`` names, checked; and its status when it exists."""
    shown = _shown(path)
    real = _resolve(path, shown)
    status = _existing(real, shown)
    boundary = _resolve(inside if inside is not None else path.parent, shown)
    if not real.is_relative_to(boundary) or real == boundary:
        where = _shown(inside) if inside is not None else "its folder"
        raise OutputError(f"cannot write {shown}: a symbolic link leads outside {where}; nothing was written")
    return real, status


def check_output(path: Path, *, inside: Path | None = None) -> None:
    """OutputError if ``path`` could not be written by ``write_output`` or ``move_output``; nothing is written."""
    _target(path, inside)


def _set_mode(handle: int, old: os.stat_result | None) -> None:
    """Give the temporary file the replaced file's permissions and owner, or the umask's permissions."""
    if old is None:
        os.fchmod(handle, new_file_mode())
        return
    os.fchmod(handle, stat.S_IMODE(old.st_mode))
    mine = os.fstat(handle)
    if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
        # Only root may give a file away; the permissions are kept all the same.
        with contextlib.suppress(OSError):
            os.fchown(handle, old.st_uid, old.st_gid)


def _put_in_place(temp: Path, real: Path, shown: str, new_only: bool) -> None:
    """Rename ``temp`` to ``real``; with ``new_only``, never over an existing file."""
    _existing(real, shown)  # checked again, as late as can be
    if not new_only:
        os.replace(temp, real)
        return
    try:
        os.link(temp, real, follow_symlinks=False)  # fails if ``real`` exists: atomic and never overwrites
    except FileExistsError:
        raise OutputError(f"{shown} already exists; nothing was written") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        _copy_exclusively(temp, real, shown)  # a file system without hard links
    temp.unlink()


def _copy_exclusively(temp: Path, real: Path, shown: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(real, flags, stat.S_IMODE(os.stat(temp).st_mode))
    except FileExistsError:
        raise OutputError(f"{shown} already exists; nothing was written") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(temp.read_bytes())
    except BaseException:
        real.unlink(missing_ok=True)
        raise


def _prepare(path: Path, inside: Path | None) -> tuple[Path, os.stat_result | None]:
    """Check the target, create its folder, and check again (the folder may have been swapped meanwhile)."""
    real, status = _target(path, inside)
    real.parent.mkdir(parents=True, exist_ok=True)
    if _target(path, inside)[0] != real:
        raise OutputError(f"cannot write {_shown(path)}: its folder changed while it was being written")
    return real, status


def write_output(path: Path, content: str | bytes, *, inside: Path | None = None, new_only: bool = False) -> None:
    """Write ``content`` (text as UTF-8, line ends as given) to ``path`` atomically and safely.

    ``inside``: the folder the file must stay in, symbolic links included (default: the target's own
    folder). ``new_only``: refuse to replace an existing file. OutputError on any failure; the target
    is then as it was and no temporary file is left.
    """
    shown = _shown(path)
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
    except UnicodeEncodeError as exc:
        raise OutputError(f"cannot write {shown}: the text is not valid Unicode ({exc.reason})") from None
    try:
        real, old = _prepare(path, inside)
        if new_only and old is not None:
            raise OutputError(f"{shown} already exists; nothing was written")
        handle, name = tempfile.mkstemp(prefix=f".{real.name}-", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            _set_mode(stream.fileno(), old)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _put_in_place(temp, real, shown, new_only)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        temp.unlink(missing_ok=True)


def move_output(finished: Path, path: Path, *, inside: Path | None = None) -> None:
    """Move a finished file (on the same file system) to ``path``, with the checks of ``write_output``."""
    shown = _shown(path)
    try:
        real, old = _prepare(path, inside)
        handle = os.open(finished, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            _set_mode(handle, old)
        finally:
            os.close(handle)
        _put_in_place(finished, real, shown, new_only=False)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
