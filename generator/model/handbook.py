"""The typed, immutable model of a handbook: what every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Protocol, TypeVar

from generator.diagnostics import Where
from generator.load.positions import Positions

END = "end"
StepPath = tuple[str | int, ...]


class ChecklistType(StrEnum):
    READ_DO = "READ-DO"
    DO_CONFIRM = "DO-CONFIRM"


@dataclass(frozen=True)
class Timing:
    at: str | None = None
    until: str | None = None
    deadline: str | None = None
    duration: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SayLine:
    text: str
    role: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Option:
    label: str
    target: str


@dataclass(frozen=True)
class Decision:
    question: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class ChecklistItem:
    text: str
    confirm: str | None = None


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    role: str
    path: StepPath
    details: str | None = None
    timing: Timing | None = None
    forms: tuple[str, ...] = ()
    say: tuple[SayLine, ...] = ()
    standards: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    next: str | None = None
    decision: Decision | None = None
    checklist: ChecklistItem | None = None


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str | None = None


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    code: str | None = None
    responsibilities: tuple[str, ...] = ()
    shared: bool = False


@dataclass(frozen=True)
class Revision:
    version: str
    date: str
    change: str
    author: str | None = None


@dataclass(frozen=True)
class Source:
    document: str
    heading: str | None = None
    origin: str | None = None
    completeness: str = "complete"
    note: str | None = None


@dataclass(frozen=True)
class Definition:
    term: str
    definition: str


@dataclass(frozen=True)
class Appendix:
    title: str
    text: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistSettings:
    type: ChecklistType
    read_by: str | None = None
    confirmed_by: str | None = None


@dataclass(frozen=True)
class SourceMap:
    """Positions of a file's nodes, so later checks can point at the exact line."""

    positions: Positions

    @property
    def file(self) -> str:
        return self.positions.file

    def at(self, path: StepPath) -> Where:
        """Where the node at ``path`` starts, or its nearest ancestor."""
        return self.positions.at(path)


@dataclass(frozen=True)
class Procedure:
    id: str
    section: str
    file: str
    title: str
    version: str
    effective: date
    owner: str
    review_by: date
    source: Source
    purpose: str
    roles: tuple[Role, ...]
    phases: tuple[Phase, ...]
    source_map: SourceMap
    summary: str | None = None
    tags: tuple[str, ...] = ()
    approved_by: str | None = None
    revisions: tuple[Revision, ...] = ()
    scope: str | None = None
    definitions: tuple[Definition, ...] = ()
    principles: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    checklist: ChecklistSettings | None = None
    appendices: tuple[Appendix, ...] = ()

    # Look-ups by id, indexed once: pages, sheets and checks ask for them once per step.
    @cached_property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for phase in self.phases for step in phase.steps)

    @cached_property
    def _roles_by_id(self) -> dict[str, Role]:
        return _first_by_id(self.roles)

    @cached_property
    def _steps_by_id(self) -> dict[str, Step]:
        return _first_by_id(self.steps)

    def role(self, role_id: str) -> Role | None:
        return self._roles_by_id.get(role_id)

    def step(self, step_id: str) -> Step | None:
        return self._steps_by_id.get(step_id)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    summary: str | None = None


@dataclass(frozen=True)
class Form:
    id: str
    name: str
    code: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Handbook:
    title: str
    language: str
    sections: tuple[Section, ...]
    roles: tuple[Role, ...]
    forms: tuple[Form, ...]
    glossary: tuple[GlossaryEntry, ...]
    procedures: tuple[Procedure, ...]
    source_map: SourceMap
    organisation: str | None = None
    search_terms: tuple[str, ...] = ()

    # Look-ups by id, indexed once: pages and checks ask for them once per procedure.
    @cached_property
    def _procedures_by_id(self) -> dict[str, Procedure]:
        return _first_by_id(self.procedures)

    @cached_property
    def _forms_by_id(self) -> dict[str, Form]:
        return _first_by_id(self.forms)

    @cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return _first_by_id(self.sections)

    @cached_property
    def _by_section(self) -> dict[str, tuple[Procedure, ...]]:
        grouped: dict[str, list[Procedure]] = {}
        for procedure in self.procedures:
            grouped.setdefault(procedure.section, []).append(procedure)
        return {section: tuple(procedures) for section, procedures in grouped.items()}

    @cached_property
    def procedure_ids(self) -> frozenset[str]:
        return frozenset(self._procedures_by_id)

    @cached_property
    def form_ids(self) -> frozenset[str]:
        return frozenset(self._forms_by_id)

    def procedure(self, procedure_id: str) -> Procedure | None:
        return self._procedures_by_id.get(procedure_id)

    def form(self, form_id: str) -> Form | None:
        return self._forms_by_id.get(form_id)

    def section(self, section_id: str) -> Section | None:
        return self._sections_by_id.get(section_id)

    def in_section(self, section_id: str) -> tuple[Procedure, ...]:
        return self._by_section.get(section_id, ())


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _first_by_id(items: tuple[_T, ...]) -> dict[str, _T]:
    """Items by id; when two share an id, the first one (validation reports the other)."""
    found: dict[str, _T] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found
