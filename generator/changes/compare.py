"""Compare two handbook models into a ``ChangeSet``; pure, no git and no wording.

Procedures are paired by id first. A procedure whose id appears only on one side is then paired with
one from the other side when it is recognisably the same procedure under a new id: the titles are
equal, or at least half of the steps (by id or by title, counted against the longer procedure) are
shared. The best-scoring pairs are taken first; the rest are added or removed.

Reprint reasons come from the printed sheets (``reprint``), the entries of ``handbook.yaml`` from
``catalogue``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import replace

from generator.changes.catalogue import catalogue_changes
from generator.changes.change_set import ChangeSet, Match, ProcedureChange, Status, Value, role_name
from generator.changes.reprint import reprint_reasons, role_sheet_changes
from generator.changes.steps import step_changes
from generator.model.handbook import Handbook, Procedure

SIMILAR_ENOUGH = 0.5
# Procedure fields reported only by name when they change (label keys).
OTHER_FIELDS = (
    "summary",
    "purpose",
    "scope",
    "principles",
    "definitions",
    "appendices",
    "references",
    "related",
    "tags",
    "source",
    "revisions",
    "review_by",
)


def step_overlap(old: Procedure, new: Procedure) -> float:
    """The share of steps found on both sides, by id or title, against the longer procedure."""
    longest = max(len(old.steps), len(new.steps))
    if not longest:
        return 0.0
    ids, titles = {s.id for s in new.steps}, {s.title for s in new.steps}
    shared = sum(1 for s in old.steps if s.id in ids or s.title in titles)
    return shared / longest


def _score(old: Procedure, new: Procedure) -> float:
    overlap = step_overlap(old, new)
    if old.title == new.title:
        return 1.0 + overlap
    return overlap if overlap >= SIMILAR_ENOUGH else 0.0


def pair_procedures(
    old: tuple[Procedure, ...], new: tuple[Procedure, ...]
) -> tuple[list[tuple[Procedure, Procedure, Match]], list[Procedure], list[Procedure]]:
    """Pairs (old, new, how), then the removed and the added procedures."""
    new_ids = {p.id for p in new}
    old_by_id = {p.id: p for p in old}
    pairs = [(old_by_id[p.id], p, Match.ID) for p in new if p.id in old_by_id]
    removed = [p for p in old if p.id not in new_ids]
    added = [p for p in new if p.id not in old_by_id]
    candidates = sorted(
        ((_score(o, n), i, j) for i, o in enumerate(removed) for j, n in enumerate(added)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in candidates:
        if score <= 0 or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((removed[i], added[j], Match.SIMILARITY))
    return (
        pairs,
        [p for i, p in enumerate(removed) if i not in used_old],
        [p for j, p in enumerate(added) if j not in used_new],
    )


def _settings(procedure: Procedure) -> tuple[str | None, str | None, str | None]:
    c = procedure.checklist
    if c is None:
        return (None, None, None)
    read_by = role_name(procedure, c.read_by) if c.read_by else None
    confirmed_by = role_name(procedure, c.confirmed_by) if c.confirmed_by else None
    return (c.type.value, read_by, confirmed_by)


def _values(old: Procedure, new: Procedure) -> Iterator[Value]:
    for name in ("title", "version", "owner"):
        if getattr(old, name) != getattr(new, name):
            yield Value(name, getattr(old, name), getattr(new, name))
    if old.effective != new.effective:
        yield Value("effective", old.effective.isoformat(), new.effective.isoformat())
    keys = ("checklist_type", "checklist_read_by", "checklist_confirmed_by")
    for key, before, after in zip(keys, _settings(old), _settings(new), strict=True):
        if before != after:
            yield Value(key, before, after)
    new_roles = {r.id: r for r in new.roles}
    for role in old.roles:
        renamed = new_roles.get(role.id)
        if renamed is not None and renamed.name != role.name:
            yield Value("role", role.name, renamed.name)
    new_phases = {p.id: p for p in new.phases}
    for phase in old.phases:
        retitled = new_phases.get(phase.id)
        if retitled is not None and retitled.title != phase.title:
            yield Value("phase", phase.title, retitled.title)


def _other_fields(old: Procedure, new: Procedure) -> tuple[str, ...]:
    """Fields reported by name only; role responsibilities count as one."""
    changed = [name for name in OTHER_FIELDS if getattr(old, name) != getattr(new, name)]
    duties_before = {r.id: r.responsibilities for r in old.roles}
    if any(r.id in duties_before and duties_before[r.id] != r.responsibilities for r in new.roles):
        changed.append("responsibilities")
    return tuple(changed)


def _form_namer(handbook: Handbook) -> Callable[[str], str]:
    def name(form_id: str) -> str:
        form = handbook.form(form_id)
        return form.name if form else form_id

    return name


def _changed(old: Procedure, new: Procedure, match: Match, old_hb: Handbook, new_hb: Handbook) -> ProcedureChange:
    old_name, new_name = _form_namer(old_hb), _form_namer(new_hb)
    return ProcedureChange(
        Status.CHANGED,
        old,
        new,
        match,
        values=tuple(_values(old, new)),
        forms_added=tuple(new_name(f) for f in new.forms if f not in old.forms),
        forms_removed=tuple(old_name(f) for f in old.forms if f not in new.forms),
        other_fields=_other_fields(old, new),
        steps=step_changes(old, new, new_name),
        reprint=reprint_reasons(old, new),
    )


def _section_order(old: Handbook, new: Handbook) -> dict[str, int]:
    """Sections in the new handbook's order, then any that only the old one has."""
    order: dict[str, int] = {}
    for section in (*new.sections, *old.sections):
        order.setdefault(section.path, len(order))
    return order


def _without(handbook: Handbook, not_compared: Collection[str]) -> Handbook:
    return replace(handbook, procedures=tuple(p for p in handbook.procedures if p.file not in not_compared))


def compare(old: Handbook, new: Handbook, not_compared: Collection[str] = ()) -> ChangeSet:
    """The changes from ``old`` to ``new``: procedures, role sheets and ``handbook.yaml``.

    Procedures in the ``not_compared`` files are left out on both sides, role sheets included.
    """
    old, new = _without(old, not_compared), _without(new, not_compared)
    pairs, removed, added = pair_procedures(old.procedures, new.procedures)
    changes = [_changed(o, n, match, old, new) for o, n, match in pairs]
    changes += [ProcedureChange(Status.ADDED, None, p, reprint=reprint_reasons(None, p)) for p in added]
    changes += [ProcedureChange(Status.REMOVED, p, None, reprint=reprint_reasons(p, None)) for p in removed]
    order = _section_order(old, new)
    kept = sorted(
        (c for c in changes if not c.is_empty),
        key=lambda c: (order.get(c.current.section, len(order)), c.current.section, c.current.id),
    )
    return ChangeSet(
        tuple(kept),
        tuple(sorted(not_compared)),
        role_sheets=role_sheet_changes(old, new),
        handbook=catalogue_changes(old, new),
    )
