"""What a printed sheet says, as plain data for the PDF layout (``templates/print_sheet.typ``).

Every text is worded here, from the sheet model and the handbook's labels; the layout only
places it. The layout receives this data as JSON and shows every value as text, so nothing an
editor writes is ever read as markup. The site's checklist page renders the same ``Sheet``
(``templates/_sheet.html.j2``), and a test compares the two renderings' text.
"""

from __future__ import annotations

import re
from typing import Any

from generator.render import paths
from generator.render.checklist.qr import qr_svg
from generator.render.checklist.sheets import Sheet, SheetItem
from generator.render.document_control import shown, version_line
from generator.render.labels import Labels, labels_for
from generator.render.templating import clean_text

_PAGE_PLACEHOLDER = re.compile(r"\{(page|pages)\}")
LIST_SEPARATOR = "、"


def _version_line(labels: Labels, sheet: Sheet, index: int = 0) -> str:
    return version_line(labels, sheet.procedures[index])


def _signoff(sheet: Sheet, field: str, role_id: str, labels: Labels) -> str:
    return shown(sheet.procedures[0], field, sheet.role_name(role_id), labels)


def _current_from(labels: Labels, sheet: Sheet) -> str:
    return labels.format("sheet_current_from", date=sheet.effective.isoformat())


def _role_header(sheet: Sheet, labels: Labels) -> dict[str, Any]:
    first = [f"{labels.code}：{LIST_SEPARATOR.join(sheet.role_codes)}"] if sheet.role_codes else []
    sources = [f"{p.title} {p.id} · {_version_line(labels, sheet, i)}" for i, p in enumerate(sheet.procedures)]
    return {
        "lines": [[*first, _current_from(labels, sheet)]],
        "sources_title": f"{labels.sheet_sources}：",
        "sources": sources,
    }


def _procedure_header(sheet: Sheet, labels: Labels) -> dict[str, Any]:
    procedure = sheet.procedures[0]
    lines = [[f"{labels.id}：{procedure.id}", _version_line(labels, sheet)]]
    settings = sheet.settings
    if settings is not None:
        kind = labels.get("checklist_type_" + settings.type.value.lower().replace("-", "_"))
        line = [f"{labels.checklist_type}：{kind}"]
        if settings.read_by:
            line.append(f"{labels.checklist_read_by}：{_signoff(sheet, 'read_by', settings.read_by, labels)}")
        if settings.confirmed_by:
            line.append(
                f"{labels.checklist_confirmed_by}：{_signoff(sheet, 'confirmed_by', settings.confirmed_by, labels)}"
            )
        lines.append(line)
    return {"lines": lines, "sources_title": None, "sources": []}


def _condition(item: SheetItem, labels: Labels) -> str | None:
    if item.branch is None:
        return None
    return labels.branch_otherwise if item.branch.otherwise else labels.format("branch_if", label=item.branch.label)


def _item(sheet: Sheet, item: SheetItem, group_procedure_title: str, labels: Labels) -> dict[str, Any]:
    source = item.procedure.title if item.procedure else group_procedure_title
    return {
        "clock": item.clock,
        "condition": _condition(item, labels),
        "text": item.text,
        "confirm": item.confirm,
        "when": list(item.when),
        "side": source if sheet.for_role else item.role,
        "side_small": sheet.for_role,
    }


def _groups(sheet: Sheet, labels: Labels) -> list[dict[str, Any]]:
    return [
        {
            "title": group.title,
            "source": labels.format("sheet_from_procedure", title=group.procedure.title) if sheet.for_role else None,
            "items": [_item(sheet, item, group.procedure.title, labels) for item in group.items],
        }
        for group in sheet.groups
    ]


def page_label_parts(template: str) -> list[dict[str, str]]:
    """A label such as "第 {page} 页，共 {pages} 页" as text and page-counter parts."""
    parts: list[dict[str, str]] = []
    for index, piece in enumerate(_PAGE_PLACEHOLDER.split(template)):
        if index % 2:
            parts.append({"counter": piece})
        elif piece:
            parts.append({"text": piece})
    return parts


def _footer(sheet: Sheet, labels: Labels) -> str:
    when = _current_from(labels, sheet) if sheet.for_role else _version_line(labels, sheet)
    return f"{sheet.title} · {when}"


def _clean(value: Any) -> Any:
    """Every text with control and format characters a page cannot show removed."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def print_data(sheet: Sheet, language: str, site_url: str | None) -> dict[str, Any]:
    """Everything the printed ``sheet`` shows, worded in ``language``; deterministic for the same input."""
    labels = labels_for(language)
    url = paths.canonical_url(site_url, sheet.page)
    header = _role_header(sheet, labels) if sheet.for_role else _procedure_header(sheet, labels)
    footer = _footer(sheet, labels)
    data = {
        "language": language,
        "title": labels.format("checklist_title", title=sheet.title),
        "date": [sheet.effective.year, sheet.effective.month, sheet.effective.day],
        "header": header,
        "qr": qr_svg(url, labels.qr_caption) if url else None,
        "qr_caption": labels.qr_caption,
        "qr_missing": labels.qr_missing,
        "groups": _groups(sheet, labels),
        "empty": labels.checklist_empty,
        "signoff": labels.signoff,
        "signoff_fields": [
            labels.signoff_staff,
            labels.signoff_datetime,
            labels.signoff_shift,
            labels.signoff_supervisor,
        ],
        "closing": f"{footer} · {labels.format('sheet_url', url=url)}" if url else footer,
        "page_footer": footer,
        "page_label": page_label_parts(labels.page_x_of_y),
    }
    return dict(_clean(data))
