"""Ids that become file and folder names in the site: names Windows refuses, names the site uses itself.

Ids are lower-case slugs (the schema), so they cannot climb out of the site folder or differ only
in case; procedure file names are held to the same rule in discovery.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.diagnostics import Diagnostic, Where, error
from generator.load.discovery import WINDOWS_RESERVED
from generator.model.handbook import END, Handbook, Procedure

# Top-level folders the site itself fills: the theme's and the handbook's assets, search, checklists, roles.
SITE_FOLDERS = frozenset({"assets", "search", "checklists", "roles"})
# Page names the site uses inside a folder: each section's and index's own page.
SITE_PAGES = frozenset({"index"})


def _problem(name: str, reserved_here: frozenset[str]) -> str | None:
    if name in WINDOWS_RESERVED:
        return f"'{name}' is a device name on Windows: the site could not be copied or opened there"
    if name in reserved_here:
        kind = "folders" if reserved_here is SITE_FOLDERS else "pages"
        return f"'{name}' is a name the site uses for its own {kind}"
    return None


def _check(items: Iterable[tuple[str, Where]], what: str, reserved_here: frozenset[str]) -> Iterator[Diagnostic]:
    for name, where in items:
        problem = _problem(name, reserved_here)
        if problem is not None:
            yield error(where, f"reserved-{what}-id", f"{what} id {problem}", "choose another id")


def check_handbook_names(handbook: Handbook) -> Iterator[Diagnostic]:
    at = handbook.source_map.at
    # Only top-level folders meet the site's own; a subsection's folder is inside its section's.
    top = ((s.id, at((*s.declared_at, "id"))) for s in handbook.sections if s.parent is None)
    yield from _check(top, "section", SITE_FOLDERS)
    nested = ((s.id, at((*s.declared_at, "id"))) for s in handbook.sections if s.parent is not None)
    yield from _check(nested, "section", frozenset())
    yield from _check(((r.id, at(("roles", i, "id"))) for i, r in enumerate(handbook.roles)), "role", SITE_PAGES)


def check_procedure_names(procedure: Procedure) -> Iterator[Diagnostic]:
    at = procedure.source_map.at
    yield from _check([(procedure.id, at(("id",)))], "procedure", SITE_PAGES)
    local_roles = ((r.id, at(("roles", i, "id"))) for i, r in enumerate(procedure.roles) if not r.shared)
    yield from _check(local_roles, "role", SITE_PAGES)
    for step in procedure.steps:
        if step.id == END:
            yield error(
                at(step.path + ("id",)),
                "reserved-step-id",
                f"step id '{END}' is reserved: 'next: {END}' means the procedure ends",
                "choose another id, e.g. 'finish'",
            )
