"""The validation pipeline: load, schema, model, semantic checks; every error collected."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.cache import RunCache, digest, kept_text
from generator.diagnostics import Diagnostic, HandbookError, Severity, Where, error, sorted_diagnostics
from generator.load.discovery import Discovery, discover, display_path
from generator.load.kept_document import document_from_json, document_json
from generator.load.reading import read_source
from generator.load.schema_files import HANDBOOK_SCHEMA, PROCEDURE_SCHEMA
from generator.load.yaml_loader import LoadedDocument, load_yaml
from generator.model.builder import build_handbook, build_procedure, revision_dates_diagnostics, shared_roles
from generator.model.handbook import Handbook, Procedure
from generator.validate.near_duplicates import near_duplicate_warnings
from generator.validate.placeholders import placeholder_warnings
from generator.validate.repeats import collapse_runs
from generator.validate.schema_check import check_schema
from generator.validate.section_checks import check_section_sizes
from generator.validate.semantic_checks import check_handbook, check_procedure, check_unique_procedures
from generator.validate.visible_text import blank_looking_diagnostics


@dataclass(frozen=True)
class ValidationResult:
    handbook: Handbook | None
    diagnostics: tuple[Diagnostic, ...]
    language: str = "zh"  # handbook.yaml's, for the wording of the diagnostics

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


Checked = tuple[LoadedDocument | None, tuple[Diagnostic, ...]]
_DOCUMENTS: RunCache[Checked] = RunCache()
_PROCEDURES: RunCache[Built] = RunCache()


def _check_document(data: bytes, file: str, schema_name: str) -> Checked:
    try:
        doc = load_yaml(data, file)
    except HandbookError as exc:
        return None, tuple(exc.diagnostics)
    problems = check_schema(doc, schema_name) + (
        revision_dates_diagnostics(doc) if schema_name == PROCEDURE_SCHEMA and isinstance(doc.data, dict) else []
    )
    problems += blank_looking_diagnostics(doc, problems)
    return (None if problems else doc), tuple(problems)


def _read(path: Path, diagnostics: list[Diagnostic]) -> bytes | None:
    try:
        return read_source(str(path), display_path(path))
    except HandbookError as exc:
        diagnostics.extend(exc.diagnostics)
        return None
    except OSError as exc:
        diagnostics.append(error(Where(display_path(path)), "unreadable", f"cannot read the file: {exc.strerror}"))
        return None


def _kept_check(data: bytes, file: str, schema_name: str) -> Checked:
    """``_check_document``, or a document that passed it in an earlier build, as the build kept it."""
    made: list[Checked] = []

    def check() -> str:
        made.append(_check_document(data, file, schema_name))
        doc, problems = made[0]
        return document_json(doc) if doc is not None and not problems else ""  # problems: checked anew

    kept = kept_text("checked-document", (schema_name, file, digest(data)), check)
    if made:
        return made[0]
    doc = document_from_json(kept, file) if kept else None
    return (doc, ()) if doc is not None else _check_document(data, file, schema_name)


def load_document(path: Path, schema_name: str, diagnostics: list[Diagnostic]) -> LoadedDocument | None:
    """Load and schema-check one file; append problems and return None if it is unusable."""
    data = _read(path, diagnostics)
    if data is None:
        return None
    file = display_path(path)
    doc, problems = _DOCUMENTS.get((schema_name, file, digest(data)), lambda: _kept_check(data, file, schema_name))
    diagnostics.extend(problems)
    if doc is not None and schema_name == PROCEDURE_SCHEMA:
        diagnostics.extend(placeholder_warnings(doc))
    return doc


Built = tuple[LoadedDocument, LoadedDocument | None, Procedure | HandbookError]


def _build_procedure(doc: LoadedDocument, section: str, shared: LoadedDocument | None) -> Procedure | HandbookError:
    """The model of a checked document; the same document and handbook.yaml give the same object."""
    key = (str(id(doc)), section, str(id(shared)))
    cached_doc, cached_handbook, built = _PROCEDURES.get(key, lambda: (doc, shared, _built(doc, section, shared)))
    if cached_doc is doc and cached_handbook is shared:
        return built
    return _built(doc, section, shared)  # an id reused by a newer object: not the same document


def _built(doc: LoadedDocument, section: str, shared: LoadedDocument | None) -> Procedure | HandbookError:
    try:
        return build_procedure(doc, section, shared_roles(shared) if shared else {})
    except HandbookError as exc:
        return exc


def _procedures(discovery: Discovery, shared: LoadedDocument | None, diagnostics: list[Diagnostic]) -> list[Procedure]:
    procedures = []
    for entry in discovery.procedures:
        doc = load_document(entry.path, PROCEDURE_SCHEMA, diagnostics)
        if doc is None:
            continue
        built = _build_procedure(doc, entry.section, shared)
        if isinstance(built, HandbookError):
            diagnostics.extend(built.diagnostics)
        else:
            procedures.append(built)
    return procedures


def validate_root(root: Path, today: date) -> ValidationResult:
    """Validate a whole procedures folder."""
    if not root.is_dir():
        where = Where(display_path(root))
        return ValidationResult(None, (error(where, "no-folder", "no such folder"),))
    discovery = discover(root)
    diagnostics = list(discovery.diagnostics)
    if discovery.handbook in discovery.refused:
        handbook_doc = None  # reported by discovery; never followed
    elif not discovery.handbook.is_file():
        diagnostics.append(
            error(
                Where(display_path(discovery.handbook)),
                "no-handbook",
                "handbook.yaml is missing",
                "it lists the sections, shared roles and forms",
            )
        )
        handbook_doc = None
    else:
        handbook_doc = load_document(discovery.handbook, HANDBOOK_SCHEMA, diagnostics)
    procedures = _procedures(discovery, handbook_doc, diagnostics)
    language = _language(handbook_doc)
    _DOCUMENTS.end_run()
    _PROCEDURES.end_run()
    procedures.sort(key=lambda p: (p.section, p.id, p.file))
    if handbook_doc is None:
        return ValidationResult(None, tuple(collapse_runs(sorted_diagnostics(diagnostics))), language)
    handbook = build_handbook(handbook_doc, procedures)
    diagnostics.extend(check_handbook(handbook))
    diagnostics.extend(check_section_sizes(handbook))
    diagnostics.extend(check_unique_procedures(procedures))
    some_failed = len(procedures) < len(discovery.procedures)
    for procedure in procedures:
        diagnostics.extend(
            d
            for d in check_procedure(procedure, handbook, today)
            # A file that did not load is reported once; links to its id are not errors of their own.
            if not (some_failed and d.code == "unknown-procedure")
        )
    if not any(d.severity is Severity.ERROR for d in diagnostics):
        # Only a sound handbook: a broken file's items would be compared with the files it copies.
        diagnostics.extend(near_duplicate_warnings(handbook))
    return ValidationResult(handbook, tuple(collapse_runs(sorted_diagnostics(diagnostics))), language)


def _language(handbook_doc: LoadedDocument | None) -> str:
    """handbook.yaml's language, even when the rest of it is broken; Chinese when it says none."""
    data = handbook_doc.data if handbook_doc is not None else None
    language = data.get("language") if isinstance(data, dict) else None
    return language if isinstance(language, str) and language in ("zh", "en") else "zh"


def find_root(path: Path) -> Path:
    """The procedures folder a path belongs to: the nearest folder holding handbook.yaml."""
    start = path if path.is_dir() else path.parent
    for candidate in (start, *start.parents):
        if (candidate / "handbook.yaml").is_file():
            return candidate
    return start


def validate_paths(paths: Sequence[Path], today: date) -> ValidationResult:
    """Validate the handbooks that the given files or folders belong to."""
    roots = sorted({find_root(p) for p in paths}, key=str)
    results = [validate_root(root, today) for root in roots]
    diagnostics = tuple(d for r in results for d in r.diagnostics)
    handbook = results[0].handbook if len(results) == 1 else None
    return ValidationResult(handbook, diagnostics, results[0].language if results else "zh")
