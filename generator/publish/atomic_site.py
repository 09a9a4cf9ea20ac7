"""Build the site atomically: into a staging folder beside the target, swapped in on success.

- One build at a time per site folder (``site_lock``); a second one waits.
- The site is built in ``.<site>-build-XXXX/site``; on success the current site is moved to
  ``.<site>-old-XXXX/site``, the new one renamed into place, and the old one removed. Both
  folders hold a marker file written when they were made, so that the folders a killed build
  left behind are recognised, by name and marker, and removed by the next build; nothing else is
  ever touched.
- The published tree gets ordinary permissions: folders and files as the umask gives them
  (0755 and 0644 under umask 022), whatever the staging folder started with.
- What is reported matches what is on disk: once the new site is in place the build succeeded,
  even if the old copy could not be removed (a warning says so).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import HandbookError, Where, error
from generator.publish.build_cache import BuildCache
from generator.publish.link_check import broken_links
from generator.publish.output_file import new_file_mode, new_folder_mode
from generator.publish.site_lock import site_locked

SiteBuilder = Callable[[Path], None]
MARKER = ".handbook-build-folder"
INNER = "site"
LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the same site


class PreviousSiteMoved(Exception):
    """The new site could not be put in place, nor the previous one put back; the message says where it is."""


@dataclass(frozen=True)
class BuildOutcome:
    """What a successful build has to say besides success."""

    removed: tuple[str, ...] = ()  # folders of interrupted builds that were cleaned up
    warnings: tuple[str, ...] = ()


def _marker_text(target: Path, kind: str) -> str:
    return f"handbook {kind} folder of {target.name}; removed by the next build if left behind\n"


def _holder(target: Path, kind: str) -> Path:
    """A new private folder ``.<site>-<kind>-XXXX`` beside ``target``, marked as ours."""
    holder = Path(tempfile.mkdtemp(prefix=f".{target.name}-{kind}-", dir=target.parent))
    (holder / MARKER).write_text(_marker_text(target, kind), encoding="utf-8")
    return holder


def _is_ours(folder: Path, target: Path) -> bool:
    """Whether ``folder`` is a staging or old-site folder of ``target``: by its name and its marker."""
    match = re.fullmatch(rf"\.{re.escape(target.name)}-(build|old)-[a-z0-9_]+", folder.name)
    if match is None or folder.is_symlink() or not folder.is_dir():
        return False
    marker = folder / MARKER
    try:
        if not stat.S_ISREG(marker.lstat().st_mode):
            return False
        return marker.read_text(encoding="utf-8") == _marker_text(target, match.group(1))
    except (OSError, UnicodeDecodeError):
        return False


def _discard(holder: Path) -> None:
    """Remove a folder of ours; the marker goes last, so that a folder left half removed is still ours."""
    for entry in holder.iterdir():
        if entry.name == MARKER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    (holder / MARKER).unlink()
    holder.rmdir()


def _remove_leftovers(target: Path) -> tuple[list[str], list[str]]:
    """Remove what interrupted builds of ``target`` left beside it; (removed, warnings)."""
    removed, warnings = [], []
    for folder in sorted(target.parent.iterdir()):
        if not _is_ours(folder, target):
            continue
        try:
            _discard(folder)
            removed.append(folder.name)
        except OSError as exc:
            warnings.append(f"cannot remove {folder.name}, left by an interrupted build: {exc.strerror or exc}")
    return removed, warnings


def _publishable(root: Path) -> None:
    """Give every folder and file under ``root`` the permissions the umask gives new ones."""
    folders, files = new_folder_mode(), new_file_mode()
    os.chmod(root, folders)
    for directory, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(directory, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                continue
            wanted = folders if stat.S_ISDIR(mode) else files
            if stat.S_IMODE(mode) != wanted:
                os.chmod(path, wanted)


def _swap_in(built: Path, target: Path) -> list[str]:
    """Replace ``target`` with ``built``; the old site is removed only after the rename; warnings.

    If the second rename fails, the old site is put back before the error goes on.
    """
    old = None
    if target.exists() or target.is_symlink():
        old = _holder(target, "old")
        os.replace(target, old / INNER)
    try:
        os.replace(built, target)
    except OSError:
        if old is not None:
            try:
                os.replace(old / INNER, target)
            except OSError as exc:
                raise PreviousSiteMoved(
                    f"the new site could not be put in place, nor the previous one put back ({exc.strerror}); "
                    f"the previous site is in {old / INNER}"
                ) from None
            _discard(old)
        raise
    if old is None:
        return []
    try:
        _discard(old)
    except OSError as exc:
        return [f"the previous site could not be removed ({exc.strerror or exc}); the next build removes {old.name}"]
    return []


def _path_of(link: str) -> str:
    return link.split("#", 1)[0].split("?", 1)[0]


def _check_links(staging: Path, unchecked_suffixes: tuple[str, ...], cache: BuildCache | None) -> None:
    broken = [b for b in broken_links(staging, cache) if not _path_of(b.link).endswith(unchecked_suffixes)]
    if broken:
        raise HandbookError(
            [error(Where(b.page), "broken-link", f"broken link '{b.link}': {b.reason}") for b in broken]
        )


def _build_and_swap(
    target: Path, builder: SiteBuilder, check_links: bool, unchecked: tuple[str, ...], cache: BuildCache | None
) -> list[str]:
    holder = _holder(target, "build")
    staging = holder / INNER
    try:
        staging.mkdir()
        builder(staging)
        if check_links:
            _check_links(staging, unchecked, cache)
        _publishable(staging)
        return _swap_in(staging, target)
    finally:
        with contextlib.suppress(OSError):  # still marked: the next build removes it
            _discard(holder)


def build_atomically(
    target: Path,
    builder: SiteBuilder,
    *,
    check_links: bool = True,
    unchecked_suffixes: tuple[str, ...] = (),
    link_cache: BuildCache | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
    on_wait: Callable[[str], None] = lambda message: None,
) -> BuildOutcome:
    """Run ``builder`` into a fresh folder beside ``target``; swap it in only if it all succeeded.

    On any failure the previous site stays exactly as it was and HandbookError (or OSError) is
    raised; SiteBusy if another build of ``target`` holds it for more than ``lock_timeout`` seconds
    (``on_wait`` is told once that we wait); PreviousSiteMoved in the one case where the previous
    site could not be put back. Links to files ending in ``unchecked_suffixes`` (files the build
    was asked to leave out) are not checked; ``link_cache`` keeps what the check read from each page.
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with site_locked(target, lock_timeout, on_wait):
        removed, warnings = _remove_leftovers(target)
        warnings += _build_and_swap(target, builder, check_links, unchecked_suffixes, link_cache)
    return BuildOutcome(tuple(removed), tuple(warnings))
