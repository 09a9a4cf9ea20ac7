"""``handbook new SECTION/ID --title TITLE``: write a new procedure that validates as it stands.

It refuses to overwrite a file or reuse a procedure id. A section that handbook.yaml does
not list yet is added to it when ``--section-title`` is given; otherwise nothing is written
and the editor is told what to add.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.cli.options import Commands, Exit, add_procedures_option, procedures_folder
from generator.cli.scaffold import NewProcedure, add_section, procedure_text, slug_pattern
from generator.clock import today
from generator.diagnostics import HandbookError, format_text, localized
from generator.load.discovery import HANDBOOK_FILE, MAX_FOLDER_DEPTH, YAML_SUFFIXES, discover, display_path
from generator.load.schema_files import HANDBOOK_SCHEMA, PROCEDURE_SCHEMA, SCHEMA_DIR
from generator.load.yaml_loader import LoadedDocument, load_yaml
from generator.publish.id_schema_file import id_schema_path, refresh_id_schema
from generator.publish.output_file import OutputError, write_output
from generator.validate.pipeline import validate_root
from generator.validate.schema_check import check_schema

MAX_TITLE = 200


class Refusal(Exception):
    """Why nothing was written, and the exit code to leave with."""

    def __init__(self, message: str, code: int = Exit.FAILED) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Plan:
    target: Path
    procedure: str
    handbook_file: Path
    handbook_text: str | None  # the new handbook.yaml, when a section is added


def _split_name(name: str) -> tuple[str, str]:
    """``AREA/SECTION/ID`` into the section's folder ("area/section") and the procedure id."""
    parts = name.split("/")
    if not 2 <= len(parts) <= MAX_FOLDER_DEPTH + 1:
        raise Refusal(
            f"expected SECTION/ID (or AREA/SECTION/ID, up to three section folders), e.g. reception/visitor-badges,"
            f" not '{name}'",
            Exit.USAGE,
        )
    pattern = slug_pattern()
    for what, value in zip([*("section" for _ in parts[:-1]), "id"], parts, strict=True):
        if not pattern.fullmatch(value):
            raise Refusal(
                f"the {what} '{value}' must be lower-case letters, digits and hyphens, starting with a letter"
                " or digit, at most 64 characters",
                Exit.USAGE,
            )
    return "/".join(parts[:-1]), parts[-1]


def declared_sections(data: object, parent: str | None = None) -> list[str]:
    """The folder of every section handbook.yaml declares, at every level, read from its raw data."""
    sections = data.get("sections") if isinstance(data, dict) else None
    found: list[str] = []
    for entry in sections if isinstance(sections, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            path = f"{parent}/{entry['id']}" if parent else entry["id"]
            found += [path, *declared_sections(entry, path)]
    return found


def _check_title(title: str) -> str:
    title = title.strip()
    if not title or "\n" in title or len(title) > MAX_TITLE:
        raise Refusal(f"the title must be one non-empty line of at most {MAX_TITLE} characters", Exit.USAGE)
    return title


def _load(path: Path) -> LoadedDocument:
    try:
        return load_yaml(path.read_bytes(), display_path(path))
    except (OSError, HandbookError) as exc:
        raise Refusal(f"cannot read {display_path(path)}; run handbook validate and fix it first") from exc


def _id_owner(root: Path, procedure_id: str) -> Path | None:
    """The file that already uses ``procedure_id`` as its id or file name, if any."""
    for entry in discover(root).procedures:
        if entry.path.stem == procedure_id:
            return entry.path
        try:
            data = load_yaml(entry.path.read_bytes(), display_path(entry.path)).data
        except (OSError, HandbookError):
            continue
        if isinstance(data, dict) and data.get("id") == procedure_id:
            return entry.path
    return None


def _schema_path(root: Path, folder: Path) -> str:
    """The modeline's schema: the one with the handbook's ids in the repository's schemas/ beside the
    procedures folder (written by this command, validate and the build), else the tool's own."""
    with_ids = id_schema_path(root)
    schema = with_ids if with_ids is not None else SCHEMA_DIR / PROCEDURE_SCHEMA
    return Path(os.path.relpath(schema, folder.resolve())).as_posix()


def _section_text(handbook: LoadedDocument, file: Path, section: str, section_title: str | None) -> str | None:
    known = declared_sections(handbook.data)
    if section in known:
        return None
    parent = section.rpartition("/")[0]
    if parent and parent not in known:
        raise Refusal(
            f"'{parent}' is not a section in {display_path(file)}: add it first"
            f" (handbook new {parent}/ID --title … --section-title …) or by hand"
        )
    if section_title is None:
        raise Refusal(
            f"'{section}' is not a section in {display_path(file)} (known: {', '.join(known)}); "
            f"give its title with --section-title to add it, or add it to the sections list by hand"
        )
    try:
        text = add_section(file.read_text(encoding="utf-8"), display_path(file), section, _check_title(section_title))
        problems = check_schema(load_yaml(text.encode("utf-8"), display_path(file)), HANDBOOK_SCHEMA)
    except HandbookError as exc:
        raise Refusal("\n".join(format_text(d) for d in exc.diagnostics)) from exc
    if problems:
        raise Refusal("\n".join(format_text(d) for d in problems))
    return text


def plan(root: Path, name: str, title: str, section_title: str | None) -> Plan:
    section, procedure_id = _split_name(name)
    title = _check_title(title)
    handbook_file = root / HANDBOOK_FILE
    if not handbook_file.is_file():
        raise Refusal(f"{display_path(handbook_file)} not found: is --procedures the procedures folder?", Exit.USAGE)
    folder = root / section
    for suffix in YAML_SUFFIXES:
        if (folder / f"{procedure_id}{suffix}").exists():
            raise Refusal(f"{display_path(folder / (procedure_id + suffix))} already exists; nothing was written")
    owner = _id_owner(root, procedure_id)
    if owner is not None:
        raise Refusal(f"the id '{procedure_id}' is already used by {display_path(owner)}; choose another id")
    handbook = _load(handbook_file)
    handbook_text = _section_text(handbook, handbook_file, section, section_title)
    language = handbook.data.get("language", "zh") if isinstance(handbook.data, dict) else "zh"
    new = NewProcedure(section, procedure_id, title, str(language), today(), _schema_path(root, folder))
    return Plan(folder / f"{procedure_id}.yaml", procedure_text(new), handbook_file, handbook_text)


def carry_out(new: Plan, root: Path) -> None:
    """Write the new procedure, then handbook.yaml; if that fails, the new procedure is taken back.

    Both stay inside the procedures folder: a section folder that is a link out of it is refused.
    """
    write_output(new.target, new.procedure, inside=root, new_only=True)
    if new.handbook_text is None:
        return
    try:
        write_output(new.handbook_file, new.handbook_text, inside=root)
    except OutputError:
        new.target.unlink(missing_ok=True)
        raise


def command_new(args: argparse.Namespace) -> int:
    root = procedures_folder(args, "new")
    if root is None:
        return Exit.USAGE
    try:
        new = plan(root, args.name, args.title, args.section_title)
        carry_out(new, root)
    except Refusal as refusal:
        print(f"handbook new: {refusal}", file=sys.stderr)
        return refusal.code
    except OutputError as exc:
        print(f"handbook new: {exc}", file=sys.stderr)
        return Exit.FAILED
    if new.handbook_text is not None:
        print(f"handbook new: added the section to {display_path(new.handbook_file)}", file=sys.stderr)
    result = validate_root(root, today())
    for refused in refresh_id_schema(root, result.handbook):
        print(format_text(refused), file=sys.stderr)
    touched = {display_path(new.target), display_path(new.handbook_file)}
    problems = [d for d in result.errors if d.where.file in touched]
    for diagnostic in problems:
        print(format_text(localized(diagnostic, result.language)), file=sys.stderr)
    to_fill = sum(1 for d in result.warnings if d.code == "placeholder" and d.where.file == display_path(new.target))
    print(
        f"handbook new: wrote {display_path(new.target)}; {to_fill} values are placeholders to fill in"
        " (see the comments marked 填写 / fill in; handbook validate lists them)",
        file=sys.stderr,
    )
    return Exit.FAILED if problems else Exit.OK


def register(commands: Commands) -> None:
    parser = commands.add_parser("new", help="write a new procedure file that validates, ready to fill in")
    parser.add_argument(
        "name",
        metavar="SECTION/ID",
        help="section folder and procedure id, e.g. reception/visitors; nested: area/section/id (three folders deep)",
    )
    parser.add_argument("--title", required=True, help="the procedure's title")
    add_procedures_option(parser)
    parser.add_argument(
        "--section-title", help="title of a new section: adds the section to handbook.yaml (default: refuse)"
    )
    parser.set_defaults(handler=command_new)
