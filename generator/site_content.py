"""Everything the site holds that comes from the procedures: pages, nav and search words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator import site_paths as paths
from generator.flowchart_bridge import flowchart_fits
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
    latest_change,
    procedure_page,
    role_page,
    roles_index_page,
    section_page,
)
from generator.templating import plain

NavItem = str | dict[str, Any]
FlowchartRenderer = Callable[[Procedure, str, str], str]


@dataclass(frozen=True)
class SiteContent:
    files: Mapping[str, str]
    nav: list[NavItem]
    search_terms: tuple[str, ...]
    sources: Mapping[str, Procedure]
    # When each page's content last changed (YYYY-MM-DD), from the procedures, never the build clock.
    page_dates: Mapping[str, str]
    latest_date: str | None


def nav_title(text: str) -> str:
    """A title for the navigation: themes print nav titles as HTML, unescaped, so escape it here."""
    return str(plain(text))


def _nav(handbook: Handbook, roles: tuple[RoleEntry, ...]) -> list[NavItem]:
    labels = labels_for(handbook.language)
    nav: list[NavItem] = [{labels.home: paths.HOME}]
    for section in handbook.sections:
        children: list[NavItem] = [paths.section_page(section.id)]
        children += [{nav_title(p.title): paths.procedure_page(p)} for p in handbook.in_section(section.id)]
        nav.append({nav_title(section.title): children})
    checklists: list[NavItem] = [CHECKLISTS_INDEX]
    checklists += [{nav_title(p.title): paths.checklist_page(p)} for p in handbook.procedures]
    nav.append({labels.checklists: checklists})
    role_children: list[NavItem] = [paths.ROLES_INDEX]
    role_children += [{nav_title(e.name): paths.role_page(e.slug)} for e in roles]
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


def build_site_content(handbook: Handbook, today: date, flowchart: FlowchartRenderer | None = None) -> SiteContent:
    roles = role_entries(handbook)
    renderer = PageRenderer(handbook, today, {e.name: e.slug for e in roles})
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
        drawn = flowchart if flowchart is not None and flowchart_fits(procedure) else None
        svg = drawn(procedure, handbook.language, "") if drawn else None
        files[paths.procedure_page(procedure)] = procedure_page(renderer, procedure, svg)
        files[paths.checklist_page(procedure)] = checklist_page(renderer, procedure)
        if drawn is not None:
            page_name = paths.html_path(paths.procedure_page(procedure)).rsplit("/", 1)[-1]
            files[paths.flowchart_file(procedure)] = drawn(procedure, handbook.language, page_name)
        for page in (paths.procedure_page(procedure), paths.checklist_page(procedure)):
            sources[page] = procedure
    page_dates = {page: latest_change(procedure) for page, procedure in sources.items()}
    latest = max(page_dates.values(), default=None)
    return SiteContent(files, _nav(handbook, roles), search_terms(handbook, roles), sources, page_dates, latest)
