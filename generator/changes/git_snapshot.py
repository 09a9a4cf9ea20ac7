"""The procedures folder as it was at a git revision, validated into a model.

The folder's files at the revision are read from git and vetted (``git_tree``): only regular YAML
files with plain names are accepted; whatever else a revision holds (links, submodules, ``..``) is
refused with an error naming the revision and the path, and counts as a file that did not load.
The accepted files are written into a private temporary folder, removed afterwards, and run
through the same validation as ``handbook validate``. File names in the model are the repository
paths (``procedures/reception/x.yaml``); diagnostics of a revision name the revision too
(``main:procedures/reception/x.yaml:3:5``).
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from generator.changes.git_tree import FolderAtRevision, GitError, read_folder, run_git, write_vetted
from generator.diagnostics import Diagnostic, Where, error, sorted_diagnostics
from generator.load.discovery import HANDBOOK_FILE, display_path
from generator.validate.pipeline import ValidationResult, validate_root

__all__ = ["GitError", "GitFolder", "Snapshot", "at_revision", "in_working_tree", "locate", "resolve"]


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


def locate(procedures: Path) -> GitFolder:
    """The git work tree holding the procedures folder, and the folder's path inside it."""
    done = run_git(procedures if procedures.is_dir() else None, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise GitError("not inside a git repository")
    top = Path(done.stdout.decode("utf-8").strip())
    inside = Path(os.path.relpath(procedures.resolve(), top.resolve())).as_posix()
    if inside == ".." or inside.startswith("../"):
        raise GitError(f"the procedures folder {procedures} is outside the git repository")
    return GitFolder(top, inside)


def resolve(folder: GitFolder, revision: str) -> str:
    """The commit a revision names; GitError when it names none."""
    done = run_git(folder.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if not revision or done.returncode != 0:
        raise GitError(f"unknown revision '{revision}'")
    return done.stdout.decode("ascii").strip()


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


def _with_refused(snapshot: Snapshot, files: FolderAtRevision, clashes: list[str]) -> Snapshot:
    """``snapshot`` with the entries that were not read as errors, and as files that did not load."""
    label = snapshot.label
    refused = (
        *files.refused,
        *(
            error(Where(f"{label}:{path}"), "unsafe-git-entry", "a second file of the same name: not read")
            for path in clashes
        ),
    )
    if not refused:
        return snapshot
    diagnostics = tuple(sorted_diagnostics((*snapshot.result.diagnostics, *refused)))
    failed = snapshot.failed | files.refused_paths | set(clashes)
    return Snapshot(label, ValidationResult(snapshot.result.handbook, diagnostics), failed)


def at_revision(folder: GitFolder, revision: str, today: date) -> Snapshot:
    """The validated procedures folder at a revision; GitError for a bad revision or a missing folder."""
    commit = resolve(folder, revision)
    files = read_folder(folder.top, folder.path, commit, revision)
    if files is None:
        raise GitError(f"there is no folder '{folder.path}' at revision '{revision}'")
    prefix = "" if folder.path == "." else folder.path + "/"
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as temp:
        root = Path(temp) / "procedures"
        root.mkdir()
        clashes = [prefix + "/".join(parts) for parts in write_vetted(files.files, root)]
        result = validate_root(root, today)
        snapshot = _snapshot(revision, result, root, folder.path, f"{revision}:{folder.path}")
    return _with_refused(snapshot, files, clashes)


def in_working_tree(folder: GitFolder, procedures: Path, today: date, label: str) -> Snapshot:
    """The validated procedures folder as it is on disk, uncommitted edits included."""
    if not procedures.is_dir():
        raise GitError(f"no such folder: {procedures}")
    result = validate_root(procedures, today)
    return _snapshot(label, result, procedures, folder.path, None)
