"""Find the handbook file and the procedure files under a procedures folder."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, Where, error, notice
from generator.load.reading import not_regular, symlink_loop

# Device names: Windows refuses files called so, with any extension (con.html, nul.svg, …).
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)

HANDBOOK_FILE = "handbook.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\.ya?ml")
_FOLDER_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


# A procedure file sits in a section folder up to three levels deep: procedures/AREA/SECTION/SUBSECTION/ID.yaml.
MAX_FOLDER_DEPTH = 3


@dataclass(frozen=True)
class ProcedureFile:
    section: str  # the section's folder below the procedures folder, e.g. "reception" or "area/section"
    path: Path


@dataclass(frozen=True)
class Discovery:
    root: Path
    handbook: Path
    procedures: tuple[ProcedureFile, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    refused: frozenset[Path] = field(default=frozenset())  # files that exist but must not be read


def display_path(path: Path) -> str:
    """A path as editors see it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def loops(path: Path) -> bool:
    """Whether ``path`` is a symbolic link that leads back to itself, however long the way round."""
    try:
        path.resolve()
    except RuntimeError:  # pathlib's "Symlink loop"
        return True
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def escapes(path: Path, root: Path) -> bool:
    """Whether ``path`` resolves to somewhere outside ``root`` (a link out of the tree); a loop does not."""
    if loops(path):
        return False
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return True
    return False


def _unreadable_kind(path: Path, where: Where) -> Diagnostic | None:
    """Why ``path`` must not be opened (a FIFO, a device, a folder, a broken link), looked at with stat."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink() and exc.errno == errno.ENOENT:
            return error(where, "broken-symlink", "symbolic link to a file that does not exist", "remove the link")
        return error(where, "unreadable", f"cannot read the file: {exc.strerror}")
    return None if stat.S_ISREG(mode) else not_regular(where, mode)


def _classify(path: Path, root: Path, found: list[ProcedureFile], diagnostics: list[Diagnostic]) -> bool:
    """Sort one file into the procedures or the diagnostics; False if it exists but must not be read."""
    where = Where(display_path(path))
    relative = path.relative_to(root)
    if path.is_symlink() and escapes(path, root):
        diagnostics.append(
            error(
                where,
                "symlink-outside",
                "symbolic link points outside the procedures folder",
                "copy the file into the folder instead of linking to it",
            )
        )
        return False
    if loops(path):
        diagnostics.append(symlink_loop(where))
        return False
    if path.suffix.lower() not in YAML_SUFFIXES:
        diagnostics.append(notice(where, "not-yaml", "not a YAML file: ignored"))
        return True
    refusal = _unreadable_kind(path, where)
    if refusal is not None:
        diagnostics.append(refusal)
        return False
    if len(relative.parts) == 1:
        if relative.name != HANDBOOK_FILE:
            diagnostics.append(
                error(
                    where,
                    "misplaced-file",
                    "procedure files belong in a section folder",
                    "move it into one of the section folders, e.g. procedures/reception/",
                )
            )
        return True
    if len(relative.parts) > MAX_FOLDER_DEPTH + 1:
        diagnostics.append(
            error(
                where,
                "nested-folder",
                "sections are at most three folders deep: procedures/AREA/SECTION/SUBSECTION/ID.yaml",
                "move the file up into a section folder at most three levels down",
            )
        )
        return True
    folder = next((part for part in relative.parts[:-1] if not _FOLDER_NAME.fullmatch(part)), None)
    if folder is not None:
        message = f"folder '{folder}' cannot be a section: section folders are named like section ids"
        hint = "rename the folder with lower-case letters, digits and hyphens, as its id in handbook.yaml"
        diagnostics.append(error(where, "folder-name", message, hint))
        return True
    problem = _file_name_problem(relative.name)
    if problem is not None:
        diagnostics.append(error(where, "file-name", problem, "rename it like its id, e.g. bar-counter-service.yaml"))
        return True
    found.append(ProcedureFile("/".join(relative.parts[:-1]), path))
    return True


def _file_name_problem(name: str) -> str | None:
    """File names end up in links (the edit button) and in checkouts on every system: keep them plain."""
    if not _FILE_NAME.fullmatch(name):
        return "a procedure file name uses only lower-case letters, digits and hyphens, then .yaml"
    if name.rsplit(".", 1)[0] in WINDOWS_RESERVED:
        return f"'{name}' cannot exist on Windows: the repository could not be checked out there"
    return None


def discover(root: Path) -> Discovery:
    """Every procedure file below ``root``, sorted, with notices for what is ignored."""
    found: list[ProcedureFile] = []
    diagnostics: list[Diagnostic] = []
    refused: set[Path] = set()
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(directory)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if not _classify(here / name, root, found, diagnostics):
                refused.add(here / name)
        for name in list(dirnames):
            if (here / name).is_symlink() and escapes(here / name, root):
                diagnostics.append(
                    error(
                        Where(display_path(here / name)),
                        "symlink-outside",
                        "symbolic link points outside the procedures folder",
                    )
                )
                dirnames.remove(name)
    return Discovery(root, root / HANDBOOK_FILE, tuple(found), tuple(diagnostics), frozenset(refused))
