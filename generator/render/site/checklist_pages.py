"""The checklist pages of the site: one per procedure, one per role, and their index."""

from __future__ import annotations

from markupsafe import Markup

from generator.render import paths
from generator.render.checklist.qr import qr_svg
from generator.render.checklist.sheets import Sheet
from generator.render.site.pages import PageRenderer
from generator.render.site.section_pages import section_title


def sheet_qr(sheet: Sheet, site_url: str | None, title: str) -> tuple[str | None, Markup | None]:
    """The sheet's canonical URL and its QR code, or (None, None) when the site has no address."""
    url = paths.canonical_url(site_url, sheet.page)
    return url, (Markup(qr_svg(url, title)) if url else None)


def checklist_page(r: PageRenderer, sheet: Sheet, role_slug: str | None = None) -> str:
    """A printable checklist page; ``role_slug`` links a role sheet back to its role page."""
    page = sheet.page
    url, svg = sheet_qr(sheet, r.site_url, r.labels.qr_caption)
    if sheet.for_role and role_slug is not None:
        back = [(r.labels.role_checklist_role_link, paths.relative_url(page, paths.role_page(role_slug)))]
    else:
        back = [
            (r.labels.checklist_procedure_link, paths.relative_url(page, paths.procedure_page(p)))
            for p in sheet.procedures
        ]
    return r.render(
        "checklist.md.j2",
        page,
        s=sheet,
        qr_svg=svg,
        url=url,
        pdf_href=paths.relative_url(page, sheet.pdf),
        back_links=back,
    )


def checklists_index_page(r: PageRenderer, role_sheets: tuple[Sheet, ...]) -> str:
    page = paths.CHECKLISTS_INDEX
    sections = []
    for section in r.handbook.sections:
        rows = [
            {
                "title": p.title,
                "href": paths.relative_url(page, paths.checklist_page(p)),
                "pdf_href": paths.relative_url(page, paths.checklist_pdf(p)),
                "count": sum(1 for s in p.steps if s.checklist is not None),
            }
            for p in r.handbook.in_section(section.path)
        ]
        if rows:  # a nested section is headed by its whole trail, its anchor made from its folder
            title = section_title(r.handbook, section.path)
            sections.append({"title": title, "id": section.path.replace("/", "--"), "rows": rows})
    roles = [
        {
            "title": s.title,
            "href": paths.relative_url(page, s.page),
            "pdf_href": paths.relative_url(page, s.pdf),
            "count": s.item_count,
        }
        for s in role_sheets
    ]
    return r.render(
        "checklists_index.md.j2",
        page,
        sections=sections,
        roles=roles,
        bundle_href=paths.relative_url(page, paths.CHECKLISTS_BUNDLE),
    )
