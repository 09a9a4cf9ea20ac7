"""Text cut into units that line breaking never splits: words, single wide characters, with their widths.

CJK text breaks between words, as jieba's dictionary cuts it (a word is broken
only when it alone is wider than a line), other text only at spaces; a closing
mark stays with what comes before it, an opening mark with what follows
(kinsoku). Each unit's width in em is measured once, when it is cut.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from generator.render.flowchart.glyphs import em_width, is_wide
from generator.render.word_cache import keep_cache_in_user_folder

# Kinsoku: never start a line with a closing mark, never end one with an opening mark.
_CLOSERS = frozenset("，。、；：？！）》」』】〕〉”’…‥·・%,.;:!?)]}›»")
_OPENERS = frozenset("（《「『【〔〈“‘([{‹«")
_MARKS = _CLOSERS | _OPENERS

# A piece of text that is never broken unless it alone is wider than a line: its text, whether a
# space comes before it, its width in em. A plain tuple, as texts are cut into units by the thousand.
Unit = tuple[str, bool, float]


if TYPE_CHECKING:
    from jieba import Tokenizer


@cache
def _tokenizer() -> Tokenizer:
    """jieba's own dictionary, loaded once, in a tokenizer of our own: words added elsewhere
    (the search's user dictionary) never change where a chart's lines break."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary
    tokenizer = jieba.Tokenizer()
    keep_cache_in_user_folder(tokenizer)
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=8192)
def cjk_words(run: str) -> tuple[str, ...]:
    """A run of wide characters cut into dictionary words (without guessing new ones: deterministic)."""
    if len(run) < 2:
        return (run,)
    return tuple(_tokenizer().lcut(run, HMM=False))


def _word_units(word: str, space_before: bool, units: list[tuple[str, bool]]) -> None:
    """The units of a text without spaces: runs of wide characters cut into words, other runs kept whole."""
    if word.isascii():  # no wide characters
        units.append((word, space_before))
        return
    run, wide = "", False
    for char in word + " ":  # the space ends the last run
        if run and (char == " " or is_wide(char) != wide):
            for piece in cjk_words(run) if wide else (run,):
                units.append((piece, space_before))
                space_before = False
            run = ""
        run, wide = run + char, is_wide(char)


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


@lru_cache(maxsize=4096)
def break_pieces(text: str) -> tuple[str, ...]:
    """A unit too wide for a line, cut into characters: closing marks kept with the character
    before them, opening marks with the one after (so no line starts with a closing mark)."""
    pieces: list[str] = []
    for char in text:
        if pieces and (char in _CLOSERS or pieces[-1][-1] in _OPENERS):
            pieces[-1] += char
        else:
            pieces.append(char)
    return tuple(pieces)


@lru_cache(maxsize=8192)
def _wide_word(word: str) -> Unit:
    return word, False, em_width(word)


@lru_cache(maxsize=8192)
def text_units(text: str) -> tuple[Unit, ...]:
    """The units of an already cleaned text (see ``display_text``), punctuation kept with its neighbour."""
    if _MARKS.isdisjoint(text) and all(map(is_wide, text)):  # e.g. CJK without punctuation: one unit a word
        return tuple(_wide_word(word) for word in cjk_words(text))
    units = _raw_units(text)
    if not _MARKS.isdisjoint(text):
        units = _kept_together(units)
    return tuple((piece, space_before, em_width(piece)) for piece, space_before in units)
