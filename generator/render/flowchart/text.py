"""Text: cleaning for XML, CJK-aware width estimates (see glyphs.py) and line wrapping.

Wrapping breaks CJK text between any two characters and other text at spaces
(see linebreak.py); the wrapped lines of a text are remembered per width, as
the same texts (role names, terminators) come back in every chart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from generator.render.flowchart.glyphs import char_em as char_em
from generator.render.flowchart.glyphs import em_width
from generator.render.flowchart.glyphs import is_wide as is_wide
from generator.render.flowchart.linebreak import fill_units
from generator.render.flowchart.units import Unit, text_units
from generator.render.flowchart.width_search import narrowest_width

# Characters XML 1.0 forbids: C0 controls except tab, newline and carriage
# return, the non-characters U+FFFE and U+FFFF, and lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_SPACE = re.compile("[ \t\n\r]+")


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


def text_width(text: str, font_size: float) -> float:
    return em_width(text) * font_size


def display_units(text: str) -> tuple[Unit, ...]:
    """The text as it will be shown, cut into the units that wrapping never breaks."""
    return text_units(display_text(text))


def _wrap_units(units: Sequence[Unit], max_width: float, font_size: float) -> tuple[str, ...]:
    if not units:
        return ()
    limit = max(max_width, font_size)
    return fill_units(units, lambda _index: limit, font_size) or ()


def wrap(text: str, max_width: float, font_size: float) -> tuple[str, ...]:
    """Wrap text into lines no wider than ``max_width`` (at least one em wide)."""
    return _wrap_units(display_units(text), max_width, font_size)


@lru_cache(maxsize=8192)
def wrap_balanced(text: str, max_width: float, font_size: float) -> tuple[str, ...]:
    """Like :func:`wrap`, but with the lines as even as their count allows (no lone last character)."""
    units = display_units(text)
    lines = _wrap_units(units, max_width, font_size)
    if len(lines) < 2:
        return lines
    # The narrowest width that needs no more lines. A line at least one em wide takes any
    # character, so a try fails only for want of lines: it stops at line len(lines) + 1.
    # Never narrower than the widest word that fits the box: balancing must not break a word.
    whole = [w for w in (text_width(unit[0], font_size) for unit in units) if w <= max_width]
    low = max([font_size, *whole])
    _width, balanced = narrowest_width(units, font_size, len(lines), low, max_width)
    return balanced if balanced is not None else lines


def widest(lines: Sequence[str], font_size: float) -> float:
    return max((text_width(line, font_size) for line in lines), default=0.0)


def spoken(lines: Sequence[str]) -> str:
    """Wrapped lines as one text again: joined with a space, except where the break fell between two
    CJK characters (wrapping breaks CJK text without a space). A Latin word too long for its line,
    broken, comes back as two words."""
    text = ""
    for line in lines:
        joint = "" if not text or (is_wide(text[-1]) and is_wide(line[:1] or " ")) else " "
        text += joint + line
    return text
