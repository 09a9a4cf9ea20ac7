"""Section pages, the breadcrumbs of a nested handbook, and the section tree of the navigation.

A one-level handbook (every section at the top) renders as it always has: no breadcrumbs, a
section page with its table of procedures. With subsections, every procedure and section page
carries the trail of its sections, and a section page lists its subsections before its own
procedures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from generator.model.handbook import Handbook, Procedure
from generator.render import paths
from generator.render.templating import plain

if TYPE_CHECKING:  # the page renderer uses these helpers for the home and procedure pages
    from generator.render.site.pages import PageRenderer

NavItem = str | dict[str, Any]


def nav_title(text: str) -> str:
    """A title for the navigation: themes print nav titles as HTML, unescaped, so escape it here."""
    return str(plain(text))


def trail(handbook: Handbook, page: str, sections: str, *, include_last: bool = True) -> list[dict[str, str]]:
    """The breadcrumbs of ``page``: each section from the top down to ``sections``, with its link."""
    if not handbook.nested:
        return []
    found = handbook.ancestors(sections)
    shown = found if include_last else found[:-1]
    return [{"title": s.title, "href": paths.relative_url(page, paths.section_page(s.path))} for s in shown]


def section_cards(handbook: Handbook, page: str, parent: str | None) -> list[dict[str, Any]]:
    """The sections directly inside ``parent`` (the top level for None), each with its link and count."""
    return [
        {
            "section": s,
            "href": paths.relative_url(page, paths.section_page(s.path)),
            "count": handbook.count_under(s.path),
        }
        for s in handbook.subsections(parent)
    ]


def section_page(r: PageRenderer, path: str) -> str:
    page = paths.section_page(path)
    hb = r.handbook
    rows = [{"procedure": p, "href": paths.relative_url(page, paths.procedure_page(p))} for p in hb.in_section(path)]
    return r.render(
        "section.md.j2",
        page,
        section=hb.section(path),
        rows=rows,
        children=section_cards(hb, page, path),
        trail=trail(hb, page, path, include_last=False),
    )


def section_title(handbook: Handbook, path: str) -> str:
    """The name of the section at ``path`` as a list shows it: its title, after its parents' when it has any."""
    return " / ".join(s.title for s in handbook.ancestors(path)) or path


def section_tree(
    handbook: Handbook, entry: Callable[[Procedure], NavItem], parent: str | None = None, *, with_index: bool
) -> list[NavItem]:
    """The navigation of the sections inside ``parent``: each with its subsections, then its procedures.

    ``entry`` makes a procedure's item (its page, or its checklist); a section without any
    procedure below it is left out unless ``with_index`` gives every section its own page.
    """
    items: list[NavItem] = []
    for section in handbook.subsections(parent):
        children: list[NavItem] = [paths.section_page(section.path)] if with_index else []
        children += section_tree(handbook, entry, section.path, with_index=with_index)
        children += [entry(p) for p in handbook.in_section(section.path)]
        if with_index or children:
            items.append({nav_title(section.title): children})
    return items
