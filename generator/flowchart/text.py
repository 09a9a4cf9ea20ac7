"""Text: cleaning for XML, CJK-aware width estimates and line wrapping.

Widths are estimates in em: East Asian wide and full-width characters are 1 em,
other characters about 0.55 em, with a little more for capitals and wide
Latin letters, so that the estimate errs on the wide side and text never
overflows its box.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Characters XML 1.0 forbids: C0 controls except tab, newline and carriage
# return, the non-characters U+FFFE and U+FFFF, and lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_SPACE = re.compile("[ \t\n\r]+")

# Kinsoku: never start a line with a closing mark, never end one with an opening mark.
_CLOSERS = frozenset("，。、；：？！）》」』】〕〉”’…‥·・%,.;:!?)]}›»")
_OPENERS = frozenset("（《「『【〔〈“‘([{‹«")
_NARROW_PUNCT = frozenset(" .,:;'|!ilI()[]{}`")
_WIDE_LATIN = frozenset("mwMW@%")

LineWidths = Callable[[int], float | None]


def xml_safe(text: str) -> str:
    """The text without the characters that XML 1.0 does not allow."""
    return _FORBIDDEN.sub("", text)


def display_text(text: str) -> str:
    """Text as it will be shown: XML-safe, whitespace runs collapsed to one space."""
    return _XML_SPACE.sub(" ", xml_safe(text)).strip()


def escape_text(text: str) -> str:
    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape_text(text).replace('"', "&quot;")


@lru_cache(maxsize=8192)
def char_em(char: str) -> float:
    """Estimated advance width of one character, in em."""
    width = unicodedata.east_asian_width(char)
    if width in ("W", "F"):
        return 1.0
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):
        return 0.0
    if width == "A" or category == "So":
        return 1.0 if category[0] in "PS" else 0.62
    return _narrow_em(char)


def _narrow_em(char: str) -> float:
    if char in _NARROW_PUNCT:
        return 0.34
    if char in _WIDE_LATIN:
        return 0.9
    if char.isupper() or char.isdigit():
        return 0.68
    return 0.58


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def text_width(text: str, font_size: float) -> float:
    return sum(char_em(char) for char in text) * font_size


@dataclass(frozen=True)
class _Unit:
    """A piece of text that is never broken unless it alone is wider than a line (width in em)."""

    text: str
    space_before: bool

    @property
    def em(self) -> float:
        return _em(self.text)


@lru_cache(maxsize=4096)
def _em(text: str) -> float:
    return sum(char_em(char) for char in text)


def _raw_units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    word = ""
    word_space = space = False
    for char in text:
        if char == " " or is_wide(char):
            if word:
                units.append(_Unit(word, word_space))
                word = ""
            if char == " ":
                space = True
                continue
            units.append(_Unit(char, space))
        elif not word:
            word, word_space = char, space
        else:
            word += char
        space = False
    if word:
        units.append(_Unit(word, word_space))
    return units


@lru_cache(maxsize=512)
def _units(text: str) -> tuple[_Unit, ...]:
    merged: list[_Unit] = []
    for unit in _raw_units(text):
        if merged and not unit.space_before:
            last = merged[-1]
            if unit.text[0] in _CLOSERS or last.text[-1] in _OPENERS:
                merged[-1] = _Unit(last.text + unit.text, last.space_before)
                continue
        merged.append(unit)
    return tuple(merged)


class _Lines:
    """Greedy line filling with a width limit that may differ per line."""

    def __init__(self, widths: LineWidths, font_size: float) -> None:
        self.widths = widths
        self.font_size = font_size
        self.lines: list[str] = [""]
        self.used = 0.0

    def limit(self) -> float | None:
        return self.widths(len(self.lines) - 1)

    def fits(self, em: float) -> bool:
        limit = self.limit()
        return limit is not None and self.used + em * self.font_size <= limit + 1e-6

    def append(self, text: str, em: float) -> None:
        self.lines[-1] += text
        self.used += em * self.font_size

    def new_line(self) -> bool:
        self.lines.append("")
        self.used = 0.0
        return self.limit() is not None

    def add(self, unit: _Unit) -> bool:
        """Place one unit; False when the text cannot be placed in the lines available."""
        space = " " if unit.space_before and self.lines[-1] else ""
        if self.fits(unit.em + _em(space)):
            self.append(space + unit.text, unit.em + _em(space))
            return True
        if self.lines[-1] and not self.new_line():
            return False
        if self.fits(unit.em):
            self.append(unit.text, unit.em)
            return True
        return all(self._add_char(char) for char in unit.text)

    def _add_char(self, char: str) -> bool:
        if self.fits(char_em(char)):
            self.append(char, char_em(char))
            return True
        if not self.lines[-1] or not self.new_line():
            return False
        return self._add_char(char)


def fill_lines(text: str, widths: LineWidths, font_size: float) -> tuple[str, ...] | None:
    """Wrap ``text`` into lines whose widths ``widths(i)`` allows (None: no line ``i``).

    CJK text breaks between any two characters, other text at spaces; a word
    wider than its line is broken between characters. Returns None when the
    text does not fit into the lines available.
    """
    clean = display_text(text)
    if not clean:
        return ()
    lines = _Lines(widths, font_size)
    if lines.limit() is None:
        return None
    for unit in _units(clean):
        if not lines.add(unit):
            return None
    return tuple(line for line in lines.lines if line)


def wrap(text: str, max_width: float, font_size: float) -> tuple[str, ...]:
    """Wrap text into lines no wider than ``max_width`` (at least one em wide)."""
    limit = max(max_width, font_size)
    lines = fill_lines(text, lambda _index: limit, font_size)
    return lines if lines is not None else ()


def wrap_balanced(text: str, max_width: float, font_size: float) -> tuple[str, ...]:
    """Like :func:`wrap`, but with the lines as even as their count allows (no lone last character)."""
    lines = wrap(text, max_width, font_size)
    if len(lines) < 2:
        return lines
    low, high = font_size, max_width
    for _ in range(12):
        middle = (low + high) / 2
        if len(wrap(text, middle, font_size)) <= len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, high, font_size)


def widest(lines: Sequence[str], font_size: float) -> float:
    return max((text_width(line, font_size) for line in lines), default=0.0)
