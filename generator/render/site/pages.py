"""Render each kind of page as Markdown with escaped HTML blocks: pure functions of the model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from markupsafe import Markup

from generator.model.handbook import END, Handbook, Procedure, Role, SayLine
from generator.model.role_index import Duty, RoleEntry, RoleGroup
from generator.render import paths
from generator.render.flowchart.bridge import MAX_FLOWCHART_STEPS, flowchart_fits
from generator.render.labels import Labels, labels_for
from generator.render.site.provenance_views import item_count, marks, provenance_items
from generator.render.site.section_pages import section_cards, section_title, trail
from generator.render.site.step_views import FormLink, StepLinks, phase_views
from generator.render.templating import environment, template_macro


@dataclass(frozen=True)
class PageRenderer:
    """Renders pages of one handbook; every link is relative to the page being rendered."""

    handbook: Handbook
    today: date
    role_slugs: dict[str, str]
    site_url: str | None = None

    @property
    def labels(self) -> Labels:
        return labels_for(self.handbook.language)

    def render(self, template: str, page: str, **context: Any) -> str:
        def link(to: str, anchor: str | None = None) -> str:
            return paths.relative_url(page, to, anchor)

        base = {"hb": self.handbook, "L": self.labels, "link": link}
        return environment().get_template(template).render(**base, **context)

    def procedure_href(self, page: str) -> Callable[[Procedure], str]:
        return lambda p: paths.relative_url(page, paths.procedure_page(p))

    def role_href(self, page: str) -> Callable[[Role], str]:
        return lambda r: paths.relative_url(page, paths.role_page(self.role_slugs[r.name]))

    def form_href(self, page: str) -> Callable[[str], str]:
        return lambda form_id: paths.relative_url(page, paths.FORMS_INDEX, paths.form_anchor(form_id))

    @cached_property
    def tag_anchors(self) -> dict[str, str]:
        return tag_anchors(self.handbook)

    def tag_href(self, page: str) -> Callable[[str], str]:
        anchors = self.tag_anchors
        return lambda tag: paths.relative_url(page, paths.TAGS_INDEX, anchors[tag])


def tag_anchors(handbook: Handbook) -> dict[str, str]:
    tags = sorted({tag for p in handbook.procedures for tag in p.tags})
    return {tag: f"tag-{index + 1}" for index, tag in enumerate(tags)}


def procedure_page(r: PageRenderer, procedure: Procedure, flowchart_svg: str | None) -> str:
    page = paths.procedure_page(procedure)
    links = _step_links(r, procedure, page)
    related = [other for other in (r.handbook.procedure(i) for i in procedure.related) if other is not None]
    return r.render(
        "procedure.md.j2",
        page,
        p=procedure,
        phases=phase_views(procedure, links),
        forms=tuple(links.form(form_id) for form_id in procedure.forms),
        overdue=procedure.review_by < r.today,
        flowchart_svg=Markup(flowchart_svg) if flowchart_svg else None,
        flowchart_omitted=not flowchart_fits(procedure),
        flowchart_limit=MAX_FLOWCHART_STEPS,
        flowchart_href=paths.relative_url(page, paths.flowchart_file(procedure)) if flowchart_svg else None,
        checklist_href=paths.relative_url(page, paths.checklist_page(procedure)),
        related=related,
        role_href=r.role_href(page),
        tag_href=r.tag_href(page),
        procedure_href=r.procedure_href(page),
        marks=lambda inference: marks(inference, r.labels),
        root_marks=lambda field: _root_marks(procedure, field, r.labels),
        provenance=provenance_items(procedure, r.labels),
        trail=trail(r.handbook, page, procedure.section),
    )


def _root_marks(procedure: Procedure, field: str, labels: Labels) -> tuple[tuple[str, str], ...]:
    """The mark of a procedure-level value inferred in ``procedure``, if it is."""
    reason = procedure.inferred.reason(field) if procedure.inferred is not None else None
    return ((labels.inferred, reason),) if reason is not None else ()


def _step_links(r: PageRenderer, procedure: Procedure, page: str) -> StepLinks:
    """What the steps of ``procedure`` link to from ``page``, looked up by id."""
    lane = {role.id: index for index, role in enumerate(procedure.roles)}
    role_href = r.role_href(page)
    form_href = r.form_href(page)
    role_badge = template_macro("_macros.md.j2", "role_badge")
    target_link = template_macro("_macros.md.j2", "target_link")

    def role_of(role_id: str) -> Role:
        found = procedure.role(role_id)
        return found if found is not None else Role(role_id, role_id)

    def badge(role_id: str) -> Markup:
        role = role_of(role_id)
        return role_badge(role, role_href(role), lane.get(role_id, 0))

    def form(form_id: str) -> FormLink:
        found = r.handbook.form(form_id)
        return FormLink(form_href(form_id), found.name if found else form_id)

    def target(target_id: str) -> Markup:
        if target_id == END:
            return target_link(None, r.labels.end)
        step = procedure.step(target_id)
        return target_link(paths.step_anchor(target_id), step.title if step else target_id)

    def speaker(line: SayLine) -> str:
        return role_of(line.role).name if line.role is not None else line.speaker or ""

    return StepLinks(badge, form, target, speaker)


def latest_change(procedure: Procedure) -> str:
    """The date of the newest revision (or the effective date), as YYYY-MM-DD."""
    dates = [rev.date.isoformat() for rev in procedure.revisions] or [procedure.effective.isoformat()]
    return max(dates)


def home_page(r: PageRenderer, recent_count: int = 8) -> str:
    page = paths.HOME
    hb = r.handbook
    sections = section_cards(hb, page, None)
    ordered = sorted(hb.procedures, key=lambda p: (latest_change(p), p.id), reverse=True)[:recent_count]
    recent = [
        {
            "procedure": p,
            "href": paths.relative_url(page, paths.procedure_page(p)),
            "date": latest_change(p),
            "section_title": section_title(hb, p.section),
        }
        for p in ordered
    ]
    labels = r.labels
    indexes = [{"title": title, "href": paths.relative_url(page, target)} for title, target in index_pages(labels)]
    register = {"href": paths.relative_url(page, paths.REGISTER), "count": item_count(hb.procedures, labels)}
    return r.render("home.md.j2", page, sections=sections, recent=recent, indexes=indexes, register=register)


def index_pages(labels: Labels) -> list[tuple[str, str]]:
    return [
        (labels.roles_index, paths.ROLES_INDEX),
        (labels.forms_index, paths.FORMS_INDEX),
        (labels.tags_index, paths.TAGS_INDEX),
        (labels.glossary, paths.GLOSSARY),
        (labels.review_calendar, paths.REVIEW_CALENDAR),
        (labels.register, paths.REGISTER),
    ]


def roles_index_page(r: PageRenderer, entries: tuple[RoleEntry, ...], grouped: tuple[RoleGroup, ...]) -> str:
    """The table of roles; one table per area, under the area's title, when the roles are grouped."""
    page = paths.ROLES_INDEX

    def rows(chosen: tuple[RoleEntry, ...]) -> list[dict[str, object]]:
        return [{"entry": e, "href": paths.relative_url(page, paths.role_page(e.slug))} for e in chosen]

    groups = [{"title": g.title(r.labels.roles_elsewhere), "rows": rows(g.entries)} for g in grouped]
    return r.render("roles_index.md.j2", page, groups=groups or [{"title": None, "rows": rows(entries)}])


def role_page(r: PageRenderer, entry: RoleEntry, has_checklist: bool = False) -> str:
    page = paths.role_page(entry.slug)
    checklist_href = paths.relative_url(page, paths.role_checklist_page(entry.slug)) if has_checklist else None

    def with_links(duties: tuple[Duty, ...]) -> list[tuple[Duty, str]]:
        """Each duty with the link to its step."""
        return [
            (duty, paths.relative_url(page, paths.procedure_page(duty.procedure), paths.step_anchor(duty.step.id)))
            for duty in duties
        ]

    return r.render(
        "role.md.j2",
        page,
        entry=entry,
        timed_duties=with_links(entry.timed_duties),
        duties_by_procedure=[(procedure, with_links(duties)) for procedure, duties in entry.duties_by_procedure],
        procedure_href=r.procedure_href(page),
        checklist_href=checklist_href,
    )
