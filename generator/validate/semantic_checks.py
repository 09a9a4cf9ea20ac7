"""Checks that need more than one node: references, the step graph, dates, duplicates."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

from generator.diagnostics import Diagnostic, Where, error, warning
from generator.model.flow_graph import reachable_from, reaching_end, successors
from generator.model.handbook import END, Handbook, Procedure, StepPath
from generator.validate.name_checks import check_handbook_names, check_procedure_names
from generator.validate.provenance_checks import check_inferred, check_pending
from generator.validate.visible_text import visible_name

MAX_CHECKLIST_ITEMS_PER_PHASE = 9


def _duplicates(items: Iterable[tuple[str, StepPath]], procedure: Procedure, what: str) -> Iterator[Diagnostic]:
    first: dict[str, Where] = {}
    for value, path in items:
        here = procedure.source_map.at(path)
        if value in first:
            yield error(
                here,
                f"duplicate-{what}-id",
                f"{what} id '{value}' is already used on line {first[value].line}",
                "ids must be unique within a procedure: rename one of the two",
            )
        else:
            first[value] = here


def check_unique_ids(procedure: Procedure) -> Iterator[Diagnostic]:
    yield from _duplicates(((r.id, ("roles", i, "id")) for i, r in enumerate(procedure.roles)), procedure, "role")
    yield from _duplicates(((p.id, ("phases", i, "id")) for i, p in enumerate(procedure.phases)), procedure, "phase")
    yield from _duplicates(((s.id, s.path + ("id",)) for s in procedure.steps), procedure, "step")


def check_roles(procedure: Procedure, handbook: Handbook) -> Iterator[Diagnostic]:
    shared = {r.id for r in handbook.roles}
    declared = {r.id for r in procedure.roles}
    for index, role in enumerate(procedure.roles):
        if not role.shared and role.name == role.id and role.id not in shared:
            yield error(
                procedure.source_map.at(("roles", index, "id")),
                "unnamed-role",
                f"role '{role.id}' has no name and is not a shared role in handbook.yaml",
                "add 'name:', or declare the role under 'roles' in handbook.yaml",
            )
    for step in procedure.steps:
        if step.role not in declared:
            yield _unknown(procedure, step.path + ("role",), "role", step.role, declared)
        for index, line in enumerate(step.say):
            if line.role is not None and line.role not in declared:
                yield _unknown(procedure, step.path + ("say", index, "role"), "role", line.role, declared)
    if procedure.checklist is not None:
        for key in ("read_by", "confirmed_by"):
            value = getattr(procedure.checklist, key)
            if value is not None and value not in declared:
                yield _unknown(procedure, ("checklist", key), "role", value, declared)


def check_role_names(procedure: Procedure) -> Iterator[Diagnostic]:
    """Two roles whose names look the same would print as two identical lanes and sheets."""
    first: dict[str, int] = {}
    ids: set[str] = set()
    for index, role in enumerate(procedure.roles):
        if role.id in ids:
            continue  # the same role twice: reported as a duplicate id
        ids.add(role.id)
        seen = visible_name(role.name)
        if seen not in first:
            first[seen] = index
            continue
        other = procedure.roles[first[seen]]
        there = procedure.source_map.at(("roles", first[seen], "id"))
        yield error(
            procedure.source_map.at(("roles", index, "name")),
            "duplicate-role-name",
            f"role '{role.id}' has the same name as role '{other.id}' (line {there.line}): '{role.name}'",
            "give each role a name of its own, or merge the two roles",
        )


# Where a new id of each kind is declared, for the hint of an unknown one.
_DECLARED_IN = {
    "role": "declare it under 'roles:' in this procedure (a shared role: in procedures/handbook.yaml)",
    "form": "add it to 'forms:' in procedures/handbook.yaml",
    "step": "give a step of this procedure that id, or write 'end'",
    "procedure": "use the id of another procedure file",
}
_LISTED = 8  # declared ids named in a hint; more are summed up


def unknown_hint(what: str, value: str, known: Iterable[str]) -> str:
    """The closest declared ids first, then the others, and where a new one is declared."""
    declared = sorted(known)
    close = difflib.get_close_matches(value, declared, n=3, cutoff=0.5)
    shown = close + [k for k in declared if k not in close][: max(0, _LISTED - len(close))]
    more = f" and {len(declared) - len(shown)} more" if len(declared) > len(shown) else ""
    listing = f"declared: {', '.join(shown)}{more}" if shown else f"no {what} is declared yet"
    lead = f"did you mean '{close[0]}'? " if close else ""
    return f"{lead}{listing}; {_DECLARED_IN[what]}"


def _unknown(procedure: Procedure, path: StepPath, what: str, value: str, known: Iterable[str]) -> Diagnostic:
    hint = unknown_hint(what, value, known)
    return error(procedure.source_map.at(path), f"unknown-{what}", f"unknown {what} '{value}'", hint)


def check_forms(procedure: Procedure, handbook: Handbook) -> Iterator[Diagnostic]:
    known = handbook.form_ids
    for index, form in enumerate(procedure.forms):
        if form not in known:
            yield _unknown(procedure, ("forms", index), "form", form, known)
    for step in procedure.steps:
        for index, form in enumerate(step.forms):
            if form not in known:
                yield _unknown(procedure, step.path + ("forms", index), "form", form, known)


def check_related(procedure: Procedure, handbook: Handbook) -> Iterator[Diagnostic]:
    known = handbook.procedure_ids
    for index, other in enumerate(procedure.related):
        if other == procedure.id:
            yield warning(
                procedure.source_map.at(("related", index)),
                "related-self",
                "a procedure is listed as related to itself",
            )
        elif other not in known:
            yield _unknown(procedure, ("related", index), "procedure", other, known)


def check_flow(procedure: Procedure) -> Iterator[Diagnostic]:
    steps = procedure.steps
    ids = {s.id for s in steps}
    for step in steps:
        if step.next is not None and step.next != END and step.next not in ids:
            yield _unknown(procedure, step.path + ("next",), "step", step.next, ids)
        if step.decision is not None:
            labels = Counter(o.label for o in step.decision.options)
            for index, option in enumerate(step.decision.options):
                path = step.path + ("decision", "options", index)
                if option.target != END and option.target not in ids:
                    yield _unknown(procedure, path + ("next",), "step", option.target, ids)
                if labels[option.label] > 1:
                    yield error(
                        procedure.source_map.at(path + ("label",)),
                        "duplicate-option",
                        f"option label '{option.label}' appears more than once in this decision",
                    )
            if len(step.decision.options) < 2:
                yield error(
                    procedure.source_map.at(step.path + ("decision",)),
                    "decision-options",
                    "a decision needs at least two options",
                )
    if steps:
        yield from _check_reachability(procedure)


def _check_reachability(procedure: Procedure) -> Iterator[Diagnostic]:
    graph = successors(procedure)
    ids = set(graph)
    if END in ids or any(t != END and t not in ids for targets in graph.values() for t in targets):
        return  # a step called 'end' or an unknown target is reported on its own; the graph would only echo it
    if len(ids) != len(procedure.steps):
        return  # a duplicate step id is the cause; which of the two a 'next' means is unknowable
    reachable = reachable_from(procedure.steps[0].id, graph)
    finishing = reaching_end(graph)
    for step in procedure.steps:
        where = procedure.source_map.at(step.path + ("id",))
        if step.id not in reachable:
            yield error(
                where,
                "unreachable-step",
                f"step '{step.id}' can never be reached from the first step",
                "point a 'next' or a decision option at it, or remove it",
            )
        elif step.id not in finishing:
            yield error(
                where,
                "dead-end",
                f"step '{step.id}' leads into a loop that never reaches the end",
                "give the loop a way out: a decision option with 'next: end' or a later step",
            )


def check_checklist(procedure: Procedure) -> Iterator[Diagnostic]:
    marked = [s for s in procedure.steps if s.checklist is not None]
    for index, phase in enumerate(procedure.phases):
        count = sum(1 for s in phase.steps if s.checklist is not None)
        if count > MAX_CHECKLIST_ITEMS_PER_PHASE:
            yield warning(
                procedure.source_map.at(("phases", index, "title")),
                "checklist-too-long",
                f"phase '{phase.id}' has {count} checklist items; keep it under ten per pause point",
                "shorten the checklist to the critical items, or split the phase",
            )
    if marked and procedure.checklist is None:
        yield warning(
            procedure.source_map.at(("id",)),
            "checklist-settings",
            "steps are marked for the checklist but the procedure has no 'checklist' settings",
            "add checklist: {type: DO-CONFIRM, read_by: ..., confirmed_by: ...}",
        )


def check_dates(procedure: Procedure, today: date) -> Iterator[Diagnostic]:
    if procedure.review_by < procedure.effective:
        yield error(
            procedure.source_map.at(("review_by",)),
            "review-before-effective",
            f"review date {procedure.review_by} is before the effective date {procedure.effective}",
        )
    elif procedure.review_by < today:
        yield warning(
            procedure.source_map.at(("review_by",)),
            "review-overdue",
            f"review was due on {procedure.review_by}",
            "review the procedure, then move 'review_by' forward",
        )
    if procedure.revisions and procedure.revisions[0].version != procedure.version:
        yield warning(
            procedure.source_map.at(("revisions", 0, "version")),
            "revision-version",
            f"the newest revision is {procedure.revisions[0].version} "
            f"but the procedure's version is {procedure.version}",
            "list the newest revision first, with the current version",
        )


def check_section(procedure: Procedure, handbook: Handbook) -> Iterator[Diagnostic]:
    if handbook.section(procedure.section) is not None:
        return
    parent, _, _ = procedure.section.rpartition("/")
    if parent and handbook.section(parent) is not None:
        hint = f"declare it in handbook.yaml under the sections of '{parent}', or move the file into a declared section"
    else:
        hint = f"known sections: {', '.join(s.path for s in handbook.sections)}"
    yield error(
        Where(procedure.file),
        "unknown-section",
        f"folder '{procedure.section}' is not a section in handbook.yaml",
        hint,
    )


def check_procedure(procedure: Procedure, handbook: Handbook, today: date) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    found.extend(check_section(procedure, handbook))
    found.extend(check_unique_ids(procedure))
    found.extend(check_roles(procedure, handbook))
    found.extend(check_role_names(procedure))
    found.extend(check_forms(procedure, handbook))
    found.extend(check_related(procedure, handbook))
    found.extend(check_flow(procedure))
    found.extend(check_checklist(procedure))
    found.extend(check_dates(procedure, today))
    found.extend(check_procedure_names(procedure))
    found.extend(check_pending(procedure))
    found.extend(check_inferred(procedure))
    return found


def check_unique_procedures(procedures: Iterable[Procedure]) -> Iterator[Diagnostic]:
    first: dict[str, Procedure] = {}
    for procedure in procedures:
        other = first.get(procedure.id)
        if other is None:
            first[procedure.id] = procedure
            continue
        yield error(
            procedure.source_map.at(("id",)),
            "duplicate-procedure-id",
            f"procedure id '{procedure.id}' is also used by {other.file}:{other.source_map.at(('id',)).line}",
            "every procedure needs its own id",
        )


def check_handbook(handbook: Handbook) -> Iterator[Diagnostic]:
    at = handbook.source_map.at
    seen_sections: set[str] = set()
    for section in handbook.sections:  # the same folder name twice among one section's subsections
        if section.path in seen_sections:
            yield error(
                at((*section.declared_at, "id")),
                "duplicate-section-id",
                f"section id '{section.id}' is defined twice in handbook.yaml",
            )
        seen_sections.add(section.path)
    for what, ids in {"role": [r.id for r in handbook.roles], "form": [f.id for f in handbook.forms]}.items():
        seen: set[str] = set()
        for index, value in enumerate(ids):
            if value in seen:
                yield error(
                    at((f"{what}s", index, "id")),
                    f"duplicate-{what}-id",
                    f"{what} id '{value}' is defined twice in handbook.yaml",
                )
            seen.add(value)
    yield from check_handbook_names(handbook)
