"""What changed in ``handbook.yaml``: sections, forms, shared roles and glossary terms.

Sections, forms and roles are paired by id: a new name is a rename, another field an edit. Glossary
terms have no id and are paired by their wording; a removed and an added term with the same
definition are one term renamed. Sections whose place in the order changed are reported as moved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.changes.change_set import EntryChange, EntryKind, EntryStatus
from generator.changes.steps import out_of_order
from generator.model.handbook import Handbook


@dataclass(frozen=True)
class _Entry:
    """An entry as compared: its id, its name, and its other fields by label key."""

    id: str
    name: str
    fields: tuple[tuple[str, object], ...]


def _entries(handbook: Handbook, kind: EntryKind) -> tuple[_Entry, ...]:
    if kind is EntryKind.SECTION:
        return tuple(_Entry(s.path, s.title, (("summary", s.summary),)) for s in handbook.sections)
    if kind is EntryKind.FORM:
        return tuple(_Entry(f.id, f.name, (("code", f.code), ("description", f.description))) for f in handbook.forms)
    if kind is EntryKind.ROLE:
        return tuple(
            _Entry(r.id, r.name, (("code", r.code), ("responsibilities", r.responsibilities))) for r in handbook.roles
        )
    return tuple(
        _Entry(g.term, g.term, (("definition", g.definition), ("aliases", g.aliases))) for g in handbook.glossary
    )


def _edited(old: _Entry, new: _Entry) -> tuple[str, ...]:
    return tuple(name for (name, before), (_, after) in zip(old.fields, new.fields, strict=True) if before != after)


def _paired(kind: EntryKind, old: _Entry, new: _Entry) -> Iterator[EntryChange]:
    if old.name != new.name:
        yield EntryChange(kind, EntryStatus.RENAMED, new.id, old.name, new.name)
    fields = _edited(old, new)
    if fields:
        yield EntryChange(kind, EntryStatus.EDITED, new.id, old.name, new.name, fields)


def _renamed_terms(removed: list[_Entry], added: list[_Entry]) -> list[tuple[_Entry, _Entry]]:
    """Removed and added glossary terms with the same definition: one term under a new wording."""
    pairs = []
    for new in list(added):
        old = next((o for o in removed if o.fields[0] == new.fields[0]), None)
        if old is not None:
            removed.remove(old)
            added.remove(new)
            pairs.append((old, new))
    return pairs


def _moved(kind: EntryKind, old: Iterable[_Entry], new: Iterable[_Entry]) -> Iterator[EntryChange]:
    if kind is not EntryKind.SECTION:
        return
    new_by_id = {e.id: e for e in new}
    kept_old = [e.id for e in old if e.id in new_by_id]
    kept_ids = set(kept_old)
    kept_new = [e for e in new_by_id.values() if e.id in kept_ids]
    moved = out_of_order(kept_old, [e.id for e in kept_new])
    for entry in kept_new:
        if entry.id in moved:
            yield EntryChange(kind, EntryStatus.MOVED, entry.id, entry.name, entry.name)


def _kind_changes(old_hb: Handbook, new_hb: Handbook, kind: EntryKind) -> Iterator[EntryChange]:
    old, new = _entries(old_hb, kind), _entries(new_hb, kind)
    old_by_id, new_ids = {e.id: e for e in old}, {e.id for e in new}
    removed = [e for e in old if e.id not in new_ids]
    added = [e for e in new if e.id not in old_by_id]
    renamed = _renamed_terms(removed, added) if kind is EntryKind.TERM else []
    for entry in new:
        if entry in added:
            yield EntryChange(kind, EntryStatus.ADDED, entry.id, None, entry.name)
        elif entry.id in old_by_id:
            yield from _paired(kind, old_by_id[entry.id], entry)
    for before, after in renamed:
        yield from _paired(kind, before, after)
    yield from _moved(kind, old, new)
    for entry in removed:
        yield EntryChange(kind, EntryStatus.REMOVED, entry.id, entry.name, None)


def catalogue_changes(old: Handbook, new: Handbook) -> tuple[EntryChange, ...]:
    """Every change to the entries of ``handbook.yaml``, kind by kind, in the new handbook's order."""
    return tuple(change for kind in EntryKind for change in _kind_changes(old, new, kind))
