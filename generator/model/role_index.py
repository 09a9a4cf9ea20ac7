"""Roles across procedures: every step each role performs, grouped by the role's name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.model.handbook import Handbook, Phase, Procedure, Role, Section, Step

# More roles than this are grouped by area in the navigation and on the roles index: a flat list of
# a large organisation's hundreds of roles would be repeated in every role page's navigation.
ROLES_BEFORE_GROUPING = 100


@dataclass(frozen=True)
class Duty:
    """One step a role performs, with where it sits."""

    procedure: Procedure
    phase: Phase
    step: Step
    number: str


@dataclass(frozen=True)
class RoleEntry:
    slug: str
    name: str
    codes: tuple[str, ...]
    responsibilities: tuple[tuple[Procedure | None, str], ...]
    duties: tuple[Duty, ...]

    @property
    def procedures(self) -> tuple[Procedure, ...]:
        return tuple(procedure for procedure, _ in self.duties_by_procedure)

    @property
    def duties_by_procedure(self) -> tuple[tuple[Procedure, tuple[Duty, ...]], ...]:
        """The duties grouped by procedure id, in the order each procedure first appears."""
        first: dict[str, Procedure] = {}
        grouped: dict[str, list[Duty]] = {}
        for duty in self.duties:
            first.setdefault(duty.procedure.id, duty.procedure)
            grouped.setdefault(duty.procedure.id, []).append(duty)
        return tuple((procedure, tuple(grouped[procedure_id])) for procedure_id, procedure in first.items())

    @property
    def timed_duties(self) -> tuple[Duty, ...]:
        """Duties with a clock time, in the order of the day."""
        timed = [d for d in self.duties if d.step.timing is not None and d.step.timing.at]
        return tuple(sorted(timed, key=lambda d: (_minutes(d.step.timing.at if d.step.timing else None), d.number)))


def _minutes(clock: str | None) -> int:
    if not clock:
        return 24 * 60
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def duties(procedure: Procedure) -> Iterable[tuple[Role, Duty]]:
    for phase_no, phase in enumerate(procedure.phases, start=1):
        for step_no, step in enumerate(phase.steps, start=1):
            role = procedure.role(step.role)
            if role is not None:
                yield role, Duty(procedure, phase, step, f"{phase_no}.{step_no}")


def _slugs(names_to_ids: dict[str, str]) -> dict[str, str]:
    """A unique page slug per role name, from the first role id seen with that name."""
    used: set[str] = set()
    slugs: dict[str, str] = {}
    for name, role_id in names_to_ids.items():
        slug, n = role_id, 2
        while slug in used:
            slug, n = f"{role_id}-{n}", n + 1
        used.add(slug)
        slugs[name] = slug
    return slugs


def role_entries(handbook: Handbook) -> tuple[RoleEntry, ...]:
    """One entry per role name, in handbook order: shared roles first, then by first appearance."""
    first_id: dict[str, str] = {r.name: r.id for r in handbook.roles}
    shared_roles = {r.id: r for r in handbook.roles}
    codes: dict[str, list[str]] = {}
    responsibilities: dict[str, list[tuple[Procedure | None, str]]] = {}
    found: dict[str, list[Duty]] = {}
    for procedure in handbook.procedures:
        for role in procedure.roles:
            first_id.setdefault(role.name, role.id)
            found.setdefault(role.name, [])
            if role.code and role.code not in codes.setdefault(role.name, []):
                codes[role.name].append(role.code)
            base = shared_roles.get(role.id)
            if base is None or role.responsibilities != base.responsibilities:
                responsibilities.setdefault(role.name, []).extend((procedure, r) for r in role.responsibilities)
        for role, duty in duties(procedure):
            found[role.name].append(duty)
    shared = {r.name: r for r in handbook.roles}
    slugs = _slugs(first_id)
    return tuple(
        RoleEntry(
            slug=slugs[name],
            name=name,
            codes=tuple(codes.get(name, ())),
            responsibilities=tuple((None, r) for r in (shared[name].responsibilities if name in shared else ()))
            + tuple(responsibilities.get(name, ())),
            duties=tuple(found.get(name, ())),
        )
        for name in first_id
        if name in found or name in shared
    )


@dataclass(frozen=True)
class RoleGroup:
    """The roles of one area (a top-level section); ``area`` is None for roles of several areas or none."""

    area: Section | None
    entries: tuple[RoleEntry, ...]

    def title(self, across_areas: str) -> str:
        """The area's title; for the roles of several areas, ``across_areas`` (a label in the handbook's language)."""
        return self.area.title if self.area else across_areas


def roles_by_area(handbook: Handbook, entries: tuple[RoleEntry, ...]) -> tuple[RoleGroup, ...]:
    """The roles grouped by the one area all the procedures naming them are in, in the areas' order;
    roles named in several areas, or declared in handbook.yaml and named nowhere, come last, together.

    Empty when there are no more than ``ROLES_BEFORE_GROUPING`` roles, or when every role would land
    in one group: a flat list reads better then."""
    if len(entries) <= ROLES_BEFORE_GROUPING:
        return ()
    areas: dict[str, set[str]] = {}
    for procedure in handbook.procedures:
        for role in procedure.roles:
            areas.setdefault(role.name, set()).add(procedure.section.split("/")[0])
    declared = {section.path for section in handbook.subsections(None)}
    grouped: dict[str | None, list[RoleEntry]] = {}
    for entry in entries:
        found = areas.get(entry.name, set())
        area = next(iter(found)) if len(found) == 1 else None
        grouped.setdefault(area if area in declared else None, []).append(entry)
    if len(grouped) < 2:
        return ()
    groups = [RoleGroup(s, tuple(grouped[s.path])) for s in handbook.subsections(None) if s.path in grouped]
    if None in grouped:
        groups.append(RoleGroup(None, tuple(grouped[None])))
    return tuple(groups)
