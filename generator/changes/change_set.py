"""The typed change set between two versions of a handbook: what a reviewer needs to know.

Pure data: the comparison lives in ``compare`` (with ``steps``, ``reprint`` and ``catalogue``), the
wording in ``report``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from generator.model.handbook import ChecklistItem, Procedure, Step, Timing


class Status(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Match(StrEnum):
    """How an old procedure was paired with a new one."""

    ID = "id"
    SIMILARITY = "similarity"


class StepKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    REWORDED = "reworded"
    REASSIGNED = "reassigned"
    TIMING = "timing"
    FORMS = "forms"
    FLOW = "flow"
    CHECKLIST_ITEM = "checklist_item"


@dataclass(frozen=True)
class StepPlace:
    phase: str
    number: int


@dataclass(frozen=True)
class Reword:
    """One text field of a step that changed, with the new wording (None when it was removed)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class StepChange:
    """One change to one step. ``kind`` says which of the optional fields are set."""

    kind: StepKind
    step: Step
    roles: tuple[str, ...]
    reprint: bool = False
    place: StepPlace | None = None
    old_place: StepPlace | None = None
    rewords: tuple[Reword, ...] = ()
    old_role: str | None = None
    new_role: str | None = None
    old_timing: Timing | None = None
    new_timing: Timing | None = None
    forms_added: tuple[str, ...] = ()
    forms_removed: tuple[str, ...] = ()
    old_item: ChecklistItem | None = None
    new_item: ChecklistItem | None = None


@dataclass(frozen=True)
class Value:
    """A procedure-level field that changed, as old and new display text."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ProcedureChange:
    status: Status
    old: Procedure | None
    new: Procedure | None
    match: Match | None = None
    values: tuple[Value, ...] = ()
    forms_added: tuple[str, ...] = ()
    forms_removed: tuple[str, ...] = ()
    other_fields: tuple[str, ...] = ()
    steps: tuple[StepChange, ...] = ()
    reprint: tuple[str, ...] = ()

    @property
    def current(self) -> Procedure:
        procedure = self.new or self.old
        assert procedure is not None, "a change has at least one side"
        return procedure

    @property
    def moved_file(self) -> bool:
        return self.old is not None and self.new is not None and self.old.file != self.new.file

    @property
    def renamed(self) -> bool:
        return self.old is not None and self.new is not None and (self.old.id != self.new.id or self.moved_file)

    @property
    def is_empty(self) -> bool:
        return self.status is Status.CHANGED and not (
            self.renamed
            or self.values
            or self.forms_added
            or self.forms_removed
            or self.other_fields
            or self.steps
            or self.reprint
        )


class EntryKind(StrEnum):
    """The kinds of entry ``handbook.yaml`` declares, in the order a report lists them."""

    SECTION = "section"
    FORM = "form"
    ROLE = "role"
    TERM = "term"


class EntryStatus(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    EDITED = "edited"
    MOVED = "moved"


@dataclass(frozen=True)
class EntryChange:
    """One entry of ``handbook.yaml`` (a section, form, shared role or glossary term) that changed.

    ``old`` and ``new`` are its name (a section's title, a term's wording) on each side; ``fields``
    names the other fields that changed (label keys) when it was edited.
    """

    kind: EntryKind
    status: EntryStatus
    id: str
    old: str | None
    new: str | None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class SheetChange:
    """A role's sheet for the whole day whose paper changed: its title (the role's name), key and reasons."""

    title: str
    key: str
    reprint: tuple[str, ...]


@dataclass(frozen=True)
class RoleProcedure:
    """The changes one role sees in one procedure."""

    change: ProcedureChange
    steps: tuple[StepChange, ...]
    step_count: int


@dataclass(frozen=True)
class RoleChanges:
    role: str
    procedures: tuple[RoleProcedure, ...]


@dataclass(frozen=True)
class ChangeSet:
    procedures: tuple[ProcedureChange, ...]
    not_compared: tuple[str, ...] = field(default=())
    role_sheets: tuple[SheetChange, ...] = ()  # role sheets for the whole day whose paper changed
    handbook: tuple[EntryChange, ...] = ()  # what changed in handbook.yaml

    def with_status(self, status: Status) -> tuple[ProcedureChange, ...]:
        return tuple(c for c in self.procedures if c.status is status)

    @property
    def renamed(self) -> tuple[ProcedureChange, ...]:
        return tuple(c for c in self.procedures if c.renamed)

    @property
    def reprints(self) -> tuple[ProcedureChange, ...]:
        return tuple(c for c in self.procedures if c.reprint)

    @property
    def is_empty(self) -> bool:
        return not (self.procedures or self.role_sheets or self.handbook)

    def by_role(self) -> tuple[RoleChanges, ...]:
        """Step changes grouped by the role's name, then by procedure; new and dropped procedures too."""
        grouped: dict[str, list[RoleProcedure]] = {}
        for change in self.procedures:
            for role, steps, count in _role_slices(change):
                grouped.setdefault(role, []).append(RoleProcedure(change, steps, count))
        return tuple(RoleChanges(role, tuple(entries)) for role, entries in sorted(grouped.items()))


def role_name(procedure: Procedure, role_id: str) -> str:
    role = procedure.role(role_id)
    return role.name if role else role_id


def _role_slices(change: ProcedureChange) -> Iterable[tuple[str, tuple[StepChange, ...], int]]:
    if change.status is not Status.CHANGED:
        procedure = change.current
        counts: dict[str, int] = {}
        for step in procedure.steps:
            name = role_name(procedure, step.role)
            counts[name] = counts.get(name, 0) + 1
        for name, count in counts.items():
            yield name, (), count
        return
    names = dict.fromkeys(role for step in change.steps for role in step.roles)
    for name in names:
        yield name, tuple(s for s in change.steps if name in s.roles), 0
