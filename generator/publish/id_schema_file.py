"""The editor's schema with the handbook's ids, kept beside the procedures' own schema.

Written to ``schemas/generated/procedure.schema.json`` next to the procedures folder (the place the
procedures' modelines and ``.vscode/settings.json`` name), and only when its content changed, so
that an editor's language server reloads it only then. A handbook without a ``schemas/`` folder
beside its procedures gets none.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.diagnostics import Diagnostic, Where, notice
from generator.load.discovery import display_path
from generator.load.schema_files import PROCEDURE_SCHEMA, schema
from generator.model.handbook import Handbook
from generator.publish.output_file import OutputError, write_output
from generator.render.id_schema import id_schema

GENERATED = Path("generated") / PROCEDURE_SCHEMA


def id_schema_path(procedures: Path) -> Path | None:
    """Where the schema with ids goes for ``procedures``, or None when there is no schemas/ beside it."""
    schemas = procedures.resolve().parent / "schemas"
    return schemas / GENERATED if schemas.is_dir() else None


def write_id_schema(procedures: Path, handbook: Handbook) -> Path | None:
    """Write (if changed) the schema with the ids of ``handbook``; the file written, or None.

    Raises ``OutputError`` when the file cannot be written."""
    target = id_schema_path(procedures)
    if target is None:
        return None
    text = json.dumps(id_schema(handbook, schema(PROCEDURE_SCHEMA)), ensure_ascii=False, indent=1) + "\n"
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return None
    except (OSError, UnicodeDecodeError):
        pass
    target.parent.mkdir(exist_ok=True)
    write_output(target, text, inside=target.parent.parent)
    return target


def refresh_id_schema(procedures: Path, handbook: Handbook | None) -> tuple[Diagnostic, ...]:
    """Write the schema with ids when there is a handbook; a notice (never a failure) if it cannot be."""
    if handbook is None:
        return ()
    try:
        write_id_schema(procedures, handbook)
    except OutputError as exc:
        hint = "editors' completion of ids stays as it was; the build goes on"
        return (notice(Where(display_path(procedures)), "id-schema", str(exc), hint),)
    return ()
