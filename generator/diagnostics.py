"""Diagnostics: what the tool tells an editor about a file, with its position."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a diagnostic is; notices never fail a run."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class Where:
    """A position in a file: 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, tied to a position in a file."""

    where: Where
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.where.file, self.where.line, self.where.column, self.message)


class HandbookError(Exception):
    """The tool's own error type: carries diagnostics instead of a traceback."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(format_text(d) for d in self.diagnostics))


def error(where: Where, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(where, Severity.ERROR, code, message, hint)


def warning(where: Where, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(where, Severity.WARNING, code, message, hint)


def notice(where: Where, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(where, Severity.NOTICE, code, message, hint)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=Diagnostic.sort_key)


def format_text(d: Diagnostic) -> str:
    w = d.where
    text = f"{w.file}:{w.line}:{w.column}: {d.severity.value}: {d.message} [{d.code}]"
    if d.hint:
        text += f"\n    hint: {d.hint}"
    return text


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request."""
    w = d.where
    level = {"error": "error", "warning": "warning", "notice": "notice"}[d.severity.value]
    message = d.message + (f"\n{d.hint}" if d.hint else "")
    props = f"file={_escape_property(w.file)},line={w.line},col={w.column},title={_escape_property(d.code)}"
    return f"::{level} {props}::{_escape_data(message)}"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    rows = []
    for d in diagnostics:
        row = asdict(d)
        row["severity"] = d.severity.value
        rows.append(row)
    return json.dumps({"diagnostics": rows}, ensure_ascii=False, indent=2)
