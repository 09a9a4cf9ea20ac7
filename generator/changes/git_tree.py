"""A folder's files at a git revision, read straight from git and vetted; never checked out.

A revision may come from anyone (``handbook diff colleague/branch``), so its tree is untrusted:
it may hold symbolic links to anywhere, submodules, entries named ``..`` or with an empty name,
names with control characters. The tree is listed with ``git ls-tree -r -z`` and the blobs that
are needed are read with ``git cat-file --batch``, into memory. Only regular files are accepted,
and only when every part of their path is a plain name; the rest is refused with a diagnostic
naming the revision and the path. Hidden files and files that are not YAML are skipped unread,
as discovery skips them on disk.

``write_vetted`` then writes the accepted files into a fresh private folder, for the validation
that reads from disk: only names that passed the check, never a link, never over another file.
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, HandbookError, Where, error, printable
from generator.load.discovery import YAML_SUFFIXES
from generator.load.yaml_loader import check_size

REGULAR_MODES = frozenset({"100644", "100755"})
SYMLINK_MODE = "120000"
SUBMODULE_MODE = "160000"
MAX_DEPTH = 8  # procedures/SECTION/ID.yaml is two deep; deeper files are reported by discovery, up to this
# A plain file or folder name: ASCII letters, digits, dot, hyphen, underscore; no leading dot.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")
_SKIPPED = "skipped"


class GitError(Exception):
    """Git could not give us what we asked for; the message says what, for the editor."""


def run_git(top: Path | None, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git (in ``top`` when given) with pathspecs taken literally; GitError if git cannot start."""
    command = ["git", "--literal-pathspecs", *(["-C", str(top)] if top else []), *args]
    try:
        return subprocess.run(command, input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None


@dataclass(frozen=True)
class TreeFile:
    """An accepted file: its path inside the folder, as checked parts, and its content."""

    parts: tuple[str, ...]
    content: bytes


@dataclass(frozen=True)
class FolderAtRevision:
    """The accepted files of a folder at a revision, and what was refused."""

    files: tuple[TreeFile, ...]
    refused: tuple[Diagnostic, ...]
    refused_paths: frozenset[str]  # repository paths, as shown in the diagnostics


@dataclass(frozen=True)
class _Entry:
    mode: str
    kind: str
    oid: str
    size: int | None
    path: bytes


def shown_path(raw: bytes) -> str:
    """A path from a tree as it may be shown: bytes that are not UTF-8 and control characters escaped."""
    return printable(raw.decode("utf-8", errors="surrogateescape"))


def _entries(top: Path, folder: str, commit: str) -> list[_Entry]:
    done = run_git(top, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", folder)
    if done.returncode != 0:
        raise GitError(f"cannot list {folder} at {commit[:12]}: {done.stderr.decode(errors='replace').strip()}")
    entries = []
    for record in done.stdout.split(b"\0"):
        if record:
            meta, path = record.split(b"\t", 1)
            mode, kind, oid, size = meta.decode("ascii").split()
            entries.append(_Entry(mode, kind, oid, int(size) if size.isdigit() else None, path))
    return entries


def _kind_problem(entry: _Entry) -> str | None:
    if entry.mode == SYMLINK_MODE:
        return "a symbolic link: not followed"
    if entry.mode == SUBMODULE_MODE or entry.kind != "blob":
        return "a submodule: not read"
    if entry.mode not in REGULAR_MODES:
        return f"an entry of unknown mode {entry.mode}: not read"
    return None


def _name_problem(parts: list[bytes]) -> str | None:
    if any(part in (b"", b".", b"..") for part in parts):
        return "a path with an empty, '.' or '..' part: not read"
    try:
        names = [part.decode("utf-8") for part in parts]
    except UnicodeDecodeError:
        return "a name that is not UTF-8: not read"
    if any((unicodedata.category(ch)[0] in "CZ" and ch != " ") or ch in "\\:" for name in names for ch in name):
        return "a name with control characters, backslashes or colons: not read"
    if any(name.startswith(".") for name in names) or not names[-1].lower().endswith(YAML_SUFFIXES):
        return _SKIPPED  # hidden, or not YAML: discovery ignores such files on disk too
    if not all(_PLAIN_NAME.fullmatch(name) for name in names):
        return "a name other than ASCII letters, digits, '.', '-' and '_': not read"
    if len(parts) > MAX_DEPTH:
        return f"more than {MAX_DEPTH} folders deep: not read"
    return None


def _problem(entry: _Entry, prefix: bytes) -> str | None:
    """Why an entry is refused; ``_SKIPPED`` for one that is left out unread; None when accepted."""
    kind = _kind_problem(entry)
    if kind is not None:
        return kind
    if not entry.path.startswith(prefix):
        return "the folder itself is not a folder at this revision"
    return _name_problem(entry.path[len(prefix) :].split(b"/"))


def _blobs(top: Path, oids: list[str]) -> list[bytes]:
    done = run_git(top, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in oids).encode("ascii"))
    if done.returncode != 0:
        raise GitError(f"cannot read files: {done.stderr.decode(errors='replace').strip()}")
    out, position, blobs = done.stdout, 0, []
    for oid in oids:
        header_end = out.find(b"\n", position)
        header = out[position:header_end].split(b" ")
        if header_end < 0 or len(header) != 3 or header[1] != b"blob":
            raise GitError(f"cannot read the file {oid[:12]} from git")
        size = int(header[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1
    return blobs


def read_folder(top: Path, folder: str, commit: str, label: str) -> FolderAtRevision | None:
    """The vetted files of ``folder`` (relative to ``top``) at ``commit``; None if there is no such folder.

    Diagnostics name ``label:path`` (``label`` is the revision as the editor gave it).
    """
    entries = _entries(top, folder, commit)
    if not entries:
        return None
    prefix = b"" if folder == "." else folder.encode("utf-8") + b"/"
    accepted: list[tuple[_Entry, tuple[str, ...]]] = []
    refused: list[Diagnostic] = []
    refused_paths: set[str] = set()
    for entry in entries:
        shown = shown_path(entry.path)
        problem = _problem(entry, prefix)
        if problem is None and entry.size is not None:
            try:
                check_size(entry.size, f"{label}:{shown}")
            except HandbookError as exc:
                refused.extend(exc.diagnostics)
                refused_paths.add(shown)
                continue
        if problem is None:
            accepted.append((entry, tuple(entry.path[len(prefix) :].decode("utf-8").split("/"))))
        elif problem != _SKIPPED:
            refused.append(error(Where(f"{label}:{shown}"), "unsafe-git-entry", problem))
            refused_paths.add(shown)
    contents = _blobs(top, [entry.oid for entry, _ in accepted]) if accepted else []
    files = tuple(TreeFile(parts, content) for (_, parts), content in zip(accepted, contents, strict=True))
    return FolderAtRevision(files, tuple(refused), frozenset(refused_paths))


def _folder_for(root: Path, parts: tuple[str, ...]) -> Path:
    """The folder ``root/parts...``, made as needed; never through a link, never over a file."""
    folder = root
    for part in parts:
        folder = folder / part
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if folder.is_symlink() or not folder.is_dir():
                raise
    return folder


def write_vetted(files: tuple[TreeFile, ...], root: Path) -> list[tuple[str, ...]]:
    """Write accepted files under ``root`` (a fresh private folder); the parts of those that clash.

    A clash is a second file under a name already written (a file and a folder of one name, or
    names that differ only in case on a case-insensitive disk): the first one wins.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    clashes = []
    for file in files:
        try:
            handle = os.open(_folder_for(root, file.parts[:-1]) / file.parts[-1], flags, 0o600)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            clashes.append(file.parts)
            continue
        with os.fdopen(handle, "wb") as stream:
            stream.write(file.content)
    return clashes
