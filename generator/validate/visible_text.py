"""Text that looks blank, and names that look the same: what a reader of a page or a printed sheet sees.

A value made only of zero-width, format (Unicode category Cf) or tag characters passes a "not empty"
rule character by character but prints as nothing; two role names that differ only in such characters,
or in full-width against half-width letters, print as the same lane.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from generator.diagnostics import Diagnostic, Where, error
from generator.load.positions import NodePath
from generator.load.yaml_loader import LoadedDocument

# Characters that show nothing although they are not whitespace nor format characters.
_BLANK_LOOKING = frozenset(
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u2800"  # Braille pattern blank
    "\u180b\u180c\u180d\u180f"  # Mongolian variation selectors
)
_TAGS = range(0xE0000, 0xE0080)
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def is_invisible(char: str) -> bool:
    """Whether ``char`` prints as nothing: whitespace, a format or tag character, a filler."""
    code = ord(char)
    return (
        char.isspace()
        or unicodedata.category(char) == "Cf"
        or code in _TAGS
        or char in _BLANK_LOOKING
        or any(code in selectors for selectors in _VARIATION_SELECTORS)
    )


def looks_blank(text: str) -> bool:
    """Whether ``text`` shows nothing at all (an empty text counts too)."""
    return all(is_invisible(char) for char in text)


def visible_name(text: str) -> str:
    """What a reader tells names apart by: NFKC, invisible characters removed, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(" " if char.isspace() else char for char in folded if char.isspace() or not is_invisible(char))
    return " ".join(kept.split())


def _strings(node: object, path: NodePath) -> Iterator[tuple[NodePath, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))


def _first_invisible(text: str) -> str:
    char = next(c for c in text if not c.isspace())
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def blank_looking_diagnostics(doc: LoadedDocument, reported: Sequence[Diagnostic]) -> list[Diagnostic]:
    """An error for each value that has characters but shows none, unless its place was already reported.

    Every text value of the format refuses a blank value (ids and dates by their patterns), so a
    value that only looks filled is blank wherever it stands.
    """
    taken: set[Where] = {d.where for d in reported}
    found: list[Diagnostic] = []
    for path, text in _strings(doc.data, ()):
        if not text.strip() or not looks_blank(text):
            continue  # empty or whitespace-only values are the schema's to report
        where = doc.where(path)
        if where not in taken:
            found.append(
                error(
                    where,
                    "blank-text",
                    f"text is blank: it holds only invisible characters ({_first_invisible(text)})",
                    "write the text, or delete the key",
                )
            )
    return found
