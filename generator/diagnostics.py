"""Diagnostics: what the tool tells an editor about a file, with its position."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any


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
    excerpt: str | None = None  # the source line, shown with a caret under the column

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.where.file, self.where.line, self.where.column, self.message)


class HandbookError(Exception):
    """The tool's own error type: carries diagnostics instead of a traceback."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(format_text(d) for d in self.diagnostics))


def error(where: Where, code: str, message: str, hint: str | None = None, *, excerpt: str | None = None) -> Diagnostic:
    return Diagnostic(where, Severity.ERROR, code, message, hint, excerpt)


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


def excerpt_lines(line_text: str, line: int, column: int) -> str:
    """The source line with its number, and a caret under ``column`` (wide characters count twice)."""
    shown = printable(line_text.expandtabs(1))
    before = shown[: column - 1]
    offset = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in before)
    gutter = f"    {line} | "
    return f"{gutter}{shown}\n{' ' * (len(gutter) - 2)}| {' ' * offset}^"


def format_text(d: Diagnostic) -> str:
    w = d.where
    text = f"{printable(w.file)}:{w.line}:{w.column}: {d.severity.value}: {printable(d.message)} [{d.code}]"
    if d.excerpt is not None:
        text += "\n" + excerpt_lines(d.excerpt, w.line, w.column)
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


# --- The handbook's language: Chinese wording with the English kept alongside (generator/i18n/diagnostics.yaml)

_CATALOGUE = Path(__file__).resolve().parent / "i18n" / "diagnostics.yaml"
_Rule = tuple["re.Pattern[str]", str]


@cache
def _catalogue() -> tuple[dict[str, list[_Rule]], list[_Rule], dict[str, str]]:
    import yaml

    raw = yaml.safe_load(_CATALOGUE.read_text(encoding="utf-8"))

    def rules(entries: Any) -> list[_Rule]:
        pairs = [entries] if entries and isinstance(entries[0], str) else entries
        return [(re.compile(en + r"\Z", re.DOTALL), zh) for en, zh in pairs]

    messages = {code: rules(entries) for code, entries in raw["messages"].items()}
    return messages, rules(raw["hints"]), dict(raw["words"])


def _worded(rules: Iterable[_Rule], text: str, words: dict[str, str]) -> str | None:
    """The Chinese of ``text`` by the first rule it matches, its values put in as data; None if none does."""
    for pattern, chinese in rules:
        match = pattern.match(text)
        if match is not None:
            return _filled(chinese, {k: words.get(v, v) for k, v in match.groupdict(default="").items()})
    return None


def _filled(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def chinese_message(d: Diagnostic) -> str | None:
    """The diagnostic's message in Chinese, when the catalogue has its wording."""
    messages, _, words = _catalogue()
    return _worded(messages.get(d.code, ()), d.message, words)


def localized(d: Diagnostic, language: str) -> Diagnostic:
    """``d`` in the handbook's language: for zh the Chinese message and hint, each with the English after
    it (people search for the English); anything without a wording stays English. The environment
    variable HANDBOOK_MESSAGES (zh or en) chooses the wording whatever the handbook's language."""
    if os.environ.get("HANDBOOK_MESSAGES", language) != "zh":
        return d
    _, hints, words = _catalogue()
    zh = chinese_message(d)
    message = f"{zh} ({d.message})" if zh is not None and zh != d.message else d.message
    zh_hint = _worded(hints, d.hint, words) if d.hint else None
    hint = f"{zh_hint} ({d.hint})" if zh_hint is not None and zh_hint != d.hint else d.hint
    return Diagnostic(d.where, d.severity, d.code, message, hint, d.excerpt)
