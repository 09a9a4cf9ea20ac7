"""Fitting text into a decision diamond: middle lines are longer than the outer ones."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from generator.render.flowchart.linebreak import Filled, fill_again
from generator.render.flowchart.metrics import DIAMOND_ASPECT, DIAMOND_MIN_HEIGHT, DIAMOND_PAD
from generator.render.flowchart.text import display_text, text_width, wrap
from generator.render.flowchart.units import Unit, text_units
from generator.render.flowchart.width_search import WidthSearch

_GROWTH = 1.05
_MAX_TRIES = 400
_SLACK = 1.2


def even_ceil(value: float) -> float:
    """The smallest even integer not below ``value`` (so halves stay whole numbers)."""
    return float(2 * math.ceil(value / 2 - 1e-9))


def _line_widths(count: int, width: float, height: float, line_height: float) -> list[float]:
    widths = []
    for index in range(count):
        top = -count * line_height / 2 + index * line_height
        far = max(abs(top), abs(top + line_height))
        widths.append(width * (1 - 2 * far / height) - 2 * DIAMOND_PAD)
    return widths


def _balanced(units: Sequence[Unit], widths: list[float], font_size: float, lines: tuple[str, ...]) -> tuple[str, ...]:
    """Shrink every line by the same factor while the text still fits: evens out the lines."""
    count = len(widths)
    search = WidthSearch(
        units, font_size, lambda factor: [w * factor for w in widths], lambda found: _exactly(found, count)
    )
    _factor, balanced = search.narrowest(0.3, 1.0, 10)
    return balanced or lines


def _exactly(lines: tuple[str, ...] | None, count: int) -> bool:
    return lines is not None and len(lines) == count


def _widths(count: int, height: float, font_size: float, line_height: float) -> list[float] | None:
    """Widths of ``count`` lines centred in a diamond of this height, None if they cannot be used."""
    if count * line_height > height - 2 * DIAMOND_PAD:
        return None
    widths = _line_widths(count, DIAMOND_ASPECT * height, height, line_height)
    return widths if min(widths) >= font_size else None


class _Text:
    """The text to fit: its units, its width on one line, and its last fill into each number of lines."""

    def __init__(self, units: tuple[Unit, ...], width: float, font_size: float) -> None:
        self.units = units
        self.width = width
        self.font_size = font_size
        self.last: dict[int, Filled] = {}

    def fill(self, widths: list[float]) -> tuple[str, ...] | None:
        """The text in exactly ``len(widths)`` lines of those widths, or None."""
        count = len(widths)
        filled = fill_again(self.units, widths, self.font_size, (self.last.get(count),))
        self.last[count] = filled
        return filled.lines if _exactly(filled.lines, count) else None


def _fit(text: _Text, count: int, height: float, font_size: float, line_height: float) -> tuple[str, ...] | None:
    """The text in ``count`` lines centred in the diamond, or None."""
    widths = _widths(count, height, font_size, line_height)
    if widths is None or sum(widths) < text.width:
        return None
    return text.fill(widths)


def _fewest_lines(text: _Text, font_size: float, line_height: float) -> tuple[float, tuple[str, ...]] | None:
    """The diamond height and the lines of the fit in the fewest lines, None if there is none.

    Diamonds grow from the smallest until ``_SLACK`` times taller than the first that
    holds the text; at each height only counts of lines fewer than the best found so far
    are tried, as no other count could become the answer.
    """
    best: tuple[float, tuple[str, ...]] | None = None
    height, first = DIAMOND_MIN_HEIGHT, None
    for _ in range(_MAX_TRIES):
        if first is not None and height > first * _SLACK:
            break
        most = int(height // line_height) if best is None else min(int(height // line_height), len(best[1]) - 1)
        for count in range(1, most + 1):
            lines = _fit(text, count, height, font_size, line_height)
            if lines is not None:
                best, first = (height, lines), first or height
                break
        height = height * _GROWTH + 2
    return best


@lru_cache(maxsize=4096)
def diamond_text(text: str, font_size: float, line_height: float) -> tuple[tuple[str, ...], float, float]:
    """The wrapped lines and the (width, height) of a diamond that holds them.

    The smallest diamond wins, unless one at most ``_SLACK`` times taller
    holds the text in fewer, longer lines (easier to read).
    """
    clean = display_text(text)
    if not clean:
        return (), even_ceil(DIAMOND_ASPECT * DIAMOND_MIN_HEIGHT), even_ceil(DIAMOND_MIN_HEIGHT)
    fitted = _Text(text_units(clean), text_width(clean, font_size), font_size)
    best = _fewest_lines(fitted, font_size, line_height)
    if best is not None:
        best_height, lines = best
        widths = _widths(len(lines), best_height, font_size, line_height) or []
        lines = _balanced(fitted.units, widths, font_size, lines)
        return lines, even_ceil(DIAMOND_ASPECT * best_height), even_ceil(best_height)
    # Unreachable in practice; a rectangle inscribed in a diamond twice its size always fits.
    lines = wrap(text, 12 * font_size, font_size)
    return lines, even_ceil(24 * font_size + 4 * DIAMOND_PAD), even_ceil(2 * len(lines) * line_height)
