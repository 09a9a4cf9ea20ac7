"""Greedy line breaking: text cut into unbreakable units, units filled into lines of given widths.

A text is cut into units once (and remembered), each with its width in em
measured once, so that trying many line widths for the same text costs one
pass over its units per try and no measuring.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.flowchart.glyphs import char_em, em_width, is_wide

# Kinsoku: never start a line with a closing mark, never end one with an opening mark.
_CLOSERS = frozenset("，。、；：？！）》」』】〕〉”’…‥·・%,.;:!?)]}›»")
_OPENERS = frozenset("（《「『【〔〈“‘([{‹«")
_SPACE_EM = em_width(" ")
# A line's text may reach this far past its width (the sum of estimates is not exact).
_TOLERANCE = 1e-6

LineWidths = Callable[[int], float | None]


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of text that is never broken unless it alone is wider than a line."""

    text: str
    space_before: bool
    em: float


def _raw_units(text: str) -> list[tuple[str, bool]]:
    units: list[tuple[str, bool]] = []
    word = ""
    word_space = space = False
    for char in text:
        if char == " " or is_wide(char):
            if word:
                units.append((word, word_space))
                word = ""
            if char == " ":
                space = True
                continue
            units.append((char, space))
        elif not word:
            word, word_space = char, space
        else:
            word += char
        space = False
    if word:
        units.append((word, word_space))
    return units


@lru_cache(maxsize=8192)
def text_units(text: str) -> tuple[Unit, ...]:
    """The units of an already cleaned text (see ``display_text``), punctuation kept with its neighbour."""
    merged: list[tuple[str, bool]] = []
    for piece, space_before in _raw_units(text):
        if merged and not space_before:
            last, last_space = merged[-1]
            if piece[0] in _CLOSERS or last[-1] in _OPENERS:
                merged[-1] = (last + piece, last_space)
                continue
        merged.append((piece, space_before))
    return tuple(Unit(piece, space_before, em_width(piece)) for piece, space_before in merged)


class _Filler:
    """The lines filled so far and the one being filled: its text, the width it uses and its limit."""

    __slots__ = ("font_size", "limit", "line", "lines", "used", "widths")

    def __init__(self, widths: LineWidths, limit: float, font_size: float) -> None:
        self.widths = widths
        self.font_size = font_size
        self.lines: list[str] = []
        self.line = ""
        self.used = 0.0
        self.limit = limit

    def fill(self, units: Sequence[Unit]) -> list[str] | None:
        font_size = self.font_size
        for unit in units:
            spaced = unit.space_before and self.line != ""
            step = (unit.em + _SPACE_EM if spaced else unit.em) * font_size
            if self.used + step <= self.limit + _TOLERANCE:
                self.line += " " + unit.text if spaced else unit.text
                self.used += step
            elif not self._place_alone(unit):
                return None
        self.lines.append(self.line)
        return [line for line in self.lines if line]

    def _new_line(self) -> bool:
        self.lines.append(self.line)
        self.line, self.used = "", 0.0
        limit = self.widths(len(self.lines))
        if limit is None:
            return False
        self.limit = limit
        return True

    def _place_alone(self, unit: Unit) -> bool:
        """The unit at the start of a new line, broken between characters if it is wider than that."""
        if self.line and not self._new_line():
            return False
        step = unit.em * self.font_size
        if self.used + step <= self.limit + _TOLERANCE:
            self.line += unit.text
            self.used += step
            return True
        return all(self._place_char(char) for char in unit.text)

    def _place_char(self, char: str) -> bool:
        step = char_em(char) * self.font_size
        if self.used + step <= self.limit + _TOLERANCE:
            self.line += char
            self.used += step
            return True
        if not self.line or not self._new_line():
            return False
        return self._place_char(char)


def fill_units(units: Sequence[Unit], widths: LineWidths, font_size: float) -> list[str] | None:
    """The units filled greedily into lines ``widths(i)`` wide (None: no line ``i``); None if they do not fit."""
    limit = widths(0)
    if limit is None:
        return None
    return _Filler(widths, limit, font_size).fill(units)
