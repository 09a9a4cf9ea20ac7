"""Checklist sheets: what a printed checklist holds, for one procedure or for one role's day.

A sheet is plain data read from the model; the site page and the print HTML both render it,
so the paper and the screen always show the same items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.model.handbook import ChecklistSettings, Handbook, Phase, Procedure, Step
from generator.model.role_index import Duty, RoleEntry, role_entries
from generator.render import paths


@dataclass(frozen=True)
class SheetItem:
    """One line to tick: what to do, the state to confirm, who does it and when."""

    text: str
    confirm: str | None
    role: str
    clock: str | None
    step: Step


@dataclass(frozen=True)
class SheetGroup:
    """The items of one phase (a pause point), in the order they are done."""

    anchor: str
    title: str
    procedure: Procedure
    items: tuple[SheetItem, ...]


@dataclass(frozen=True)
class Sheet:
    """A printable checklist: one procedure's items, or every item of one role across procedures."""

    key: str
    page: str
    pdf: str
    title: str
    procedures: tuple[Procedure, ...]
    groups: tuple[SheetGroup, ...]
    settings: ChecklistSettings | None = None
    for_role: bool = False
    role_codes: tuple[str, ...] = ()

    def role_name(self, role_id: str) -> str:
        roles = (p.role(role_id) for p in self.procedures)
        return next((r.name for r in roles if r is not None), role_id)

    @property
    def item_count(self) -> int:
        return sum(len(g.items) for g in self.groups)

    @property
    def effective(self) -> date:
        """The date the sheet is current from: the latest effective date of its procedures."""
        return max(p.effective for p in self.procedures)

    @property
    def version(self) -> str:
        """The procedure's version; a role sheet lists each procedure's version instead."""
        return self.procedures[0].version if len(self.procedures) == 1 else ""


def clock_span(step: Step) -> str | None:
    timing = step.timing
    if timing is None or not timing.at:
        return None
    return f"{timing.at}–{timing.until}" if timing.until else timing.at


def _minutes(step: Step) -> int:
    """Minutes after midnight of a timed step's clock time (validation checks the HH:MM format)."""
    assert step.timing is not None and step.timing.at
    hours, minutes = step.timing.at.split(":")
    return int(hours) * 60 + int(minutes)


def _day_order(steps: Iterable[Step]) -> list[Step]:
    """Steps in the order of the day: timed steps sorted by clock time into the slots timed steps hold."""
    ordered = list(steps)
    timed = sorted((s for s in ordered if clock_span(s)), key=_minutes)
    slots = iter(timed)
    return [next(slots) if clock_span(s) else s for s in ordered]


def _item(procedure: Procedure, step: Step) -> SheetItem:
    assert step.checklist is not None
    role = procedure.role(step.role)
    return SheetItem(
        text=step.checklist.text,
        confirm=step.checklist.confirm,
        role=role.name if role else step.role,
        clock=clock_span(step),
        step=step,
    )


def _group(procedure: Procedure, phase: Phase, steps: Iterable[Step], anchor: str) -> SheetGroup | None:
    items = tuple(_item(procedure, s) for s in _day_order(steps) if s.checklist is not None)
    return SheetGroup(anchor, phase.title, procedure, items) if items else None


def procedure_sheet(procedure: Procedure) -> Sheet:
    groups = (_group(procedure, phase, phase.steps, f"pause-{phase.id}") for phase in procedure.phases)
    return Sheet(
        key=procedure.id,
        page=paths.checklist_page(procedure),
        pdf=paths.checklist_pdf(procedure),
        title=procedure.title,
        procedures=(procedure,),
        groups=tuple(g for g in groups if g is not None),
        settings=procedure.checklist,
    )


def role_sheet(entry: RoleEntry) -> Sheet | None:
    """Every checklist item of a role, in the order of its day: procedures in handbook order, phases
    in their order, and within a phase timed steps by clock time. None if the role has no item."""
    by_phase: dict[tuple[str, str], list[Duty]] = {}
    for duty in entry.duties:
        if duty.step.checklist is not None:
            by_phase.setdefault((duty.procedure.id, duty.phase.id), []).append(duty)
    groups: list[SheetGroup] = []
    for (procedure_id, phase_id), found in by_phase.items():
        first = found[0]
        group = _group(first.procedure, first.phase, (d.step for d in found), f"pause-{procedure_id}-{phase_id}")
        if group is not None:
            groups.append(group)
    if not groups:
        return None
    procedures = tuple({g.procedure.id: g.procedure for g in groups}.values())
    return Sheet(
        key=entry.slug,
        page=paths.role_checklist_page(entry.slug),
        pdf=paths.role_checklist_pdf(entry.slug),
        title=entry.name,
        procedures=procedures,
        groups=tuple(groups),
        for_role=True,
        role_codes=entry.codes,
    )


def role_sheets(handbook: Handbook, entries: tuple[RoleEntry, ...] | None = None) -> tuple[Sheet, ...]:
    found = (role_sheet(e) for e in (entries if entries is not None else role_entries(handbook)))
    return tuple(s for s in found if s is not None)


def all_sheets(handbook: Handbook) -> tuple[Sheet, ...]:
    """Every printable sheet: one per procedure, then one per role that has checklist items."""
    return tuple(procedure_sheet(p) for p in handbook.procedures) + role_sheets(handbook)
