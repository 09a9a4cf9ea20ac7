"""Build-time SVG flowcharts: one swimlane per role, phases as bands, steps along the flow.

The one entry point is :func:`render_flowchart`; :func:`generator.render.flowchart.layout.layout_flowchart`
gives the same chart as a typed geometry object (boxes, edge polylines) for inspection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from generator.model.handbook import Procedure
from generator.render.flowchart.graph import LaneInfo
from generator.render.flowchart.layout import layout_flowchart
from generator.render.flowchart.print_pages import write_print_pages
from generator.render.flowchart.svg import Drawing, draw, safe_id_prefix, write_drawing, write_lane_strip
from generator.render.flowchart.text import display_text

__all__ = ["render_flowchart", "render_lane_strip", "render_print_pages"]


def _lane_name(lane: LaneInfo) -> str:
    name = display_text(lane.name)
    return f"{name}（{display_text(lane.code)}）" if lane.code else name


def _summary(procedure: Procedure, lanes: tuple[LaneInfo, ...]) -> str:
    names = "、".join(_lane_name(lane) for lane in lanes)
    phases = sum(1 for phase in procedure.phases if phase.steps)
    title, steps = display_text(procedure.title), len(procedure.steps)
    return f"{title}：{len(lanes)} 个泳道（{names}），{phases} 个阶段，{steps} 个步骤。"


class _Drawn(NamedTuple):
    """A chart drawn up to its ids and links, with its title and its description."""

    drawing: Drawing
    title: str
    desc: str


# The site draws each chart twice, inlined in its page and as a file of its own; the layout and
# the parts of the SVG that depend on it alone, nearly all the work, are the same both times
# and are kept for the procedure drawn last.
_last: list[tuple[Procedure, str, str, _Drawn]] = []


def _drawn(procedure: Procedure, start_label: str, end_label: str) -> _Drawn:
    if _last and _last[0][0] is procedure and _last[0][1:3] == (start_label, end_label):
        return _last[0][3]
    drawing = draw(layout_flowchart(procedure, start_label=start_label, end_label=end_label))
    lanes = tuple(LaneInfo(lane.role_id, lane.name, lane.code) for lane in drawing.layout.lanes)
    drawn = _Drawn(drawing, display_text(procedure.title), _summary(procedure, lanes))
    _last[:] = [(procedure, start_label, end_label, drawn)]
    return drawn


def render_flowchart(
    procedure: Procedure,
    *,
    start_label: str,
    end_label: str,
    step_href: Callable[[str], str] | None = None,
    title_id_prefix: str = "",
) -> str:
    """The procedure as a standalone swimlane flowchart SVG document.

    ``start_label``/``end_label`` are the texts of the terminators; ``step_href``
    (if given) maps a step id to the link each step box (and decision diamond)
    gets; ``title_id_prefix`` starts every id in the document so that several
    charts can be inlined in one page (characters other than ASCII letters,
    digits, ``_``, ``.`` and ``-`` become ``-``). Same input, same bytes.
    """
    drawn = _drawn(procedure, start_label, end_label)
    return write_drawing(
        drawn.drawing, title=drawn.title, desc=drawn.desc, step_href=step_href, id_prefix=title_id_prefix
    )


def render_lane_strip(procedure: Procedure, *, start_label: str, end_label: str) -> str:
    """The lane headers of the procedure's chart as an SVG strip of their own (see ``write_lane_strip``),
    for a page to keep in view above the chart while it scrolls."""
    return write_lane_strip(_drawn(procedure, start_label, end_label).drawing.layout)


def render_print_pages(procedure: Procedure, *, start_label: str, end_label: str, title_id_prefix: str) -> str:
    """The chart cut into printed pages (see ``write_print_pages``), each a window on the chart drawn
    by :func:`render_flowchart` with the same ``title_id_prefix`` in the same page."""
    layout = _drawn(procedure, start_label, end_label).drawing.layout
    return write_print_pages(layout, f"{safe_id_prefix(title_id_prefix)}flow-body")
