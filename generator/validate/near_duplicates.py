"""Near-duplicate checklist items on one role's whole-day sheet: the same task from two procedures.

A role's sheet merges every procedure the role works in; when two of them describe the same task, the
sheet asks for it twice. Editors are warned, naming both places, so they can merge or reword the items.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher

from generator.cache import RunCache, digest, kept_text
from generator.diagnostics import Diagnostic, Where, warning
from generator.model.handbook import Handbook
from generator.model.role_index import Duty, role_entries

SIMILARITY = 0.8  # difflib ratio of the normalised texts from which two items count as the same task
# Comparing every pair of a role's items grows with the square of their number: above this many
# items on one role's sheet (no longer a sheet anyone prints) only identical items are reported.
FUZZY_UP_TO = 400


def normalised(text: str) -> str:
    """The text without spaces and punctuation, full-width folded to half-width, in lower case."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in folded if unicodedata.category(c)[0] in "LN")


def similar(a: str, b: str) -> bool:
    """Whether two checklist texts say nearly the same thing (equal, or a high difflib ratio)."""
    return _similar_normalised(normalised(a), normalised(b))


def _similar_normalised(first: str, second: str) -> bool:
    if first == second:
        return True
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    # The quick ratios are upper bounds of the ratio: most pairs are ruled out without the full one.
    return (
        matcher.real_quick_ratio() >= SIMILARITY
        and matcher.quick_ratio() >= SIMILARITY
        and matcher.ratio() >= SIMILARITY
    )


def _where(duty: Duty) -> Where:
    return duty.procedure.source_map.at((*duty.step.path, "checklist"))


def _warning(role: str, first: Duty, second: Duty) -> Diagnostic:
    there = _where(first)
    assert first.step.checklist is not None and second.step.checklist is not None
    return warning(
        _where(second),
        "near-duplicate-checklist-item",
        f"the checklist item “{second.step.checklist.text}” nearly repeats “{first.step.checklist.text}” "
        f"({there.file}:{there.line}:{there.column}) on the whole-day sheet of {role}",
        "if both procedures mean the same task, keep it in one of them or word the two items apart",
    )


def _identical_pairs(items: list[Duty], texts: list[str]) -> Iterator[tuple[Duty, Duty]]:
    """Items whose normalised texts are equal, each paired with the first of them; linear in the items."""
    first_with: dict[str, Duty] = {}
    for duty, text in zip(items, texts, strict=True):
        first = first_with.setdefault(text, duty)
        if first is not duty:
            yield first, duty


def _candidates(texts: list[str], procedures: list[str]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) from two procedures whose lengths allow the similarity at all.

    difflib's ratio is at most 2·min/(sum of lengths): with the texts in order of length, the later
    ones only get longer, so each text is compared until that bound falls under the threshold."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for position, i in enumerate(order):
        shorter = len(texts[i])
        for j in order[position + 1 :]:
            if 2 * shorter < SIMILARITY * (shorter + len(texts[j])):
                break
            if procedures[i] != procedures[j]:
                yield min(i, j), max(i, j)


def _similar_indexes(texts: tuple[str, ...], procedures: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Index pairs of similar texts from two procedures, in the order the items come (kept by a build)."""
    parts = (digest(json.dumps([texts, procedures], ensure_ascii=False).encode()),)
    kept = kept_text("near-duplicates", parts, lambda: json.dumps(_compared(texts, procedures)))
    return tuple((i, j) for i, j in json.loads(kept))


def _compared(texts: tuple[str, ...], procedures: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    letters = [Counter(text) for text in texts]
    found = []
    for i, j in sorted(_candidates(list(texts), list(procedures))):
        # quick_ratio's bound from the letters both share, before difflib builds its tables
        shared = sum((letters[i] & letters[j]).values())
        if 2 * shared >= SIMILARITY * (len(texts[i]) + len(texts[j])) and _similar_normalised(texts[i], texts[j]):
            found.append((i, j))
    return tuple(found)


# The preview validates after every edit: a role whose items did not change keeps its pairs.
_SIMILAR: RunCache[tuple[tuple[int, int], ...]] = RunCache()


def _pairs(items: list[Duty]) -> Iterator[tuple[Duty, Duty]]:
    texts = tuple(normalised(d.step.checklist.text) if d.step.checklist else "" for d in items)
    if len(items) > FUZZY_UP_TO:
        yield from _identical_pairs(items, list(texts))
        return
    procedures = tuple(d.procedure.id for d in items)
    for i, j in _SIMILAR.get((texts, procedures), lambda: _similar_indexes(texts, procedures)):
        yield items[i], items[j]


def near_duplicate_warnings(handbook: Handbook) -> list[Diagnostic]:
    """A warning for each pair of near-duplicate checklist items, from two procedures, of one role."""
    found: list[Diagnostic] = []
    for entry in role_entries(handbook):
        items = [d for d in entry.duties if d.step.checklist is not None]
        for first, second in _pairs(items):
            if first.procedure.id != second.procedure.id:
                found.append(_warning(entry.name, first, second))
    _SIMILAR.end_run()
    return found
