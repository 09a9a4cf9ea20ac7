"""The CJK fonts of the checklist PDFs, cut down once per build to the characters the sheets use.

A Noto Sans CJK font holds about 65,000 glyphs. WeasyPrint subsets the fonts it embeds but keeps
every glyph's number, so each one-page sheet carried some 150 KB of empty glyph slots per font
(~300 KB a sheet), and laying out every sheet against the full 20 MB font was most of the
PDF time. Subsetting the font once to the handbook's own characters, with glyphs renumbered
densely, makes every sheet small and every layout quicker. The renumbered font keeps its
glyph names equal to CIDs (cid00001 is glyph 1), so a viewer that maps character codes through
the font's CID table and one that reads them as glyph numbers draw the same glyph.

Without fontconfig's ``fc-match`` or the Noto CJK fonts, the sheets are set in whatever the
system offers, as before.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Noto Sans CJK SC"
PRINT_FAMILY = "Handbook Print"
URL_SCHEME = "handbook-font"
# The weights the print stylesheet uses, with the fontconfig pattern that finds each.
WEIGHTS = {"normal": f"{FAMILY}:weight=regular", "bold": f"{FAMILY}:weight=bold"}
# Characters a sheet may print beyond its text: ASCII for numbers, dates and addresses; list markers.
ALWAYS = frozenset(chr(code) for code in range(0x20, 0x7F)) | frozenset("•◦▪–—…·")


@dataclass(frozen=True)
class PrintFonts:
    """The subset fonts by URL, and the stylesheet that makes the sheets use them."""

    files: dict[str, bytes]
    stylesheet: str


def _font_location(pattern: str) -> tuple[str, int] | None:
    """The file and collection index fontconfig picks for ``pattern``, if it is the family asked for."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run(
            [fc_match, "--format=%{family[0]}|%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, rest = found.partition("|")
    path, _, index = rest.partition("|")
    if family != FAMILY or not path or not index.isdigit():
        return None
    return path, int(index)


def _renumbered(font: TTFont) -> TTFont:
    """The same font read back with glyph names cid00001… in glyph order, so CID equals glyph id."""
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    old_order = font.getGlyphOrder()
    new_order = [".notdef"] + [f"cid{gid:05d}" for gid in range(1, len(old_order))]
    renamed = TTFont(buffer, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    # Set before any table is read: tables that refer to glyphs by number then name them anew.
    renamed.setGlyphOrder(new_order)
    top = renamed["CFF "].cff.topDictIndex[0]
    names = dict(zip(old_order, new_order, strict=True))
    top.CharStrings.charStrings = {names[k]: v for k, v in top.CharStrings.charStrings.items()}
    top.charset = new_order
    return renamed


def _subset_font(path: str, index: int, characters: Iterable[str]) -> bytes:
    font = TTFont(path, fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options(
        retain_gids=False,
        desubroutinize=True,
        hinting=False,
        notdef_outline=True,
        layout_features=["*"],
        name_IDs=["*"],
        ignore_missing_glyphs=True,
        ignore_missing_unicodes=True,
    )
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in characters}))
    subsetter.subset(font)
    if "CFF " in font:  # CID-keyed CFF, as Noto CJK is
        font = _renumbered(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _stylesheet(weights: Iterable[str]) -> str:
    faces = "".join(
        f'@font-face {{ font-family: "{PRINT_FAMILY}"; src: url({URL_SCHEME}:{weight}); font-weight: {weight}; }}\n'
        for weight in weights
    )
    return f'{faces}html, body {{ font-family: "{PRINT_FAMILY}", "{FAMILY}", sans-serif !important; }}\n'


def print_fonts(characters: Iterable[str]) -> PrintFonts | None:
    """Fonts holding ``characters`` (plus ASCII), or None when the Noto CJK fonts cannot be found."""
    used = ALWAYS | set(characters)
    files: dict[str, bytes] = {}
    for weight, pattern in WEIGHTS.items():
        location = _font_location(pattern)
        if location is None:
            return None
        files[f"{URL_SCHEME}:{weight}"] = _subset_font(*location, used)
    return PrintFonts(files, _stylesheet(WEIGHTS))
