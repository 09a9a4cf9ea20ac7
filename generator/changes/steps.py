"""Step by step: what changed between two versions of one procedure.

Steps are paired by id; a removed and an added step with the same title are the same step whose id
changed. A paired step is *moved* when its phase changed or when it left the longest run of steps that
kept their relative order (so moving one step does not mark every step it jumped over).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from generator.changes.change_set import Reword, StepChange, StepKind, StepPlace, role_name
from generator.model.handbook import Procedure, Step
from generator.render.checklist.sheets import clock_span

FormName = Callable[[str], str]

# Text fields of a step, in the order a reader meets them.
TEXT_FIELDS = ("title", "details", "standards", "notes", "warnings", "say")


def _printed_timing(step: Step) -> tuple[str | None, str | None, str | None]:
    """What a checklist prints of a step's timing: the clock span, the deadline and the duration."""
    timing = step.timing
    return clock_span(step), timing.deadline if timing else None, timing.duration if timing else None


@dataclass(frozen=True)
class _Pair:
    old: Step
    new: Step


def _places(procedure: Procedure) -> dict[str, StepPlace]:
    return {
        step.id: StepPlace(phase.title, number)
        for phase in procedure.phases
        for number, step in enumerate(phase.steps, start=1)
    }


def _phase_ids(procedure: Procedure) -> dict[str, str]:
    return {step.id: phase.id for phase in procedure.phases for step in phase.steps}


def pair_steps(old: Procedure, new: Procedure) -> tuple[list[_Pair], list[Step], list[Step]]:
    """Paired steps in the new order, then the removed and the added steps."""
    old_by_id = {s.id: s for s in old.steps}
    unmatched_old = [s for s in old.steps if new.step(s.id) is None]
    pairs: list[_Pair] = []
    added: list[Step] = []
    for step in new.steps:
        before = old_by_id.get(step.id)
        if before is None:
            before = next((s for s in unmatched_old if s.title == step.title), None)
            if before is not None:
                unmatched_old.remove(before)
        if before is None:
            added.append(step)
        else:
            pairs.append(_Pair(before, step))
    return pairs, unmatched_old, added


def out_of_order(old_order: Sequence[str], new_order: Sequence[str]) -> set[str]:
    """Ids that left the longest common run of the two orders."""
    matcher = difflib.SequenceMatcher(a=list(old_order), b=list(new_order), autojunk=False)
    kept = {new_order[block.b + i] for block in matcher.get_matching_blocks() for i in range(block.size)}
    return set(new_order) - kept


def _text(step: Step, name: str) -> str | None:
    if name == "say":
        value: object = tuple(line.text for line in step.say)
    else:
        value = getattr(step, name)
    if isinstance(value, tuple):
        return "；".join(str(v) for v in value) or None
    return value if isinstance(value, str) else None


def _rewords(old: Step, new: Step) -> tuple[Reword, ...]:
    return tuple(
        Reword(name, _text(old, name), _text(new, name)) for name in TEXT_FIELDS if _text(old, name) != _text(new, name)
    )


@dataclass(frozen=True)
class _Context:
    old: Procedure
    new: Procedure
    form_name: FormName
    moved: set[str]
    moved_on_sheet: set[str]
    old_places: dict[str, StepPlace]
    new_places: dict[str, StepPlace]


def _pair_changes(pair: _Pair, ctx: _Context) -> Iterator[StepChange]:
    old, new = pair.old, pair.new
    role = role_name(ctx.new, new.role)
    on_sheet = old.checklist is not None or new.checklist is not None
    if new.id in ctx.moved:
        place, old_place = ctx.new_places[new.id], ctx.old_places[old.id]
        reprint = on_sheet and new.id in ctx.moved_on_sheet
        yield StepChange(StepKind.MOVED, new, (role,), reprint, place=place, old_place=old_place)
    rewords = _rewords(old, new)
    if rewords:
        yield StepChange(StepKind.REWORDED, new, (role,), rewords=rewords)
    if old.role != new.role:
        old_role = role_name(ctx.old, old.role)
        yield StepChange(StepKind.REASSIGNED, new, (old_role, role), on_sheet, old_role=old_role, new_role=role)
    if old.timing != new.timing:
        reprint = on_sheet and _printed_timing(old) != _printed_timing(new)
        yield StepChange(StepKind.TIMING, new, (role,), reprint, old_timing=old.timing, new_timing=new.timing)
    if old.forms != new.forms:
        added = tuple(ctx.form_name(f) for f in new.forms if f not in old.forms)
        removed = tuple(ctx.form_name(f) for f in old.forms if f not in new.forms)
        if added or removed:
            yield StepChange(StepKind.FORMS, new, (role,), forms_added=added, forms_removed=removed)
    if (old.next, old.decision) != (new.next, new.decision):
        yield StepChange(StepKind.FLOW, new, (role,))
    if old.checklist != new.checklist:
        yield StepChange(StepKind.CHECKLIST_ITEM, new, (role,), True, old_item=old.checklist, new_item=new.checklist)


def _moved(pairs: list[_Pair], old: Procedure, new: Procedure, only_checklist: bool) -> set[str]:
    chosen = [p for p in pairs if not only_checklist or (p.old.checklist is not None and p.new.checklist is not None)]
    old_phase, new_phase = _phase_ids(old), _phase_ids(new)
    by_old_position = sorted(chosen, key=lambda p: old.steps.index(p.old))
    out = out_of_order([p.new.id for p in by_old_position], [p.new.id for p in chosen])
    return out | {p.new.id for p in chosen if old_phase[p.old.id] != new_phase[p.new.id]}


def step_changes(old: Procedure, new: Procedure, form_name: FormName) -> tuple[StepChange, ...]:
    """Every step change, in the new procedure's order, with removed steps at the end."""
    pairs, removed, added = pair_steps(old, new)
    ctx = _Context(
        old,
        new,
        form_name,
        _moved(pairs, old, new, only_checklist=False),
        _moved(pairs, old, new, only_checklist=True),
        _places(old),
        _places(new),
    )
    added_ids = {s.id for s in added}
    changes: list[StepChange] = []
    pair_by_new = {p.new.id: p for p in pairs}
    for step in new.steps:
        if step.id in added_ids:
            role = role_name(new, step.role)
            place = ctx.new_places[step.id]
            changes.append(StepChange(StepKind.ADDED, step, (role,), step.checklist is not None, place=place))
        else:
            changes.extend(_pair_changes(pair_by_new[step.id], ctx))
    for step in removed:
        role = role_name(old, step.role)
        place = ctx.old_places[step.id]
        changes.append(StepChange(StepKind.REMOVED, step, (role,), step.checklist is not None, old_place=place))
    return tuple(changes)
