"""Index pages built from the data: forms, tags, glossary and the review calendar."""

from __future__ import annotations

from typing import Any

from generator.model.handbook import Procedure
from generator.render import paths
from generator.render.document_control import shown
from generator.render.site.pages import PageRenderer, tag_anchors
from generator.render.site.provenance_views import provenance_items


def _form_uses(r: PageRenderer, page: str) -> dict[str, list[dict[str, Any]]]:
    """Where each form is used: the steps that name it, else the procedures that list it."""
    uses: dict[str, list[dict[str, Any]]] = {}
    for procedure in r.handbook.procedures:
        target = paths.procedure_page(procedure)
        href = paths.relative_url(page, target)
        in_steps: dict[str, list[dict[str, Any]]] = {}
        for phase_no, phase in enumerate(procedure.phases, start=1):
            for step_no, step in enumerate(phase.steps, start=1):
                for form_id in dict.fromkeys(step.forms):
                    in_steps.setdefault(form_id, []).append(
                        {
                            "procedure": procedure,
                            "href": href,
                            "step": step,
                            "number": f"{phase_no}.{step_no}",
                            "step_href": paths.relative_url(page, target, paths.step_anchor(step.id)),
                        }
                    )
        for form_id, step_uses in in_steps.items():
            uses.setdefault(form_id, []).extend(step_uses)
        for form_id in procedure.forms:
            if form_id not in in_steps:
                uses.setdefault(form_id, []).append({"procedure": procedure, "href": href, "step": None})
    return uses


def forms_page(r: PageRenderer) -> str:
    page = paths.FORMS_INDEX
    uses = _form_uses(r, page)
    forms = [
        {"form": form, "anchor": paths.form_anchor(form.id), "uses": uses.get(form.id, [])} for form in r.handbook.forms
    ]
    return r.render("forms.md.j2", page, forms=forms)


def tags_page(r: PageRenderer) -> str:
    page = paths.TAGS_INDEX
    anchors = tag_anchors(r.handbook)
    tags = [
        {
            "tag": tag,
            "anchor": anchor,
            "rows": [
                {"procedure": p, "href": paths.relative_url(page, paths.procedure_page(p))}
                for p in r.handbook.procedures
                if tag in p.tags
            ],
        }
        for tag, anchor in anchors.items()
    ]
    return r.render("tags.md.j2", page, tags=tags)


def glossary_page(r: PageRenderer) -> str:
    page = paths.GLOSSARY
    entries: list[dict[str, Any]] = [
        {"term": g.term, "definition": g.definition, "aliases": g.aliases, "procedure": None}
        for g in r.handbook.glossary
    ]
    for procedure in r.handbook.procedures:
        for d in procedure.definitions:
            href = paths.relative_url(page, paths.procedure_page(procedure), "definitions")
            entries.append(
                {"term": d.term, "definition": d.definition, "aliases": (), "procedure": procedure, "href": href}
            )
    entries.sort(key=lambda e: (e["term"].casefold(), e["procedure"].id if e["procedure"] else ""))
    for index, entry in enumerate(entries, start=1):
        entry["anchor"] = f"term-{index}"
    return r.render("glossary.md.j2", page, entries=entries)


def review_page(r: PageRenderer) -> str:
    page = paths.REVIEW_CALENDAR
    months: dict[str, list[dict[str, Any]]] = {}
    ordered: list[Procedure] = sorted(r.handbook.procedures, key=lambda p: (p.review_by, p.id))
    for procedure in ordered:
        months.setdefault(procedure.review_by.strftime("%Y-%m"), []).append(
            {
                "procedure": procedure,
                "href": paths.relative_url(page, paths.procedure_page(procedure)),
                "overdue": procedure.review_by < r.today,
            }
        )
    return r.render("review.md.j2", page, months=[{"label": k, "rows": v} for k, v in months.items()])


def register_page(r: PageRenderer) -> str:
    """Every inferred or pending item of the handbook, once, by owner and then procedure, with links."""
    page = paths.REGISTER
    owners: dict[str, list[dict[str, Any]]] = {}
    for procedure in sorted(r.handbook.procedures, key=lambda p: (shown(p, "owner", p.owner, r.labels), p.id)):
        items = provenance_items(procedure, r.labels)
        if not items:
            continue
        href = paths.relative_url(page, paths.procedure_page(procedure))
        owner = shown(procedure, "owner", procedure.owner, r.labels)
        owners.setdefault(owner, []).append({"procedure": procedure, "href": href, "rows": items})
    groups = [{"owner": owner, "procedures": entries} for owner, entries in owners.items()]
    return r.render("register.md.j2", page, groups=groups)
