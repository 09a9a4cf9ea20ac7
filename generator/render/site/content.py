"""Everything the site holds that comes from the procedures: pages, nav and search words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date

from generator.cache import RunCache, digest, kept_text
from generator.model.handbook import Handbook, Procedure
from generator.model.role_index import RoleEntry, RoleGroup, role_entries, roles_by_area
from generator.render import paths
from generator.render.checklist.sheets import Sheet, procedure_sheet, role_sheets
from generator.render.flowchart.bridge import flowchart_fits, inline_flowchart
from generator.render.labels import LANGUAGES, labels_for
from generator.render.parallel_map import map_in_workers
from generator.render.site.checklist_pages import checklist_page, checklists_index_page
from generator.render.site.front_matter import with_front_matter
from generator.render.site.guide_pages import editor_guide_pages
from generator.render.site.index_pages import (
    forms_page,
    glossary_page,
    register_page,
    review_page,
    tags_page,
)
from generator.render.site.pages import (
    PageRenderer,
    home_page,
    latest_change,
    procedure_page,
    role_page,
    roles_index_page,
)
from generator.render.site.section_pages import NavItem, nav_title, section_page, section_tree

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

    def page_date(self, src: str) -> str | None:
        """When the page ``src`` last changed: its procedure's latest change, else the newest of all."""
        return self.page_dates.get(src, self.latest_date)


def _nav(
    handbook: Handbook, roles: tuple[RoleEntry, ...], groups: tuple[RoleGroup, ...], role_sheet_pages: Mapping[str, str]
) -> list[NavItem]:
    """The site's navigation; ``role_sheet_pages`` maps a role's slug to its whole-day sheet's page."""
    labels = labels_for(handbook.language)
    nav: list[NavItem] = [{labels.home: paths.HOME}]
    nav += section_tree(handbook, lambda p: {nav_title(p.title): paths.procedure_page(p)}, with_index=True)
    # Grouped by section like the procedures, so that a checklist page lists its section's
    # checklists rather than every checklist in the handbook.
    checklists: list[NavItem] = [paths.CHECKLISTS_INDEX]
    checklists += section_tree(handbook, lambda p: {nav_title(p.title): paths.checklist_page(p)}, with_index=False)
    if role_sheet_pages:
        by_role = _role_items(groups, roles, role_sheet_pages, labels.roles_elsewhere)
        checklists.append({labels.checklists_by_role: by_role})
    nav.append({labels.checklists: checklists})
    role_pages = {e.slug: paths.role_page(e.slug) for e in roles}
    role_children: list[NavItem] = [paths.ROLES_INDEX, *_role_items(groups, roles, role_pages, labels.roles_elsewhere)]
    nav.append(
        {
            labels.indexes: [
                {labels.roles_index: role_children},
                {labels.forms_index: paths.FORMS_INDEX},
                {labels.tags_index: paths.TAGS_INDEX},
                {labels.glossary: paths.GLOSSARY},
                {labels.review_calendar: paths.REVIEW_CALENDAR},
                {labels.register: paths.REGISTER},
            ]
        }
    )
    # The editor's guide: the handbook's language first, then the other versions.
    guide_languages = [handbook.language, *(lang for lang in LANGUAGES if lang != handbook.language)]
    nav.append({labels.editor_guide: [paths.editor_guide(lang) for lang in guide_languages]})
    return nav


def _role_items(
    groups: tuple[RoleGroup, ...], roles: tuple[RoleEntry, ...], page_of: Mapping[str, str], elsewhere: str
) -> list[NavItem]:
    """An item for each role with a page in ``page_of`` (by slug), under its area when ``groups`` holds any:
    a role page then lists the roles of its area, not every role of the handbook."""

    def items(entries: tuple[RoleEntry, ...]) -> list[NavItem]:
        return [{nav_title(e.name): page_of[e.slug]} for e in entries if e.slug in page_of]

    if not groups:
        return items(roles)
    found = [(nav_title(g.title(elsewhere)), items(g.entries)) for g in groups]
    return [{title: children} for title, children in found if children]


SHORT_STEP_TITLE = 4  # characters: a step title this short is a term (立项, 签到), not a sentence


def search_terms(handbook: Handbook, roles: tuple[RoleEntry, ...]) -> tuple[str, ...]:
    """Words that Chinese search must keep whole: role and form names, terms, tags, short step titles.

    A longer step title stays divisible: as one word, searching for a part of it would miss it."""
    words = [e.name for e in roles]
    words += [f.name for f in handbook.forms]
    words += [g.term for g in handbook.glossary] + [a for g in handbook.glossary for a in g.aliases]
    words += [d.term for p in handbook.procedures for d in p.definitions]
    words += [s.title for s in handbook.sections] + list(handbook.search_terms)
    words += [t for p in handbook.procedures for t in p.tags]
    words += [s.title for p in handbook.procedures for s in p.steps if len(s.title) <= SHORT_STEP_TITLE]
    return tuple(sorted({w.strip() for w in words if w.strip() and not any(c.isspace() for c in w.strip())}))


RenderCache = RunCache[tuple[Procedure, str]]


# Search ranks a procedure's own page above the pages that gather its words from many procedures (a role
# page, a role's sheet, an index): with the same words, the procedure is what a reader looks for.
PROCEDURE_BOOST = 4.0
GATHERING_BOOST = 0.5


def _rank_for_search(
    files: dict[str, str], handbook: Handbook, roles: tuple[RoleEntry, ...], sheets: tuple[Sheet, ...]
) -> None:
    for procedure in handbook.procedures:
        page = paths.procedure_page(procedure)
        files[page] = with_front_matter(files[page], {"search": {"boost": PROCEDURE_BOOST}})
    gathering = [paths.role_page(e.slug) for e in roles] + [s.page for s in sheets]
    gathering += [paths.ROLES_INDEX, paths.CHECKLISTS_INDEX, paths.TAGS_INDEX, paths.REVIEW_CALENDAR, paths.REGISTER]
    for page in gathering:
        files[page] = with_front_matter(files[page], {"search": {"boost": GATHERING_BOOST}})


def _context_key(handbook: Handbook, today: date, role_slugs: dict[str, str], site_url: str | None) -> str:
    """What a procedure's pages use of the rest of the handbook: other procedures by id, title and tags.

    A digest of the values' text, so that it means the same in the next build's process."""
    others = tuple((p.id, p.title, p.section, p.tags) for p in handbook.procedures)
    shared = (handbook.title, handbook.language, handbook.organisation, handbook.sections, handbook.roles)
    slugs = tuple(sorted(role_slugs.items()))
    return digest(repr((today, site_url, shared, handbook.forms, handbook.glossary, others, slugs)).encode())


def procedure_fingerprint(procedure: Procedure) -> str:
    """A digest of everything ``procedure`` says; where its values sit in its file is left out."""
    said = tuple(getattr(procedure, f.name) for f in fields(procedure) if f.name != "source_map")
    return digest(repr(said).encode())


def _memo(
    cache: RenderCache | None, procedure: Procedure, kind: str, parts: tuple[str, ...], render: Callable[[], str]
) -> str:
    """``render()``, or what it gave before for the same ``parts`` (the procedure's fingerprint first):
    in the preview, for this very procedure object; in a build, from the store the build lent."""
    if cache is None:
        return kept_text(f"procedure-{kind}", parts, render)
    kept, text = cache.get((id(procedure), kind, *parts), lambda: (procedure, render()))
    return text if kept is procedure else render()


def build_site_content(
    handbook: Handbook,
    today: date,
    flowchart: FlowchartRenderer | None = None,
    site_url: str | None = None,
    cache: RenderCache | None = None,
) -> SiteContent:
    """Every generated page; ``site_url`` is the published address that checklist QR codes point to.

    With a ``cache`` (kept by the live preview from one rebuild to the next), the pages and
    flowcharts of procedures that did not change are not rendered again."""
    roles = role_entries(handbook)
    role_groups = roles_by_area(handbook, roles)
    renderer = PageRenderer(handbook, today, {e.name: e.slug for e in roles}, site_url)
    context = _context_key(handbook, today, renderer.role_slugs, site_url)
    sheets = role_sheets(handbook, roles)
    sheet_slugs = {s.key for s in sheets}
    files: dict[str, str] = {
        paths.HOME: home_page(renderer),
        paths.ROLES_INDEX: roles_index_page(renderer, roles, role_groups),
        paths.FORMS_INDEX: forms_page(renderer),
        paths.TAGS_INDEX: tags_page(renderer),
        paths.GLOSSARY: glossary_page(renderer),
        paths.REVIEW_CALENDAR: review_page(renderer),
        paths.REGISTER: register_page(renderer),
        paths.CHECKLISTS_INDEX: checklists_index_page(renderer, sheets),
        **editor_guide_pages(),
    }
    for section in handbook.sections:
        files[paths.section_page(section.path)] = section_page(renderer, section.path)
    for entry in roles:
        files[paths.role_page(entry.slug)] = role_page(renderer, entry, entry.slug in sheet_slugs)
    for sheet in sheets:
        files[sheet.page] = checklist_page(renderer, sheet, sheet.key)
    for procedure_files in _all_procedure_files(renderer, flowchart, cache, context):
        files.update(procedure_files)
    _rank_for_search(files, handbook, roles, sheets)
    sources: dict[str, Procedure] = {}
    for procedure in handbook.procedures:
        for page in (paths.procedure_page(procedure), paths.checklist_page(procedure)):
            sources[page] = procedure
    if cache is not None:
        cache.end_run()
    nav = _nav(handbook, roles, role_groups, {s.key: s.page for s in sheets})
    page_dates = {page: latest_change(procedure) for page, procedure in sources.items()}
    latest = max(page_dates.values(), default=None)
    return SiteContent(files, nav, search_terms(handbook, roles), sources, page_dates, latest)


def _all_procedure_files(
    r: PageRenderer, flowchart: FlowchartRenderer | None, cache: RenderCache | None, context: str
) -> list[dict[str, str]]:
    """Each procedure's files, in handbook order; on every core unless the preview's cache is in use."""
    procedures = r.handbook.procedures
    if cache is not None:
        return [_procedure_files(r, procedure, flowchart, cache, context) for procedure in procedures]
    return map_in_workers(
        lambda i: _procedure_files(r, procedures[i], flowchart, None, context), range(len(procedures))
    )


def _procedure_files(
    r: PageRenderer, procedure: Procedure, flowchart: FlowchartRenderer | None, cache: RenderCache | None, context: str
) -> dict[str, str]:
    language = r.handbook.language
    fingerprint = procedure_fingerprint(procedure)

    def memo(kind: str, render: Callable[[], str], in_context: bool = True) -> str:
        """A page depends on the rest of the handbook (``context``); a flowchart only on its language."""
        return _memo(cache, procedure, kind, (fingerprint, context if in_context else language), render)

    files: dict[str, str] = {}
    draw = flowchart if flowchart is not None and flowchart_fits(procedure) else None
    svg = (
        memo(
            "inline-flowchart",
            lambda: inline_flowchart(procedure, language, draw(procedure, language, "")),
            in_context=False,
        )
        if draw
        else None
    )
    files[paths.procedure_page(procedure)] = memo(
        "page" if svg is None else "page+chart", lambda: procedure_page(r, procedure, svg)
    )
    files[paths.checklist_page(procedure)] = memo("checklist", lambda: checklist_page(r, procedure_sheet(procedure)))
    if draw is not None:
        page_name = paths.html_path(paths.procedure_page(procedure)).rsplit("/", 1)[-1]
        files[paths.flowchart_file(procedure)] = memo(
            "flowchart", lambda: draw(procedure, language, page_name), in_context=False
        )
    return files
