"""YAML problems said in plain words, with the line shown: what a non-programmer can act on.

libyaml's own words ("expected <block end>, but found '<block mapping start>'") are kept in brackets
for searching; in front of them each common case says what is wrong and how to fix it.
"""

from __future__ import annotations

import yaml

from generator.diagnostics import Diagnostic, Where, error

# libyaml's problem text -> what it nearly always means in a procedure file, and the fix
_PLAIN: tuple[tuple[str, str, str], ...] = (
    (
        "expected <block end>",
        "this line is not indented like the lines around it",
        "keys of one level start in the same column; indent by two spaces per level",
    ),
    (
        "mapping values are not allowed here",
        "a colon that YAML cannot place: a value containing ': ' needs quotes, or the line is indented too far",
        "put the value in quotes, or line the key up with the keys above it",
    ),
    (
        "could not find expected ':'",
        "a line that is neither 'key: value' nor the continuation of a value",
        "add the colon after the key, or indent a continued value further than its key",
    ),
    (
        "did not find expected key",
        "this line starts where no key is expected",
        "line it up with the keys of its level (two spaces per level)",
    ),
    (
        "did not find expected '-' indicator",
        "a list item without '- ' at the list's indentation",
        "start each item of the list with '- ' in the same column",
    ),
    (
        "expected ',' or ']'",
        "a list in [ ] is not closed",
        "add the closing ']' at the end of the list",
    ),
    (
        "expected ',' or '}'",
        "a mapping in { } is not closed",
        "add the closing '}'",
    ),
    (
        "but found another document",
        "a second document ('---') in one file",
        "keep one procedure per file: move what follows the '---' line into a file of its own",
    ),
    (
        "found unexpected end of stream",
        "a quote is opened and never closed",
        "close the quote where the text ends",
    ),
)
_DEFAULT_HINT = "check the quotes, colons and indentation on this line and the lines just above it"


def _explained(problem: str) -> tuple[str, str]:
    for known, meaning, hint in _PLAIN:
        if known in problem:
            return meaning, hint
    return "the YAML is not well formed here", _DEFAULT_HINT


def _inside_quotes(before: str) -> bool:
    """Whether the text before the column leaves a double or single quote open."""
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1


def source_line(text: str, line: int) -> str | None:
    """Line ``line`` (1-based) of ``text``, without its line break; None past the end."""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def syntax_error(exc: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    where = Where(file, mark.line + 1, mark.column + 1) if mark else Where(file)
    problem = exc.problem or "invalid YAML"
    excerpt = source_line(text, where.line) if mark else None
    if "'\\t'" in problem:
        hint = "YAML indents with spaces; set your editor to insert spaces for Tab"
        return error(where, "yaml-tab", "tab character in indentation", hint, excerpt=excerpt)
    context = f" ({exc.context})" if exc.context else ""
    started = exc.context_mark
    opened = "flow" in (exc.context or "") or "scalar" in (exc.context or "")  # brackets and quotes
    if opened and started is not None and mark is not None and started.line != mark.line:
        context = f" ({exc.context}, which starts at line {started.line + 1}, column {started.column + 1})"
    meaning, hint = _explained(problem)
    if excerpt is not None and mark is not None and _inside_quotes(excerpt[: mark.column]):
        meaning = "a quote opened on a line above is closed only here"
        hint = "close the quote at the end of the text it belongs to, on its own line"
    message = f"{meaning} [YAML: {problem}{context}]"
    return error(where, "yaml-syntax", message, hint, excerpt=excerpt)


def typed_value_error(where: Where, value: str, kind: str) -> Diagnostic:
    return error(
        where,
        "yaml-typed-value",
        f"'{value}' without quotes is a {kind} to YAML editors and schema checkers, but this field takes text",
        f'put it in quotes: "{value}"',
    )
