"""What a printed checklist shows, so a change can be judged by whether trainers must reprint it.

The view mirrors ``templates/checklist.md.j2``: header (title, id, version, effective date, checklist
settings) and, per phase, each item's text, confirmation, role and clock time.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.handbook import Procedure


@dataclass(frozen=True)
class PrintedItem:
    phase: str
    text: str
    confirm: str | None
    role: str
    at: str | None


@dataclass(frozen=True)
class PrintedChecklist:
    title: str
    id: str
    version: str
    effective: str
    settings: tuple[str, str | None, str | None] | None
    items: tuple[PrintedItem, ...]


def _role_name(procedure: Procedure, role_id: str | None) -> str | None:
    if role_id is None:
        return None
    role = procedure.role(role_id)
    return role.name if role else role_id


def printed_checklist(procedure: Procedure) -> PrintedChecklist:
    items = tuple(
        PrintedItem(
            phase.title,
            step.checklist.text,
            step.checklist.confirm,
            _role_name(procedure, step.role) or step.role,
            step.timing.at if step.timing else None,
        )
        for phase in procedure.phases
        for step in phase.steps
        if step.checklist is not None
    )
    settings = procedure.checklist
    return PrintedChecklist(
        procedure.title,
        procedure.id,
        procedure.version,
        procedure.effective.isoformat(),
        (
            (settings.type.value, _role_name(procedure, settings.read_by), _role_name(procedure, settings.confirmed_by))
            if settings
            else None
        ),
        items,
    )


# Reasons, in the order a report lists them; each is a label key suffix.
NEW, WITHDRAWN, ITEMS, ORDER, ROLES, TIMES, SETTINGS, VERSION, TITLE = (
    "new",
    "withdrawn",
    "items",
    "order",
    "roles",
    "times",
    "settings",
    "version",
    "title_or_id",
)


def _pair_by_text(old: tuple[PrintedItem, ...], new: tuple[PrintedItem, ...]) -> list[tuple[PrintedItem, PrintedItem]]:
    """Old and new items with the same text, paired in order: the same text may be on a sheet twice."""
    queues: dict[tuple[str, str | None], list[PrintedItem]] = {}
    for item in old:
        queues.setdefault((item.text, item.confirm), []).append(item)
    pairs = []
    for item in new:
        queue = queues.get((item.text, item.confirm))
        if queue:
            pairs.append((queue.pop(0), item))
    return pairs


def _item_reasons(old: PrintedChecklist, new: PrintedChecklist) -> list[str]:
    reasons = []
    old_texts = sorted((i.text, i.confirm or "") for i in old.items)
    new_texts = sorted((i.text, i.confirm or "") for i in new.items)
    if old_texts != new_texts:
        reasons.append(ITEMS)
    elif [(i.phase, i.text, i.confirm) for i in old.items] != [(i.phase, i.text, i.confirm) for i in new.items]:
        reasons.append(ORDER)
    common = _pair_by_text(old.items, new.items)
    if any(a.role != b.role for a, b in common):
        reasons.append(ROLES)
    if any(a.at != b.at for a, b in common):
        reasons.append(TIMES)
    return reasons


def reprint_reasons(old: Procedure | None, new: Procedure | None) -> tuple[str, ...]:
    """Why the printed checklist must be reprinted (or withdrawn); empty when the sheet is unchanged.

    Only procedures with at least one checklist item have a sheet worth printing.
    """
    before = printed_checklist(old) if old is not None else None
    after = printed_checklist(new) if new is not None else None
    printed_before = before is not None and bool(before.items)
    printed_after = after is not None and bool(after.items)
    if not printed_before and not printed_after:
        return ()
    if before is None or not printed_before:
        return (NEW,)
    if after is None or not printed_after:
        return (WITHDRAWN,)
    reasons = _item_reasons(before, after)
    if before.settings != after.settings:
        reasons.append(SETTINGS)
    if (before.version, before.effective) != (after.version, after.effective):
        reasons.append(VERSION)
    if (before.title, before.id) != (after.title, after.id):
        reasons.append(TITLE)
    if not reasons and before != after:
        reasons.append(ITEMS)  # a difference the reasons above do not name is still a different sheet
    return tuple(reasons)
