"""Checklist sheets: what a printed checklist holds, for one procedure or for one role's day.

A sheet is plain data read from the model; the site page and the print HTML both render it,
so the paper and the screen always show the same items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from generator.model.branches import Branch, branches
from generator.model.handbook import ChecklistSettings, Handbook, Phase, Procedure, Step
from generator.model.role_index import Duty, RoleEntry, role_entries
from generator.render import paths
from generator.render.checklist.day_order import clock_minutes, day_order


@dataclass(frozen=True)
class SheetItem:
    """One line to tick: what to do, the state to confirm, who does it and when."""

    text: str
    confirm: str | None
    role: str
    clock: str | None
    step: Step
    procedure: Procedure | None = None  # the procedure the item is from (printed per item on role sheets)
    deadline: str | None = None  # printed beside the item, e.g. "两个工作日内"
    duration: str | None = None  # e.g. "发现火情后 3 分钟内"
    branch: Branch | None = None  # the decision option through which alone the step is reached

    @property
    def when(self) -> tuple[str, ...]:
        """The deadline and the duration, as printed beside the item."""
        return tuple(t for t in (self.deadline, self.duration) if t)


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
    minutes = clock_minutes(step)
    assert minutes is not None
    return minutes


def _day_order(steps: Iterable[Step]) -> list[Step]:
    """Steps in the order of the day: timed steps sorted by clock time into the slots timed steps hold."""
    ordered = list(steps)
    timed = sorted((s for s in ordered if clock_span(s)), key=_minutes)
    slots = iter(timed)
    return [next(slots) if clock_span(s) else s for s in ordered]


def _item(procedure: Procedure, step: Step, branch: Branch | None) -> SheetItem:
    assert step.checklist is not None
    role = procedure.role(step.role)
    timing = step.timing
    return SheetItem(
        text=step.checklist.text,
        confirm=step.checklist.confirm,
        role=role.name if role else step.role,
        clock=clock_span(step),
        step=step,
        procedure=procedure,
        deadline=timing.deadline if timing else None,
        duration=timing.duration if timing else None,
        branch=branch,
    )


def _group(
    procedure: Procedure, found: dict[str, Branch], phase: Phase, steps: Iterable[Step], anchor: str
) -> SheetGroup | None:
    items = tuple(_item(procedure, s, found.get(s.id)) for s in _day_order(steps) if s.checklist is not None)
    return SheetGroup(anchor, phase.title, procedure, items) if items else None


BranchesOf = Callable[[Procedure], dict[str, Branch]]


def _remembered_branches() -> BranchesOf:
    """``branches``, worked out once per procedure for one set of sheets."""
    found: dict[str, dict[str, Branch]] = {}

    def branches_of(procedure: Procedure) -> dict[str, Branch]:
        if procedure.id not in found:
            found[procedure.id] = branches(procedure)
        return found[procedure.id]

    return branches_of


def _runs(ordered: Iterable[Duty]) -> list[list[Duty]]:
    """Consecutive duties of the same procedure and phase, each run a group of the sheet."""
    runs: list[list[Duty]] = []
    for duty in ordered:
        last = runs[-1][-1] if runs else None
        if last is not None and (last.procedure.id, last.phase.id) == (duty.procedure.id, duty.phase.id):
            runs[-1].append(duty)
        else:
            runs.append([duty])
    return runs


def _role_group(run: list[Duty], anchors: set[str], branches_of: BranchesOf) -> SheetGroup:
    first = run[0]
    anchor = base = f"pause-{first.procedure.id}-{first.phase.id}"
    number = 2
    while anchor in anchors:
        anchor, number = f"{base}-{number}", number + 1
    anchors.add(anchor)
    found = branches_of(first.procedure)
    items = tuple(_item(d.procedure, d.step, found.get(d.step.id)) for d in run)
    return SheetGroup(anchor, first.phase.title, first.procedure, items)


def procedure_sheet(procedure: Procedure) -> Sheet:
    found = branches(procedure)
    groups = (_group(procedure, found, phase, phase.steps, f"pause-{phase.id}") for phase in procedure.phases)
    return Sheet(
        key=procedure.id,
        page=paths.checklist_page(procedure),
        pdf=paths.checklist_pdf(procedure),
        title=procedure.title,
        procedures=(procedure,),
        groups=tuple(g for g in groups if g is not None),
        settings=procedure.checklist,
    )


def role_sheet(entry: RoleEntry, branches_of: BranchesOf) -> Sheet | None:
    """Every checklist item of a role, in the order of its day (``day_order``): 班前 phases, then items by
    clock time across procedures, then 下班 phases. Consecutive items of one procedure's phase form a group.
    None if the role has no item."""
    ordered = day_order([d for d in entry.duties if d.step.checklist is not None])
    if not ordered:
        return None
    anchors: set[str] = set()
    groups = [_role_group(run, anchors, branches_of) for run in _runs(ordered)]
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
    branches_of = _remembered_branches()  # a procedure is on many roles' sheets
    chosen = entries if entries is not None else role_entries(handbook)
    found = (role_sheet(e, branches_of) for e in chosen)
    return tuple(s for s in found if s is not None)


def all_sheets(handbook: Handbook) -> tuple[Sheet, ...]:
    """Every printable sheet: one per procedure, then one per role that has checklist items."""
    return tuple(procedure_sheet(p) for p in handbook.procedures) + role_sheets(handbook)
