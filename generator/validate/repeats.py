"""One diagnostic for a run of repeats: a list of a million equal mistakes is one mistake to fix.

Diagnostics are taken place by place (one list item may have two); a run is a row of places in one
file that each have the same diagnostics. Its first place is reported, with how often it repeats.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from generator.diagnostics import Diagnostic

# From this many places in a row with equal diagnostics, they are told as one.
MIN_RUN = 3


def _place(d: Diagnostic) -> tuple[str, int, int]:
    return (d.where.file, d.where.line, d.where.column)


def _what(place: Sequence[Diagnostic]) -> tuple[object, ...]:
    return (place[0].where.file, *((d.severity, d.code, d.message, d.hint) for d in place))


def _told_once(run: Sequence[Sequence[Diagnostic]]) -> Iterator[Diagnostic]:
    last = run[-1][0].where
    more = f" (and {len(run) - 1} more times like it, up to line {last.line}, column {last.column})"
    for d in run[0]:
        yield Diagnostic(d.where, d.severity, d.code, d.message + more, d.hint)


def collapse_runs(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` (sorted by place) with each run of places with equal diagnostics told once."""
    places = [list(group) for _, group in groupby(diagnostics, key=_place)]
    collapsed: list[Diagnostic] = []
    for _, run_places in groupby(places, key=_what):
        run = list(run_places)
        if len(run) >= MIN_RUN:
            collapsed.extend(_told_once(run))
        else:
            collapsed.extend(d for place in run for d in place)
    return collapsed
