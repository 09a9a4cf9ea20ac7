"""Write a layout as a standalone SVG document (also valid inlined in HTML)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.render.flowchart.geometry import Point, Rect
from generator.render.flowchart.graph import NodeKind
from generator.render.flowchart.layout_model import EdgeLine, Layout, NodeBox, TextBlock
from generator.render.flowchart.style import stylesheet
from generator.render.flowchart.text import escape_attribute, escape_text, is_wide, spoken

SVG_NS = "http://www.w3.org/2000/svg"
_CORNER = 5.0
_BASELINE = 0.36
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")


@lru_cache(maxsize=65536)
def num(value: float) -> str:
    """Fixed formatting: one decimal at most, no trailing ``.0``, never ``-0`` (remembered: charts reuse numbers)."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def safe_id_prefix(prefix: str) -> str:
    """The prefix with anything but ASCII letters, digits, ``_``, ``.`` and ``-`` replaced by ``-``."""
    return _UNSAFE_ID.sub("-", prefix)


def _rect_attrs(rect: Rect) -> str:
    return f'x="{num(rect.x)}" y="{num(rect.y)}" width="{num(rect.width)}" height="{num(rect.height)}"'


def text_element(block: TextBlock, css_class: str) -> str:
    if not block.lines:
        return ""
    rect, line_height, lift = block.rect, block.line_height, _BASELINE * block.font_size
    x = num(rect.x + rect.width / 2)
    spans = []
    for index, line in enumerate(block.lines):
        baseline = rect.y + (index + 0.5) * line_height + lift
        spans.append(f'<tspan x="{x}" y="{num(baseline)}">{escape_text(line)}</tspan>')
    return f'<text class="{css_class}" text-anchor="middle">{"".join(spans)}</text>'


def _corner(before: Point, corner: Point, after: Point) -> str:
    """A line to just before ``corner`` and a quarter-round turn onto the next segment."""
    x, y = corner
    room_in = abs(x - before.x) + abs(y - before.y)
    room_out = abs(after.x - x) + abs(after.y - y)
    radius = min(_CORNER, room_in / 2, room_out / 2)
    start_x, start_y, end_x, end_y = x, y, x, y  # then ``radius`` towards the points before and after
    if room_in:
        start_x, start_y = x + (before.x - x) * radius / room_in, y + (before.y - y) * radius / room_in
    if room_out:
        end_x, end_y = x + (after.x - x) * radius / room_out, y + (after.y - y) * radius / room_out
    return f"L{num(start_x)},{num(start_y)}Q{num(x)},{num(y)} {num(end_x)},{num(end_y)}"


def path_data(points: Sequence[Point]) -> str:
    (first_x, first_y), (last_x, last_y) = points[0], points[-1]
    corners = "".join(map(_corner, points, points[1:], points[2:]))
    return f"M{num(first_x)},{num(first_y)}{corners}L{num(last_x)},{num(last_y)}"


def _edge(edge: EdgeLine) -> str:
    """The edge's path, up to the id of its arrowhead marker."""
    css = "hb-flow-edge hb-flow-edge-back" if edge.back else "hb-flow-edge"
    return f'<path class="{css}" d="{path_data(edge.points)}" marker-end="url(#'


def _shape(node: NodeBox) -> str:
    rect = node.rect
    if node.kind is NodeKind.DECISION:
        c = rect.center
        corners = [(c.x, rect.y), (rect.right, c.y), (c.x, rect.bottom), (rect.x, c.y)]
        points = " ".join(f"{num(x)},{num(y)}" for x, y in corners)
        return f'<polygon class="hb-flow-decision" points="{points}"/>'
    if node.kind is NodeKind.PROCESS:
        return f'<rect class="hb-flow-box" {_rect_attrs(rect)} rx="4"/>'
    radius = min(rect.height / 2, 18.0)
    return f'<rect class="hb-flow-terminal hb-flow-{node.kind.value}" {_rect_attrs(rect)} rx="{num(radius)}"/>'


def _node(node: NodeBox) -> str:
    step = f' data-step="{escape_attribute(node.step_id)}"' if node.step_id is not None else ""
    text = text_element(node.text, "hb-flow-text")
    return f'<g class="hb-flow-node hb-flow-node-{node.kind.value}"{step}>{_shape(node)}{text}</g>'


def _linked(node: NodeBox, body: str, step_href: Callable[[str], str] | None) -> str:
    if step_href is None or node.step_id is None:
        return body
    return f'<a href="{escape_attribute(step_href(node.step_id))}">{body}</a>'


def _frame(layout: Layout) -> list[str]:
    parts = [f'<rect class="hb-flow-canvas" x="0" y="0" width="{num(layout.width)}" height="{num(layout.height)}"/>']
    for index, band in enumerate(layout.bands):
        if index % 2:
            parts.append(f'<rect class="hb-flow-band" {_rect_attrs(band.rect)}/>')
    first = layout.lanes[0].rect.x
    for band in layout.bands:
        phase = Rect(band.rect.x, band.rect.y, first - band.rect.x, band.rect.height)
        parts.append(f'<rect class="hb-flow-phase" {_rect_attrs(phase)}/>')
        parts.append(text_element(band.label, "hb-flow-phase-label"))
    parts.append(f'<rect class="hb-flow-head" {_rect_attrs(layout.header)}/>')
    parts += [_line(lane.rect.x, lane.rect.y, lane.rect.x, lane.rect.bottom) for lane in layout.lanes]
    parts += [_line(band.rect.x, band.rect.y, band.rect.right, band.rect.y) for band in layout.bands]
    outline = Rect(layout.header.x, layout.header.y, layout.header.width, layout.height - 2 * layout.header.y)
    parts.append(f'<rect class="hb-flow-grid" {_rect_attrs(outline)}/>')
    for lane in layout.lanes:
        parts.append(text_element(lane.name_text, "hb-flow-lane-name"))
        if lane.code_text is not None:
            parts.append(text_element(lane.code_text, "hb-flow-lane-code"))
    return [part for part in parts if part]


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<path class="hb-flow-grid" d="M{num(x1)},{num(y1)}L{num(x2)},{num(y2)}"/>'


def _marker(marker: str) -> str:
    return (
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9"'
        ' markerUnits="userSpaceOnUse" orient="auto">'
        '<path class="hb-flow-arrowhead" d="M0,1L10,5L0,9z"/></marker></defs>'
    )


@dataclass(frozen=True)
class Drawing:
    """The parts of a chart's SVG that depend on its layout only, not on ids or links.

    The site writes each chart twice (inlined in its page and as a file), with
    different links but the same layout: these parts are drawn once for both.
    """

    layout: Layout
    frame: tuple[str, ...]
    edges: tuple[str, ...]
    nodes: tuple[str, ...]
    labels: tuple[str, ...]


def _after_question(question: str) -> str:
    """What separates a decision's question from its condition: a question mark already does."""
    if question and unicodedata.category(question[-1]).startswith("P"):
        return " "
    return "：" if question and is_wide(question[-1]) else ": "


def _branch(edge: EdgeLine, label: TextBlock, layout: Layout) -> str:
    """A branch's label, named for screen readers as the arrow it labels: "question: condition → target"
    (the label alone would be read after every box, apart from its arrow); the name is its tooltip too."""
    source, target = (spoken(layout.node(end).text.lines) for end in (edge.source, edge.target))
    name = escape_attribute(f"{source}{_after_question(source)}{spoken(label.lines)} → {target}")
    text = text_element(label, "hb-flow-edge-label")
    return f'<g class="hb-flow-branch" role="img" aria-label="{name}"><title>{name}</title>{text}</g>'


def draw(layout: Layout) -> Drawing:
    labels = (_branch(edge, edge.label, layout) for edge in layout.edges if edge.label is not None)
    edges = tuple(_edge(edge) for edge in layout.edges)
    return Drawing(layout, tuple(_frame(layout)), edges, tuple(_node(node) for node in layout.nodes), tuple(labels))


def _group(css_class: str, parts: Sequence[str]) -> list[str]:
    return [f'<g class="{css_class}">', *parts, "</g>"]


def write_drawing(
    drawing: Drawing, *, title: str, desc: str, step_href: Callable[[str], str] | None, id_prefix: str
) -> str:
    layout = drawing.layout
    prefix = safe_id_prefix(id_prefix)
    title_id, desc_id, marker = f"{prefix}flow-title", f"{prefix}flow-desc", f"{prefix}flow-arrow"
    size = f'width="{num(layout.width)}" height="{num(layout.height)}"'
    # An image's content is presentational: with links inside, the chart must be a group instead.
    role = "img" if step_href is None else "group"
    arrow = f'{marker})"/>'
    parts = [
        f'<svg xmlns="{SVG_NS}" class="hb-flow" viewBox="0 0 {num(layout.width)} {num(layout.height)}" {size}'
        f' role="{role}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape_text(title)}</title>',
        f'<desc id="{desc_id}">{escape_text(desc)}</desc>',
        f"<style>\n{stylesheet()}\n</style>",
        _marker(marker),
        f'<g id="{prefix}flow-body" class="hb-flow">',  # the class styles its copies in print pages
        *_group("hb-flow-frame", drawing.frame),
        *_group("hb-flow-edges", [edge + arrow for edge in drawing.edges]),
        *_group("hb-flow-nodes", [_linked(*pair, step_href) for pair in zip(layout.nodes, drawing.nodes, strict=True)]),
        *_group("hb-flow-labels", drawing.labels),
        "</g>",
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def write_lane_strip(layout: Layout) -> str:
    """The chart's lane headers alone, as a strip as wide as the chart (for a page to keep in view
    while the chart scrolls under it). Hidden from screen readers: the chart itself names the lanes.

    Its negative bottom margin lets the chart below slide up under it, so that at rest the strip
    covers the chart's own header exactly; it takes its colours from the chart's stylesheet.
    """
    width, height = layout.width, layout.header.bottom + layout.header.y
    first = layout.lanes[0].rect.x
    corner = Rect(layout.header.x, layout.header.y, first - layout.header.x, layout.header.height)
    parts = [
        f'<svg xmlns="{SVG_NS}" class="hb-flow hb-flow-lanes" viewBox="0 0 {num(width)} {num(height)}"'
        f' width="{num(width)}" height="{num(height)}" aria-hidden="true" focusable="false"'
        f' style="margin-bottom:-{num(height)}px">',
        f'<rect class="hb-flow-canvas" x="0" y="0" width="{num(width)}" height="{num(height)}"/>',
        f'<rect class="hb-flow-phase" {_rect_attrs(corner)}/>',
        f'<rect class="hb-flow-head" {_rect_attrs(layout.header)}/>',
        *(_line(lane.rect.x, lane.header.y, lane.rect.x, lane.header.bottom) for lane in layout.lanes),
        f'<rect class="hb-flow-grid" {_rect_attrs(layout.header)}/>',
    ]
    for lane in layout.lanes:
        parts.append(text_element(lane.name_text, "hb-flow-lane-name"))
        if lane.code_text is not None:
            parts.append(text_element(lane.code_text, "hb-flow-lane-code"))
    parts.append("</svg>")
    return "\n".join(part for part in parts if part) + "\n"
