"""Text cut into units that line breaking never splits: words, single wide characters, with their widths.

CJK text may break between any two characters, other text only at spaces;
a closing mark stays with what comes before it, an opening mark with what
follows (kinsoku). Each unit's width in em is measured once, when it is cut.
"""

from __future__ import annotations

from functools import lru_cache

from generator.render.flowchart.glyphs import em_width, is_wide

# Kinsoku: never start a line with a closing mark, never end one with an opening mark.
_CLOSERS = frozenset("，。、；：？！）》」』】〕〉”’…‥·・%,.;:!?)]}›»")
_OPENERS = frozenset("（《「『【〔〈“‘([{‹«")
_MARKS = _CLOSERS | _OPENERS

# A piece of text that is never broken unless it alone is wider than a line: its text, whether a
# space comes before it, its width in em. A plain tuple, as texts are cut into units by the thousand.
Unit = tuple[str, bool, float]


def _word_units(word: str, space_before: bool, units: list[tuple[str, bool]]) -> None:
    """The units of a text without spaces: each wide character alone, runs of other characters together."""
    if word.isascii():  # no wide characters
        units.append((word, space_before))
        return
    run = ""
    for char in word:
        if is_wide(char):
            if run:
                units.append((run, space_before))
                run, space_before = "", False
            units.append((char, space_before))
            space_before = False
        else:
            run += char
    if run:
        units.append((run, space_before))


def _raw_units(text: str) -> list[tuple[str, bool]]:
    units: list[tuple[str, bool]] = []
    space_before = False
    for index, word in enumerate(text.split(" ")):
        space_before = space_before or index > 0
        if word:
            _word_units(word, space_before, units)
            space_before = False
    return units


def _kept_together(units: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Closing marks joined to the unit before them, opening marks to the unit after them."""
    merged: list[tuple[str, bool]] = []
    for piece, space_before in units:
        if merged and not space_before:
            last, last_space = merged[-1]
            if piece[0] in _CLOSERS or last[-1] in _OPENERS:
                merged[-1] = (last + piece, last_space)
                continue
        merged.append((piece, space_before))
    return merged


@lru_cache(maxsize=8192)
def _wide_char(char: str) -> Unit:
    return char, False, em_width(char)


@lru_cache(maxsize=8192)
def text_units(text: str) -> tuple[Unit, ...]:
    """The units of an already cleaned text (see ``display_text``), punctuation kept with its neighbour."""
    if _MARKS.isdisjoint(text) and all(map(is_wide, text)):  # e.g. CJK without punctuation: one unit a character
        return tuple(map(_wide_char, text))
    units = _raw_units(text)
    if not _MARKS.isdisjoint(text):
        units = _kept_together(units)
    return tuple((piece, space_before, em_width(piece)) for piece, space_before in units)
