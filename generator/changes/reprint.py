"""Which printed sheets must be reprinted, and why: read off the same ``Sheet`` objects the paper is made from.

``printed_content`` reads a sheet the way ``templates/_sheet.html.j2`` prints it (header, version lines,
checklist settings, and per group each item's clock span, text, confirmation and role); two sheets
need a reprint exactly when their printed content differs, and the reasons name what differs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.changes.change_set import SheetChange
from generator.model.handbook import Handbook, Procedure
from generator.render.checklist.sheets import Sheet, procedure_sheet, role_sheets

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


@dataclass(frozen=True)
class PrintedLine:
    """One printed item: the heading it sits under, its clock span, text, confirmation and role."""

    group: str  # the phase title
    source: str | None  # on a role sheet, the procedure the item is from (printed beside it)
    clock: str | None
    text: str
    confirm: str | None
    role: str | None  # printed on procedure sheets only
    when: tuple[str, ...] = ()  # deadline and duration, printed beside the item
    condition: tuple[str, int, bool] | None = None  # the decision option it hangs on: label, place, "otherwise"


@dataclass(frozen=True)
class PrintedSource:
    """A procedure a sheet is made from, as its header prints it: title, id, version and effective date."""

    id: str
    title: str
    version: str
    effective: str


@dataclass(frozen=True)
class PrintedContent:
    """What the paper of one sheet shows, as comparable values."""

    for_role: bool  # laid out as a role's sheet: sources listed, no role column
    heading: tuple[str, ...]  # the sheet title and what identifies it: the procedure id, or the role's codes
    effective: str  # the date the sheet is current from
    sources: tuple[PrintedSource, ...]
    settings: tuple[str | None, ...]  # checklist type, read by, confirmed by (names as printed)
    lines: tuple[PrintedLine, ...]


def _settings(sheet: Sheet) -> tuple[str | None, ...]:
    settings = sheet.settings
    if settings is None:
        return ()
    read_by = sheet.role_name(settings.read_by) if settings.read_by else None
    confirmed_by = sheet.role_name(settings.confirmed_by) if settings.confirmed_by else None
    return (settings.type.value, read_by, confirmed_by)


def _heading(sheet: Sheet) -> tuple[str, ...]:
    return (sheet.title, *sheet.role_codes) if sheet.for_role else (sheet.title, sheet.procedures[0].id)


def printed_content(sheet: Sheet) -> PrintedContent:
    """The printed content of ``sheet``: what trainers would see differ on paper."""
    lines = tuple(
        PrintedLine(
            group.title,
            (item.procedure or group.procedure).title if sheet.for_role else None,
            item.clock,
            item.text,
            item.confirm,
            None if sheet.for_role else item.role,
            item.when,
            (item.branch.label, item.branch.index, item.branch.otherwise) if item.branch else None,
        )
        for group in sheet.groups
        for item in group.items
    )
    sources = tuple(PrintedSource(p.id, p.title, p.version, p.effective.isoformat()) for p in sheet.procedures)
    return PrintedContent(
        sheet.for_role, _heading(sheet), sheet.effective.isoformat(), sources, _settings(sheet), lines
    )


def _pair_by_text(old: Iterable[PrintedLine], new: Iterable[PrintedLine]) -> list[tuple[PrintedLine, PrintedLine]]:
    """Old and new lines with the same text, paired in order: the same text may be on a sheet twice."""
    queues: dict[tuple[str, str | None], list[PrintedLine]] = {}
    for line in old:
        queues.setdefault((line.text, line.confirm), []).append(line)
    pairs = []
    for line in new:
        queue = queues.get((line.text, line.confirm))
        if queue:
            pairs.append((queue.pop(0), line))
    return pairs


def _line_reasons(old: tuple[PrintedLine, ...], new: tuple[PrintedLine, ...]) -> list[str]:
    reasons = []
    if sorted((i.text, i.confirm or "") for i in old) != sorted((i.text, i.confirm or "") for i in new):
        reasons.append(ITEMS)
    elif [(i.group, i.text, i.confirm) for i in old] != [(i.group, i.text, i.confirm) for i in new]:
        reasons.append(ORDER)
    common = _pair_by_text(old, new)
    if any(a.role != b.role for a, b in common):
        reasons.append(ROLES)
    if any((a.clock, a.when) != (b.clock, b.when) for a, b in common):
        reasons.append(TIMES)
    return reasons


def _kept_sources(old: PrintedContent, new: PrintedContent) -> list[tuple[PrintedSource, PrintedSource]]:
    """Sources on both sheets: a procedure sheet's one procedure (under a new id too), a role sheet's by id.

    A procedure that joins or leaves a role sheet brings or takes its items, and is named as such.
    """
    if not old.for_role and not new.for_role:
        return list(zip(old.sources, new.sources, strict=True))
    old_by_id = {s.id: s for s in old.sources}
    return [(old_by_id[s.id], s) for s in new.sources if s.id in old_by_id]


def _printed(sheet: Sheet | None) -> PrintedContent | None:
    """A sheet's printed content; None when there is no sheet worth printing (no items)."""
    return printed_content(sheet) if sheet is not None and sheet.item_count else None


def _header_reasons(before: PrintedContent, after: PrintedContent) -> list[str]:
    reasons = []
    if before.settings != after.settings:
        reasons.append(SETTINGS)
    kept = _kept_sources(before, after)
    if before.effective != after.effective or any(
        (a.version, a.effective) != (b.version, b.effective) for a, b in kept
    ):
        reasons.append(VERSION)
    if before.heading != after.heading or any(a.title != b.title for a, b in kept):
        reasons.append(TITLE)
    return reasons


def sheet_reasons(old: Sheet | None, new: Sheet | None) -> tuple[str, ...]:
    """Why a sheet must be reprinted (or withdrawn); empty when the paper would be the same."""
    before, after = _printed(old), _printed(new)
    if before is None or after is None:
        return (NEW,) if after is not None else (WITHDRAWN,) if before is not None else ()
    reasons = _line_reasons(before.lines, after.lines) + _header_reasons(before, after)
    if not reasons and before != after:
        reasons.append(ITEMS)  # a difference the reasons above do not name is still a different sheet
    return tuple(reasons)


def reprint_reasons(old: Procedure | None, new: Procedure | None) -> tuple[str, ...]:
    """Why a procedure's checklist sheet must be reprinted (or withdrawn); empty when it is unchanged."""
    return sheet_reasons(
        procedure_sheet(old) if old is not None else None,
        procedure_sheet(new) if new is not None else None,
    )


def role_sheet_changes(old: Handbook, new: Handbook) -> tuple[SheetChange, ...]:
    """Every role sheet whose printed content changed, paired by key, in the new handbook's order."""
    before = {s.key: s for s in role_sheets(old)}
    after = {s.key: s for s in role_sheets(new)}
    changes = []
    for key in dict.fromkeys((*after, *before)):
        reasons = sheet_reasons(before.get(key), after.get(key))
        if reasons:
            sheet = after.get(key) or before[key]
            changes.append(SheetChange(sheet.title, key, reasons))
    return tuple(changes)
