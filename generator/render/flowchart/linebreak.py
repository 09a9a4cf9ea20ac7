"""Greedy line breaking: units (see units.py) filled into lines of given widths.

A fill also records, for each line it started, the room its text took and
the least room that turned out too small. Filling the same units into other
widths that every recorded room still fits and every too-small one still
misses takes exactly the same steps and gives the same lines, so searches
that try many widths for one text (balanced wrapping, diamonds) reuse an
earlier fill instead of filling again: same result, less work.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from generator.render.flowchart.glyphs import em_width
from generator.render.flowchart.units import Unit, break_pieces

_SPACE_EM = em_width(" ")
# A line's text may reach this far past its width (the sum of estimates is not exact).
_TOLERANCE = 1e-6

LineWidths = Callable[[int], float | None]


class Filled(NamedTuple):
    """A fill's lines (None: the text did not fit) and what decided them, per line started.

    ``needed``: the width the line's text took; ``short``: the smallest width
    found too small for the line's next piece (infinity if none was);
    ``ran_out``: the fill stopped because there was no line ``len(needed)``;
    ``most_needed`` and ``least_short``: the largest and the smallest of these.
    """

    lines: tuple[str, ...] | None
    needed: tuple[float, ...]
    short: tuple[float, ...]
    ran_out: bool
    most_needed: float
    least_short: float

    def same_for(self, limits: Sequence[float]) -> bool:
        """Whether filling into lines as wide as ``limits`` (and no more lines) takes the same steps."""
        if len(limits) < len(self.needed) or (self.ran_out and len(limits) != len(self.needed)):
            return False
        if limits and limits.count(limits[0]) == len(limits):  # one width for all lines
            return self.most_needed <= limits[0] + _TOLERANCE < self.least_short
        for needed, short, limit in zip(self.needed, self.short, limits, strict=False):
            if not needed <= limit + _TOLERANCE < short:
                return False
        return True

    def same_for_width(self, limit: float, count: int) -> bool:
        """:meth:`same_for` with ``count`` lines all ``limit`` wide."""
        if count < len(self.needed) or (self.ran_out and count != len(self.needed)):
            return False
        return self.most_needed <= limit + _TOLERANCE < self.least_short


# What a fill did, as plain values (see Filled): the lines (None: no fit), per line started the
# width taken and the least width found too small, and whether it ran out of lines.
_Record = tuple[list[str] | None, list[float], list[float], bool]


def _kept(lines: list[str] | None) -> tuple[str, ...] | None:
    return tuple(filter(None, lines)) if lines is not None else None


def _filled(record: _Record) -> Filled:
    lines, needed, short, ran_out = record
    most, least = max(needed, default=-math.inf), min(short, default=math.inf)
    return Filled(_kept(lines), tuple(needed), tuple(short), ran_out, most, least)


def _fill_whole(units: Sequence[Unit], widths: LineWidths, limit: float, font_size: float) -> _Record | None:
    """The fill if no unit has to be broken (the common case), else None: a fast path of :class:`_Filler`."""
    lines: list[str] = []
    needed: list[float] = []
    short: list[float] = []
    line, used, bound, too_small = "", 0.0, limit + _TOLERANCE, math.inf
    for text, space_before, em in units:
        step = (em + _SPACE_EM) * font_size if space_before and line else em * font_size
        if used + step <= bound:
            line, used = (line + " " + text if space_before and line else line + text), used + step
            continue
        if not line:
            return None  # too wide for a line of its own
        lines.append(line)
        needed.append(used)
        short.append(min(too_small, used + step))
        next_limit = widths(len(lines))
        if next_limit is None:
            return None, needed, short, True
        line, used, bound, too_small = "", 0.0, next_limit + _TOLERANCE, math.inf
        step = em * font_size
        if not used + step <= bound:
            return None
        line, used = text, used + step
    lines.append(line)
    needed.append(used)
    short.append(too_small)
    return lines, needed, short, False


class _Filler:
    """Greedy filling, unit by unit, breaking a unit between characters where it is wider than a line."""

    __slots__ = ("font_size", "limit", "line", "lines", "needed", "open", "short", "too_small", "used", "widths")

    def __init__(self, widths: LineWidths, limit: float, font_size: float) -> None:
        self.widths = widths
        self.font_size = font_size
        self.lines: list[str] = []
        self.needed: list[float] = []
        self.short: list[float] = []
        self.line, self.used, self.limit, self.too_small, self.open = "", 0.0, limit, math.inf, True

    def fill(self, units: Sequence[Unit]) -> _Record:
        if not all(self._add(unit) for unit in units):
            return self._result(None)
        return self._result([*self.lines, self.line])

    def _result(self, lines: list[str] | None) -> _Record:
        if self.open:
            self.needed.append(self.used)
            self.short.append(self.too_small)
        return lines, self.needed, self.short, not self.open

    def _fits(self, em: float) -> bool:
        width = self.used + em * self.font_size
        if width <= self.limit + _TOLERANCE:
            return True
        self.too_small = min(self.too_small, width)
        return False

    def _append(self, text: str, em: float) -> None:
        self.line += text
        self.used += em * self.font_size

    def _new_line(self) -> bool:
        self.lines.append(self.line)
        self.needed.append(self.used)
        self.short.append(self.too_small)
        self.line, self.used, self.too_small = "", 0.0, math.inf
        limit = self.widths(len(self.lines))
        if limit is None:
            self.open = False
            return False
        self.limit = limit
        return True

    def _add(self, unit: Unit) -> bool:
        """Place one unit; False when the text cannot be placed in the lines available."""
        text, space_before, em = unit
        if space_before and self.line and self._fits(em + _SPACE_EM):
            self._append(" " + text, em + _SPACE_EM)
            return True
        if not (space_before and self.line) and self._fits(em):
            self._append(text, em)
            return True
        if self.line and not self._new_line():
            return False
        if self._fits(em):
            self._append(text, em)
            return True
        return all(self._add_piece(piece) for piece in break_pieces(text))

    def _add_piece(self, piece: str) -> bool:
        """Place a piece of a broken unit (its characters one by one if it is wider than a line)."""
        em = em_width(piece)
        if self._fits(em):
            self._append(piece, em)
            return True
        if self.line and not self._new_line():
            return False
        if self._fits(em):
            self._append(piece, em)
            return True
        if len(piece) == 1:
            return False
        return all(self._add_piece(char) for char in piece)


def _fill(units: Sequence[Unit], widths: LineWidths, font_size: float) -> _Record:
    limit = widths(0)
    if limit is None:
        return None, [], [], True
    record = _fill_whole(units, widths, limit, font_size)
    return record if record is not None else _Filler(widths, limit, font_size).fill(units)


def fill_traced(units: Sequence[Unit], widths: LineWidths, font_size: float) -> Filled:
    """The units filled greedily into lines ``widths(i)`` wide (None: no line ``i``), with the record of it."""
    return _filled(_fill(units, widths, font_size))


def fill_units(units: Sequence[Unit], widths: LineWidths, font_size: float) -> tuple[str, ...] | None:
    """The units filled greedily into lines ``widths(i)`` wide; None if they do not fit."""
    return _kept(_fill(units, widths, font_size)[0])


def fill_again(
    units: Sequence[Unit], limits: Sequence[float], font_size: float, known: Iterable[Filled | None]
) -> Filled:
    """The units in lines as wide as ``limits`` (and no more lines): a known fill of them that
    shows the result (see :meth:`Filled.same_for`), or else a new fill."""
    for filled in known:
        if filled is not None and filled.same_for(limits):
            return filled
    return fill_traced(units, line_limits(limits), font_size)


def line_limits(limits: Sequence[float]) -> LineWidths:
    """Lines as wide as ``limits`` and no more lines."""
    count = len(limits)
    return lambda index: limits[index] if index < count else None
