"""The print document of a checklist sheet: a small standalone HTML page that a PDF engine lays out.

It is made from the model, not from the built site, so the core needs no MkDocs.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.render import paths
from generator.render.checklist.qr import qr_svg
from generator.render.checklist.sheets import Sheet
from generator.render.labels import Labels, labels_for
from generator.render.templating import clean_text, environment

HTML_LANGUAGE = {"zh": "zh-Hans", "en": "en"}
_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def css_string(text: str) -> str:
    """A CSS string literal that is also safe inside an HTML <style> element."""
    escaped = clean_text(text).replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\A ").replace("<", "\\3C ").replace(">", "\\3E ")
    return f'"{escaped}"'


def page_counter_content(template: str) -> str:
    """A label such as "第 {page} 页，共 {pages} 页" as CSS ``content`` with page counters."""
    parts: list[str] = []
    for index, piece in enumerate(_PLACEHOLDER.split(template)):
        if index % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def _footer_text(sheet: Sheet, labels: Labels) -> str:
    if sheet.for_role:
        return f"{sheet.title} · {labels.format('sheet_current_from', date=sheet.effective.isoformat())}"
    p = sheet.procedures[0]
    return f"{sheet.title} · {labels.format('printed_version', version=p.version, date=p.effective.isoformat())}"


def print_html(sheet: Sheet, language: str, site_url: str | None) -> str:
    """A standalone HTML document of one sheet, for A4 paper; deterministic for the same input."""
    labels = labels_for(language)
    url = paths.canonical_url(site_url, sheet.page)
    stamp = f"{sheet.effective.isoformat()}T00:00:00Z"
    return (
        environment()
        .get_template("print_sheet.html.j2")
        .render(
            L=labels,
            s=sheet,
            lang=HTML_LANGUAGE.get(language, language),
            stamp=stamp,
            url=url,
            qr_svg=Markup(qr_svg(url, labels.qr_caption)) if url else None,
            footer_content=Markup(css_string(_footer_text(sheet, labels))),
            page_content=Markup(page_counter_content(labels.page_x_of_y)),
        )
    )
