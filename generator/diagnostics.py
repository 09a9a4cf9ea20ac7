"""Diagnostics: what the tool tells an editor about a file, with its position."""

from __future__ import annotations

import json
import re
import unicodedata
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


# Characters a terminal acts on or hides: controls (ESC starts a terminal command), format characters
# (bidirectional overrides reorder the line), line and paragraph separators, lone surrogates.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by Python's surrogateescape
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: each control, format or separator character as an escape (``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(_escaped(c) if c not in " \t" and unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in text)


def format_text(d: Diagnostic) -> str:
    w = d.where
    text = f"{printable(w.file)}:{w.line}:{w.column}: {d.severity.value}: {printable(d.message)} [{d.code}]"
    if d.hint:
        text += f"\n    hint: {printable(d.hint)}"
    return text


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request."""
    w = d.where
    level = {"error": "error", "warning": "warning", "notice": "notice"}[d.severity.value]
    message = printable(d.message) + (f"\n{printable(d.hint)}" if d.hint else "")
    file = _escape_property(printable(w.file))
    props = f"file={file},line={w.line},col={w.column},title={_escape_property(printable(d.code))}"
    return f"::{level} {props}::{_escape_data(message)}"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    rows = []
    for d in diagnostics:
        row = asdict(d)
        row["severity"] = d.severity.value
        rows.append(row)
    text = json.dumps({"diagnostics": rows}, ensure_ascii=False, indent=2)
    # JSON escapes C0 controls itself; C1 controls and invisible format characters are escaped here too.
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", _lone_surrogates_escaped(text))


def _lone_surrogates_escaped(text: str) -> str:
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
