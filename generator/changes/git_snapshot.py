"""The procedures folder as it was at a git revision, validated into a model.

The folder's files at the revision are read with ``git ls-tree`` and ``git cat-file --batch`` into a
temporary folder and run through the same validation as ``handbook validate``. File names in the
model are the repository paths (``procedures/reception/x.yaml``); diagnostics of a revision name the
revision too (``main:procedures/reception/x.yaml:3:5``).
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from generator.diagnostics import Diagnostic, Where
from generator.load.discovery import HANDBOOK_FILE, display_path
from generator.validate.pipeline import ValidationResult, validate_root

SYMLINK_MODE = "120000"


class GitError(Exception):
    """Git could not give us what we asked for; the message says what, for the editor."""


@dataclass(frozen=True)
class GitFolder:
    """A procedures folder inside a git work tree."""

    top: Path
    path: str  # relative to ``top``, with forward slashes


@dataclass(frozen=True)
class Snapshot:
    label: str
    result: ValidationResult
    failed: frozenset[str] = frozenset()  # procedure files, as repository paths, that did not load


def _git(top: Path | None, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    command = ["git", *(["-C", str(top)] if top else []), *args]
    try:
        return subprocess.run(command, input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None


def locate(procedures: Path) -> GitFolder:
    """The git work tree holding the procedures folder, and the folder's path inside it."""
    done = _git(procedures if procedures.is_dir() else None, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise GitError("not inside a git repository")
    top = Path(done.stdout.decode("utf-8").strip())
    inside = Path(os.path.relpath(procedures.resolve(), top.resolve())).as_posix()
    if inside == ".." or inside.startswith("../"):
        raise GitError(f"the procedures folder {procedures} is outside the git repository")
    return GitFolder(top, inside)


def resolve(folder: GitFolder, revision: str) -> str:
    """The commit a revision names; GitError when it names none."""
    done = _git(folder.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if not revision or done.returncode != 0:
        raise GitError(f"unknown revision '{revision}'")
    return done.stdout.decode("ascii").strip()


def _tree_entries(folder: GitFolder, commit: str) -> list[tuple[str, str, str]]:
    done = _git(folder.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder.path)
    if done.returncode != 0:
        raise GitError(f"cannot list {folder.path} at {commit[:12]}: {done.stderr.decode(errors='replace').strip()}")
    entries = []
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        meta, name = record.split(b"\t", 1)
        mode, kind, oid = meta.decode("ascii").split(" ")
        if kind == "blob":
            entries.append((mode, oid, name.decode("utf-8", errors="surrogateescape")))
    return entries


def _blobs(folder: GitFolder, oids: list[str]) -> list[bytes]:
    done = _git(folder.top, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in oids).encode("ascii"))
    if done.returncode != 0:
        raise GitError(f"cannot read files: {done.stderr.decode(errors='replace').strip()}")
    out, position, blobs = done.stdout, 0, []
    for _ in oids:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split(b" ")[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1
    return blobs


def export(folder: GitFolder, commit: str, destination: Path) -> bool:
    """Write the folder's files at ``commit`` into ``destination``; False if the folder did not exist."""
    entries = _tree_entries(folder, commit)
    if not entries:
        return False
    prefix = "" if folder.path == "." else folder.path + "/"
    for (mode, _, name), content in zip(entries, _blobs(folder, [oid for _, oid, _ in entries]), strict=True):
        target = destination / name.removeprefix(prefix)
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == SYMLINK_MODE:
            target.symlink_to(content.decode("utf-8", errors="surrogateescape"))
        else:
            target.write_bytes(content)
    return True


def _moved(file: str, prefix: str, to: str) -> str:
    if file == prefix:
        return to
    if file.startswith(prefix + os.sep):
        return posixpath.join(to, file[len(prefix) + 1 :].replace(os.sep, "/"))
    return file


def _relocate(result: ValidationResult, root: Path, to: str, diagnostics_to: str | None) -> ValidationResult:
    prefix = display_path(root)
    handbook = result.handbook
    if handbook is not None:
        procedures = tuple(replace(p, file=_moved(p.file, prefix, to)) for p in handbook.procedures)
        handbook = replace(handbook, procedures=procedures)
    diagnostics: tuple[Diagnostic, ...] = result.diagnostics
    if diagnostics_to is not None:
        diagnostics = tuple(
            replace(d, where=Where(_moved(d.where.file, prefix, diagnostics_to), d.where.line, d.where.column))
            for d in diagnostics
        )
    return ValidationResult(handbook, diagnostics)


def _failed(result: ValidationResult, root: Path, to: str) -> frozenset[str]:
    loaded = {p.file for p in result.handbook.procedures} if result.handbook else set()
    handbook_file = display_path(root / HANDBOOK_FILE)
    failed = {d.where.file for d in result.errors} - loaded - {handbook_file, display_path(root)}
    return frozenset(_moved(f, display_path(root), to) for f in failed)


def _snapshot(label: str, result: ValidationResult, root: Path, to: str, diagnostics_to: str | None) -> Snapshot:
    return Snapshot(label, _relocate(result, root, to, diagnostics_to), _failed(result, root, to))


def at_revision(folder: GitFolder, revision: str, today: date) -> Snapshot:
    """The validated procedures folder at a revision; GitError for a bad revision or a missing folder."""
    commit = resolve(folder, revision)
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as temp:
        root = Path(temp) / "procedures"
        root.mkdir()
        if not export(folder, commit, root):
            raise GitError(f"there is no folder '{folder.path}' at revision '{revision}'")
        result = validate_root(root, today)
        return _snapshot(revision, result, root, folder.path, f"{revision}:{folder.path}")


def in_working_tree(folder: GitFolder, procedures: Path, today: date, label: str) -> Snapshot:
    """The validated procedures folder as it is on disk, uncommitted edits included."""
    if not procedures.is_dir():
        raise GitError(f"no such folder: {procedures}")
    result = validate_root(procedures, today)
    return _snapshot(label, result, procedures, folder.path, None)
