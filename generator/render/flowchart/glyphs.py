"""Estimated advance widths of characters, in em.

East Asian wide and full-width characters are 1 em, other characters about
0.55 em, with a little more for capitals and wide Latin letters, so that the
estimate errs on the wide side and text never overflows its box.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_NARROW_PUNCT = frozenset(" .,:;'|!ilI()[]{}`")
_WIDE_LATIN = frozenset("mwMW@%")


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


@lru_cache(maxsize=8192)
def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


@lru_cache(maxsize=8192)
def em_width(text: str) -> float:
    """Estimated width of a piece of text, in em (the characters' widths summed in order)."""
    return sum(map(char_em, text))
