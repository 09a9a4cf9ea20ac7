"""Everything the site holds that comes from the procedures: pages, nav and search words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator import site_paths as paths
from generator.labels import labels_for
from generator.model import Handbook, Procedure
from generator.role_index import RoleEntry, role_entries
from generator.site_index_pages import (
    CHECKLISTS_INDEX,
    checklist_page,
    checklists_index_page,
    forms_page,
    glossary_page,
    review_page,
    tags_page,
)
from generator.site_pages import (
    PageRenderer,
    home_page,
    procedure_page,
    role_page,
    roles_index_page,
    section_page,
)
from generator.validation_cache import RunCache

NavItem = str | dict[str, Any]
FlowchartRenderer = Callable[[Procedure, str, str], str]


@dataclass(frozen=True)
class SiteContent:
    files: Mapping[str, str]
    nav: list[NavItem]
    search_terms: tuple[str, ...]
    sources: Mapping[str, Procedure]


def _nav(handbook: Handbook, roles: tuple[RoleEntry, ...]) -> list[NavItem]:
    labels = labels_for(handbook.language)
    nav: list[NavItem] = [{labels.home: paths.HOME}]
    for section in handbook.sections:
        children: list[NavItem] = [paths.section_page(section.id)]
        children += [{p.title: paths.procedure_page(p)} for p in handbook.in_section(section.id)]
        nav.append({section.title: children})
    # Grouped by section like the procedures, so that a checklist page lists its section's
    # checklists rather than every checklist in the handbook.
    checklists: list[NavItem] = [CHECKLISTS_INDEX]
    for section in handbook.sections:
        group: list[NavItem] = [{p.title: paths.checklist_page(p)} for p in handbook.in_section(section.id)]
        if group:
            checklists.append({section.title: group})
    nav.append({labels.checklists: checklists})
    role_children: list[NavItem] = [paths.ROLES_INDEX] + [{e.name: paths.role_page(e.slug)} for e in roles]
    nav.append(
        {
            labels.indexes: [
                {labels.roles_index: role_children},
                {labels.forms_index: paths.FORMS_INDEX},
                {labels.tags_index: paths.TAGS_INDEX},
                {labels.glossary: paths.GLOSSARY},
                {labels.review_calendar: paths.REVIEW_CALENDAR},
            ]
        }
    )
    return nav


def search_terms(handbook: Handbook, roles: tuple[RoleEntry, ...]) -> tuple[str, ...]:
    """Words that Chinese search must keep whole: role and form names, terms, tags."""
    words = [e.name for e in roles]
    words += [f.name for f in handbook.forms]
    words += [g.term for g in handbook.glossary] + [a for g in handbook.glossary for a in g.aliases]
    words += [d.term for p in handbook.procedures for d in p.definitions]
    words += [s.title for s in handbook.sections] + list(handbook.search_terms)
    words += [t for p in handbook.procedures for t in p.tags]
    return tuple(sorted({w.strip() for w in words if w.strip() and not any(c.isspace() for c in w.strip())}))


RenderCache = RunCache[tuple[Procedure, str]]


def _context_key(handbook: Handbook, today: date, role_slugs: dict[str, str]) -> int:
    """What a procedure's pages use of the rest of the handbook: other procedures by id, title and tags."""
    others = tuple((p.id, p.title, p.section, p.tags) for p in handbook.procedures)
    shared = (handbook.title, handbook.language, handbook.organisation, handbook.sections, handbook.roles)
    return hash((today, shared, handbook.forms, handbook.glossary, others, tuple(sorted(role_slugs.items()))))


def _memo(cache: RenderCache | None, procedure: Procedure, kind: str, context: int, render: Callable[[], str]) -> str:
    """``render()``, or what it gave last time for this very procedure object in the same context."""
    if cache is None:
        return render()
    kept, text = cache.get((id(procedure), kind, context), lambda: (procedure, render()))
    return text if kept is procedure else render()


def build_site_content(
    handbook: Handbook, today: date, flowchart: FlowchartRenderer | None = None, cache: RenderCache | None = None
) -> SiteContent:
    """Every generated page. With a ``cache`` (kept by the live preview from one rebuild to the next),
    the pages and flowcharts of procedures that did not change are not rendered again."""
    roles = role_entries(handbook)
    renderer = PageRenderer(handbook, today, {e.name: e.slug for e in roles})
    context = _context_key(handbook, today, renderer.role_slugs)
    files: dict[str, str] = {
        paths.HOME: home_page(renderer),
        paths.ROLES_INDEX: roles_index_page(renderer, roles),
        paths.FORMS_INDEX: forms_page(renderer),
        paths.TAGS_INDEX: tags_page(renderer),
        paths.GLOSSARY: glossary_page(renderer),
        paths.REVIEW_CALENDAR: review_page(renderer),
        CHECKLISTS_INDEX: checklists_index_page(renderer),
    }
    for section in handbook.sections:
        files[paths.section_page(section.id)] = section_page(renderer, section.id)
    for entry in roles:
        files[paths.role_page(entry.slug)] = role_page(renderer, entry)
    sources: dict[str, Procedure] = {}
    for procedure in handbook.procedures:
        files.update(_procedure_files(renderer, procedure, flowchart, cache, context))
        for page in (paths.procedure_page(procedure), paths.checklist_page(procedure)):
            sources[page] = procedure
    if cache is not None:
        cache.end_run()
    return SiteContent(files, _nav(handbook, roles), search_terms(handbook, roles), sources)


def _procedure_files(
    r: PageRenderer, procedure: Procedure, flowchart: FlowchartRenderer | None, cache: RenderCache | None, context: int
) -> dict[str, str]:
    def memo(kind: str, render: Callable[[], str]) -> str:
        return _memo(cache, procedure, kind, context, render)

    language = r.handbook.language
    files: dict[str, str] = {}
    draw = flowchart
    svg = memo("inline-flowchart", lambda: draw(procedure, language, "")) if draw else None
    files[paths.procedure_page(procedure)] = memo(
        "page" if svg is None else "page+chart", lambda: procedure_page(r, procedure, svg)
    )
    files[paths.checklist_page(procedure)] = memo("checklist", lambda: checklist_page(r, procedure))
    if draw is not None:
        page_name = paths.html_path(paths.procedure_page(procedure)).rsplit("/", 1)[-1]
        files[paths.flowchart_file(procedure)] = memo("flowchart", lambda: draw(procedure, language, page_name))
    return files
