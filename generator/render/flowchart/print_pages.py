"""A chart cut into printed pages: each a window on the chart with the phase column and the lane headers
repeated, at a scale that keeps the smallest text at 7 pt or more.

The windows show the chart drawn once in the page (``<use>`` of its body by id), so they add only a
few elements; the page's print stylesheet shows them instead of the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.render.flowchart import metrics as m
from generator.render.flowchart.layout_model import Layout
from generator.render.flowchart.svg import SVG_NS, num

# A4 landscape less 10 mm margins, in CSS px (96 per inch).
PAGE_WIDTH_PX = 277 / 25.4 * 96
PAGE_HEIGHT_PX = 190 / 25.4 * 96
SMALLEST_FONT = min(m.FONT_SIZE, m.LABEL_FONT_SIZE, m.CODE_FONT_SIZE, m.PHASE_FONT_SIZE)
PRINT_SCALE = (7 / 72 * 96) / SMALLEST_FONT * 1.02  # the smallest text at just over 7 pt
_KEEP_CLEAR = 4.0


def lane_groups(layout: Layout, room: float) -> list[tuple[float, float]]:
    """(x, width) of each run of whole lanes that fits ``room`` user units (a wider lane alone)."""
    groups: list[tuple[float, float]] = []
    for lane in layout.lanes:
        x, width = lane.rect.x, lane.rect.width
        if groups and groups[-1][1] + width <= room:
            groups[-1] = (groups[-1][0], groups[-1][1] + width)
        else:
            groups.append((x, width))
    return groups


def _busy(layout: Layout) -> list[tuple[float, float]]:
    """The y intervals where a box or a label is drawn (a cut there would halve it)."""
    spans = [(n.rect.y - _KEEP_CLEAR, n.rect.bottom + _KEEP_CLEAR) for n in layout.nodes]
    spans += [(e.label.rect.y - _KEEP_CLEAR, e.label.rect.bottom + _KEEP_CLEAR) for e in layout.edges if e.label]
    return sorted(spans)


def row_cuts(layout: Layout, room: float) -> list[tuple[float, float]]:
    """(y, height) of each slice of the chart below its header, cut between boxes where possible."""
    top, bottom = layout.header.bottom, layout.height
    busy = _busy(layout)
    slices: list[tuple[float, float]] = []
    while top < bottom - 0.5:
        end = min(bottom, top + room)
        if end < bottom:
            end = _clear_cut(busy, top, end)
        slices.append((top, end - top))
        top = end
    return slices


def _clear_cut(busy: Sequence[tuple[float, float]], top: float, end: float) -> float:
    """The lowest y at or above ``end`` outside every busy interval, ``end`` if there is none below ``top``."""
    cut = end
    for low, high in reversed(busy):
        if low < cut < high:
            cut = low
    return cut if cut > top + 1 else end


def _window(x: float, y: float, source: tuple[float, float, float, float], body: str) -> str:
    sx, sy, width, height = source
    return (
        f'<svg x="{num(x)}" y="{num(y)}" width="{num(width)}" height="{num(height)}"'
        f' viewBox="{num(sx)} {num(sy)} {num(width)} {num(height)}"><use href="#{body}"/></svg>'
    )


def write_print_pages(layout: Layout, body_id: str) -> str:
    """One SVG per printed page, each showing a window on the chart whose body has the id ``body_id``."""
    phase_width, head = layout.lanes[0].rect.x, layout.header.bottom
    lanes_room = PAGE_WIDTH_PX / PRINT_SCALE - phase_width
    rows_room = PAGE_HEIGHT_PX / PRINT_SCALE - head
    pages = []
    for y, height in row_cuts(layout, rows_room):
        for x, width in lane_groups(layout, lanes_room):
            total_w, total_h = phase_width + width, head + height
            pages.append(
                f'<svg xmlns="{SVG_NS}" class="hb-flow hb-flow-print" aria-hidden="true" focusable="false"'
                f' viewBox="0 0 {num(total_w)} {num(total_h)}"'
                f' width="{num(total_w * PRINT_SCALE)}" height="{num(total_h * PRINT_SCALE)}">'
                + _window(0, 0, (0, 0, phase_width, head), body_id)
                + _window(phase_width, 0, (x, 0, width, head), body_id)
                + _window(0, head, (0, y, phase_width, height), body_id)
                + _window(phase_width, head, (x, y, width, height), body_id)
                + "</svg>"
            )
    return "\n".join(pages) + "\n"
