"""One diagnostic for a run of repeats: a list of a million equal mistakes is one mistake to fix."""

from __future__ import annotations

from collections.abc import Sequence

from generator.diagnostics import Diagnostic

# From this many equal diagnostics in a row, they are told as one.
MIN_RUN = 3


def _what(d: Diagnostic) -> tuple[object, ...]:
    return (d.where.file, d.severity, d.code, d.message, d.hint)


def _same(a: Diagnostic, b: Diagnostic) -> bool:
    return _what(a) == _what(b)


def _told_once(run: Sequence[Diagnostic]) -> Diagnostic:
    first, last = run[0], run[-1]
    more = f" (and {len(run) - 1} more times like it, up to line {last.where.line})"
    return Diagnostic(first.where, first.severity, first.code, first.message + more, first.hint)


def collapse_runs(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` (in file order) with each run of equal ones, at different places, told once."""
    collapsed: list[Diagnostic] = []
    start = 0
    for end in range(1, len(diagnostics) + 1):
        if end < len(diagnostics) and _same(diagnostics[start], diagnostics[end]):
            continue
        run = diagnostics[start:end]
        collapsed.extend([_told_once(run)] if len(run) >= MIN_RUN else run)
        start = end
    return collapsed
