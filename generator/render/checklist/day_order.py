"""The order of a role's day across procedures: how a whole-shift sheet merges several procedures' items.

- Items of a phase marked ``shift: before`` (班前) come first, those of ``shift: after`` (下班) last, each
  in handbook order.
- The other items go by time of day: clock times ascending across procedures. An item without a clock
  time stays beside its procedure's timed items: right after the timed item before it in the procedure,
  or right before the procedure's first timed item when none comes before it.
- Items of procedures without any clock time come after the timed items (and before the 下班 items), in
  handbook order.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.model.handbook import Shift, Step
from generator.model.role_index import Duty

_BEFORE, _DAY, _AFTER = 0, 1, 2
_UNTIMED = 24 * 60  # after every clock time of the day
_FIRST, _AT, _THEN = -1, 0, 1  # untimed items before a first timed item, the timed item, items after it

DayKey = tuple[int, int, int, int, int]


def clock_minutes(step: Step) -> int | None:
    """Minutes after midnight of the step's clock time; None without one (validation checks HH:MM)."""
    if step.timing is None or not step.timing.at:
        return None
    hours, minutes = step.timing.at.split(":")
    return int(hours) * 60 + int(minutes)


def _part(duty: Duty) -> int:
    if duty.phase.shift is Shift.BEFORE:
        return _BEFORE
    return _AFTER if duty.phase.shift is Shift.AFTER else _DAY


def _day_keys(duties: Sequence[Duty], procedure_index: int) -> list[DayKey]:
    """Keys of one procedure's items of the day (unmarked phases), in document order."""
    clocks = [clock_minutes(d.step) for d in duties]
    first = next((c for c in clocks if c is not None), None)
    keys: list[DayKey] = []
    anchor: tuple[int, int] = (_UNTIMED, _THEN) if first is None else (first, _FIRST)
    for sequence, clock in enumerate(clocks):
        if clock is not None:
            anchor = (clock, _THEN)
        keys.append((_DAY, *((clock, _AT) if clock is not None else anchor), procedure_index, sequence))
    return keys


def day_order(duties: Sequence[Duty]) -> list[Duty]:
    """``duties`` (one role's, in handbook order) in the order of the role's day; see the module's rule."""
    procedure_index: dict[str, int] = {}
    by_procedure: dict[str, list[Duty]] = {}
    keyed: list[tuple[DayKey, Duty]] = []
    for sequence, duty in enumerate(duties):
        index = procedure_index.setdefault(duty.procedure.id, len(procedure_index))
        part = _part(duty)
        if part == _DAY:
            by_procedure.setdefault(duty.procedure.id, []).append(duty)
        else:
            keyed.append(((part, 0, 0, index, sequence), duty))
    for procedure_id, found in by_procedure.items():
        keyed.extend(zip(_day_keys(found, procedure_index[procedure_id]), found, strict=True))
    return [duty for _, duty in sorted(keyed, key=lambda pair: pair[0])]
