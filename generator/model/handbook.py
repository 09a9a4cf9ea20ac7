"""The typed, immutable model of a handbook: what every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Protocol, TypeVar

from generator.diagnostics import Where
from generator.load.positions import Positions
from generator.model.provenance import Inference, Status

END = "end"
StepPath = tuple[str | int, ...]


class ChecklistType(StrEnum):
    """How a checklist is used: read each item, then do it; or do the work, then confirm each item."""

    READ_DO = "READ-DO"
    DO_CONFIRM = "DO-CONFIRM"


class Completeness(StrEnum):
    """How much of the source document the procedure carries."""

    COMPLETE = "complete"  # the whole document
    TRUNCATED = "truncated"  # the source breaks off, and so does the procedure
    EXCERPT = "excerpt"  # only part of the document was taken


@dataclass(frozen=True)
class Timing:
    """When a step happens: a clock time or range (HH:MM), a deadline or duration in words, a note."""

    at: str | None = None  # clock time the step starts, HH:MM
    until: str | None = None  # clock time it ends, HH:MM (printed as "at–until")
    deadline: str | None = None  # e.g. "两个工作日内"
    duration: str | None = None  # e.g. "10 分钟"
    note: str | None = None


@dataclass(frozen=True)
class SayLine:
    """A line to say, word for word, by a role of the procedure or a named speaker (e.g. the customer)."""

    text: str
    role: str | None = None  # role id of the speaker
    speaker: str | None = None  # a speaker who is not a role, by name


@dataclass(frozen=True)
class Option:
    """One answer of a decision and the step id (or END) it leads to."""

    label: str
    target: str
    inferred: Inference | None = None


@dataclass(frozen=True)
class Decision:
    """A question at the end of a step; each option leads to another step."""

    question: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class ChecklistItem:
    """What a step puts on the printed checklist: the line to tick and the state to confirm."""

    text: str
    confirm: str | None = None


@dataclass(frozen=True)
class Step:
    """One thing one role does; ``next`` or ``decision`` says what comes after (neither: the next step)."""

    id: str
    title: str
    role: str  # role id, declared in the procedure or shared in handbook.yaml
    path: StepPath  # where the step is in its file, for diagnostics
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
    inferred: Inference | None = None


class Shift(StrEnum):
    """Where a phase sits in a role's working day when sheets merge procedures: before or after the rest."""

    BEFORE = "before"  # 班前: before the first clock time of the day
    AFTER = "after"  # 下班: after the last clock time of the day


@dataclass(frozen=True)
class Phase:
    """A stage of the procedure (a pause point on the checklist), its steps in order."""

    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str | None = None
    shift: Shift | None = None
    inferred: Inference | None = None


@dataclass(frozen=True)
class Role:
    """A post that carries out steps; ``shared`` roles are declared once in handbook.yaml."""

    id: str
    name: str  # as printed: lane headers, checklists, role pages
    code: str | None = None  # a short code, e.g. S1
    responsibilities: tuple[str, ...] = ()
    shared: bool = False
    inferred: Inference | None = None  # in this procedure: the role (or its fields) not in the source


@dataclass(frozen=True)
class Revision:
    """One entry of the revision history, newest first."""

    version: str
    date: date
    change: str  # what changed, in a sentence
    author: str | None = None


@dataclass(frozen=True)
class Source:
    """The document the procedure was written from."""

    document: str  # its title in the document library
    heading: str | None = None  # the heading inside it, when it holds several procedures
    origin: str | None = None  # where it was found
    completeness: Completeness = Completeness.COMPLETE
    note: str | None = None  # for editors: where it breaks off, what was restored
    locator: str | None = None  # where in its origin, when the title alone does not tell it apart


@dataclass(frozen=True)
class Definition:
    """A term the procedure defines for itself."""

    term: str
    definition: str


@dataclass(frozen=True)
class Appendix:
    """Material printed after the steps: a text, a list, or both."""

    title: str
    text: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistSettings:
    """How the procedure's checklist is used, and who reads it out and who confirms (role ids)."""

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
    """One procedure file: document control, roles, phases of steps and the material around them."""

    id: str
    section: str  # the section's path: the folder the file is in, e.g. "reception" or "area/section"
    file: str  # the file's path as shown in diagnostics
    title: str
    version: str  # as written, e.g. "1.0"
    effective: date  # in force from
    owner: str  # the department answerable for it
    review_by: date  # the date by which it must be reviewed
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
    status: Status = Status.PUBLISHED
    pending: tuple[str, ...] = ()  # document-control fields awaiting the owners: shown as 待确认
    inferred: Inference | None = None  # procedure-level values not in the source

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
    """A part of the handbook: a folder of procedures, declared in handbook.yaml.

    Sections nest up to three levels (area → section → subsection; discovery refuses deeper
    folders); the folders under procedures/ follow the same tree, so a section's ``path`` is its folder.
    """

    id: str  # the folder's own name
    title: str
    summary: str | None = None
    parent: str | None = None  # the enclosing section's path; None at the top level
    declared_at: StepPath = ()  # where handbook.yaml declares it, e.g. ("sections", 0, "sections", 2)

    @property
    def path(self) -> str:
        return f"{self.parent}/{self.id}" if self.parent else self.id

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1


@dataclass(frozen=True)
class Form:
    """A form or record the procedures refer to by id, catalogued in handbook.yaml."""

    id: str
    name: str
    code: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the handbook's glossary; search treats its aliases as the same word."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Handbook:
    """handbook.yaml and every procedure, in section order then file order."""

    title: str
    language: str  # zh or en: labels and messages
    sections: tuple[Section, ...]  # every section at every level, in declaration order (parents first)
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
    def _sections_by_path(self) -> dict[str, Section]:
        found: dict[str, Section] = {}
        for section in self.sections:
            found.setdefault(section.path, section)
        return found

    @cached_property
    def _children(self) -> dict[str | None, tuple[Section, ...]]:
        grouped: dict[str | None, list[Section]] = {}
        for section in self._sections_by_path.values():
            grouped.setdefault(section.parent, []).append(section)
        return {parent: tuple(children) for parent, children in grouped.items()}

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

    def section(self, path: str) -> Section | None:
        """The section whose folder is ``path`` ("reception", "area/section")."""
        return self._sections_by_path.get(path)

    def in_section(self, path: str) -> tuple[Procedure, ...]:
        """The procedures directly in the section at ``path`` (not in its subsections)."""
        return self._by_section.get(path, ())

    def subsections(self, path: str | None) -> tuple[Section, ...]:
        """The sections directly inside ``path``; with None, the top-level sections."""
        return self._children.get(path, ())

    @cached_property
    def nested(self) -> bool:
        """Whether any section has subsections (a one-level handbook renders as it always has)."""
        return any(section.parent is not None for section in self.sections)

    def ancestors(self, path: str) -> tuple[Section, ...]:
        """The sections from the top level down to ``path`` itself (those that are declared)."""
        parts = path.split("/")
        found = (self.section("/".join(parts[: i + 1])) for i in range(len(parts)))
        return tuple(section for section in found if section is not None)

    def count_under(self, path: str) -> int:
        """How many procedures the section at ``path`` holds, its subsections' included."""
        return len(self.in_section(path)) + sum(self.count_under(s.path) for s in self.subsections(path))


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
