"""The fonts of the checklist PDFs: Noto Sans CJK SC, found through fontconfig.

The layout engine embeds only the glyphs each sheet uses. When the Noto fonts are found, the
engine is given their folders and no other system font, so the same handbook prints the same
PDFs on every machine that has them. Without ``fc-match`` or the Noto CJK fonts, the sheets
are set in whatever fonts the system offers.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

FAMILY = "Noto Sans CJK SC"
# The weights the sheet layout uses, with the fontconfig pattern that finds each.
PATTERNS = (f"{FAMILY}:weight=regular", f"{FAMILY}:weight=bold")


@dataclass(frozen=True)
class PrintFonts:
    """Where the engine looks for fonts, and whether it may also use the system's."""

    folders: tuple[str, ...]
    system_fonts: bool


def _font_file(pattern: str) -> str | None:
    """The file fontconfig picks for ``pattern``, if it is the family asked for."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        found = subprocess.run(
            [fc_match, "--format=%{family[0]}|%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    family, _, path = found.partition("|")
    return path if family == FAMILY and path else None


def print_fonts() -> PrintFonts:
    """The Noto CJK folders alone when every weight is found; else the system's fonts."""
    files = [_font_file(pattern) for pattern in PATTERNS]
    if any(file is None for file in files):
        return PrintFonts((), system_fonts=True)
    folders = sorted({str(Path(file).parent) for file in files if file is not None})
    return PrintFonts(tuple(folders), system_fonts=False)
