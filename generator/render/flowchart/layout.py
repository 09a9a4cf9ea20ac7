"""Lay a procedure out as a swimlane flowchart: one column per role, flow from top to bottom.

1. graph: start, a box per step (and a diamond after each decision), one end
   terminator per arrow into the end;
2. ranks: longest path from the start after breaking back-edges (depth-first
   from the first step), each phase starting below the phase before;
3. placement: nodes sharing a rank and a lane side by side, ordered by the
   position of their predecessors; lanes as wide as their widest row;
4. routing: orthogonal edges through the gutters between rows and the
   channels beside lanes, where nothing else is drawn (see routing.py);
5. tracks: parallel segments sharing a gutter or channel spread apart,
   ordered to avoid crossings; gutters and channels grow to hold them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache

from generator.model.handbook import Procedure
from generator.render.flowchart import metrics as m
from generator.render.flowchart.edges import (
    EdgePlacement,
    EdgeXs,
    GutterTracks,
    assign_ports,
    entry_y,
    polyline,
    untangle_ports,
)
from generator.render.flowchart.exits import clear_stops
from generator.render.flowchart.frame import Columns, Rows, columns, gutter_height, rows
from generator.render.flowchart.geometry import Point, Rect
from generator.render.flowchart.graph import FlowGraph, build_graph
from generator.render.flowchart.layout_model import BandBox, EdgeLine, LaneBox, Layout, NodeBox, TextBlock
from generator.render.flowchart.placement import Placement, place
from generator.render.flowchart.ranking import Ranking, rank_nodes
from generator.render.flowchart.routing import Route, RouteKind, plan_routes
from generator.render.flowchart.sizing import NodeShape, size_nodes, text_block
from generator.render.flowchart.text import wrap_balanced
from generator.render.flowchart.tracks import ChannelItem, channel_tracks


class _Chart:
    """The intermediate results, computed once and shared by the steps below."""

    def __init__(self, graph: FlowGraph) -> None:
        self.graph = graph
        self.ranking: Ranking = rank_nodes(graph)
        self.shapes: dict[str, NodeShape] = size_nodes(graph, self.ranking)
        self.placement: Placement = place(graph, self.ranking, self.shapes)
        self.routes: list[Route] = plan_routes(graph, self.ranking, self.shapes, self.placement)
        self.channel_track = self._channel_tracks()
        self.columns: Columns = columns(
            self.placement.content_width, self._track_counts(), m.MARGIN + m.PHASE_COLUMN_WIDTH
        )
        self.centre_x = {
            node.id: self.columns.content_left[node.lane] + self.placement.offset[node.id] for node in graph.nodes
        }
        self.xs, self.gutter_track = self._edge_xs()

    def _channel_tracks(self) -> dict[int, int]:
        by_channel: dict[tuple[int, int], list[ChannelItem]] = {}
        for route in self.routes:
            if route.channel is not None:
                low, high = sorted((route.out_gutter, route.in_gutter))
                item = ChannelItem(route.edge.index, low, high)
                by_channel.setdefault(route.channel, []).append(item)
        found: dict[int, int] = {}
        for items in by_channel.values():
            found.update(channel_tracks(items))
        return found

    def _track_counts(self) -> dict[tuple[int, int], int]:
        counts: dict[tuple[int, int], int] = {}
        for route in self.routes:
            if route.channel is not None:
                counts[route.channel] = max(counts.get(route.channel, 0), self.channel_track[route.edge.index] + 1)
        return counts

    def _edge_xs(self) -> tuple[EdgeXs, GutterTracks]:
        exit_x = {r.edge.index: self.centre_x[r.edge.source] + r.exit.x for r in self.routes}
        channel_x = {
            r.edge.index: self.columns.channel_x(r.channel[0], r.channel[1], self.channel_track[r.edge.index])
            for r in self.routes
            if r.channel is not None
        }
        approach = {index: channel_x.get(index, x) for index, x in exit_x.items()}
        ports = assign_ports(self.routes, approach, self.shapes, self.centre_x)
        xs = EdgeXs(exit_x, ports, channel_x)
        for _ in range(3):  # ports untangled, then edges that stop beside another's way down moved apart
            xs, tracks = untangle_ports(self.routes, xs, self.shapes, self.centre_x)
            cleared = clear_stops(self.routes, xs, self.shapes, self.centre_x)
            if cleared == xs:
                return xs, tracks
            xs = cleared
        return untangle_ports(self.routes, xs, self.shapes, self.centre_x)

    @cached_property
    def phase_rows(self) -> list[tuple[int, int]]:
        """First and last row of each phase."""
        spans: dict[int, tuple[int, int]] = {}
        for node in self.graph.nodes:
            row = self.ranking.rank[node.id]
            low, high = spans.get(node.phase, (row, row))
            spans[node.phase] = (min(low, row), max(high, row))
        return [spans[phase] for phase in sorted(spans)]

    def gutter_heights(self, boundaries: frozenset[int]) -> list[float]:
        count = self.ranking.rows
        heights = []
        for gutter in range(count + 1):
            tracks = self.gutter_track.get(gutter, {})
            used = max(tracks.values()) + 1 if tracks else 0
            heights.append(gutter_height(used, gutter in (0, count), gutter in boundaries))
        return heights


@lru_cache(maxsize=65536)
def _r(value: float) -> float:
    """Rounded to 0.1 (never -0.0); remembered, as charts reuse the same coordinates."""
    return round(value, 1) + 0.0


def _rect(rect: Rect) -> Rect:
    return Rect(_r(rect.x), _r(rect.y), _r(rect.width), _r(rect.height))


def _placed(block: TextBlock, dx: float, dy: float) -> TextBlock:
    """The block moved by (dx, dy), its rectangle rounded."""
    rect = block.rect
    placed = Rect(_r(rect.x + dx), _r(rect.y + dy), _r(rect.width), _r(rect.height))
    return TextBlock(block.lines, placed, block.font_size, block.line_height, block.bold)


def _lane_texts(chart: _Chart, lane: int) -> tuple[TextBlock, TextBlock | None]:
    info, width = chart.graph.lanes[lane], chart.columns.width[lane] - 2 * m.HEAD_PAD_X
    name = text_block(
        wrap_balanced(info.name, width / m.BOLD_FACTOR, m.HEAD_FONT_SIZE), m.HEAD_FONT_SIZE, m.HEAD_LINE_HEIGHT, True
    )
    code_lines = wrap_balanced(info.code or "", width, m.CODE_FONT_SIZE)
    code = text_block(code_lines, m.CODE_FONT_SIZE, m.CODE_LINE_HEIGHT) if code_lines else None
    return name, code


def _header_height(texts: Sequence[tuple[TextBlock, TextBlock | None]]) -> float:
    heights = [name.rect.height + (code.rect.height if code else 0) for name, code in texts]
    return max([m.HEAD_LINE_HEIGHT, *heights]) + 2 * m.HEAD_PAD_Y


def _lanes(
    chart: _Chart, texts: Sequence[tuple[TextBlock, TextBlock | None]], header: float, height: float
) -> tuple[LaneBox, ...]:
    lanes = []
    for lane, (name, code) in enumerate(texts):
        used = name.rect.height + (code.rect.height if code else 0)
        info, left, width = chart.graph.lanes[lane], chart.columns.left[lane], chart.columns.width[lane]
        x, top = left + width / 2, m.MARGIN + (header - used) / 2
        name_top = top - name.rect.y
        name_bottom = name.rect.y + name_top + name.rect.height  # the moved name's bottom, before rounding
        code_text = _placed(code, x, name_bottom - code.rect.y) if code else None
        rect = Rect(left, m.MARGIN, width, height - 2 * m.MARGIN)
        head = Rect(left, m.MARGIN, width, header)
        lanes.append(
            LaneBox(info.role_id, info.name, info.code, _rect(rect), _rect(head), _placed(name, x, name_top), code_text)
        )
    return tuple(lanes)


def _band_labels(chart: _Chart) -> list[TextBlock]:
    width = m.PHASE_COLUMN_WIDTH - 2 * m.PHASE_PAD
    return [
        text_block(wrap_balanced(phase.title, width, m.PHASE_FONT_SIZE), m.PHASE_FONT_SIZE, m.PHASE_LINE_HEIGHT)
        for phase in chart.graph.phases
    ]


def _band_spans(grid: Rows, spans: Sequence[tuple[int, int]], top: float) -> list[tuple[float, float]]:
    result = []
    for index, (first, last) in enumerate(spans):
        start = top if index == 0 else grid.boundary_y(first)
        end = grid.bottom if index == len(spans) - 1 else grid.boundary_y(last + 1)
        result.append((start, end))
    return result


def _grid(chart: _Chart, header: float, labels: Sequence[TextBlock]) -> Rows:
    spans = chart.phase_rows
    boundaries = frozenset(first for first, _ in spans[1:])
    heights = chart.gutter_heights(boundaries)
    place = chart.placement
    top = m.MARGIN + header
    first = rows(top, place.row_up, place.row_down, heights, boundaries)
    grown = False  # a phase too short for its label grows below its last row
    for (start, end), (_, last), label in zip(_band_spans(first, spans, top), spans, labels, strict=True):
        missing = max(0.0, label.rect.height + 2 * m.PHASE_PAD - (end - start))
        if missing:
            heights[last + 1] += missing
            grown = True
    return rows(top, place.row_up, place.row_down, heights, boundaries) if grown else first


def _bands(chart: _Chart, grid: Rows, header: float, labels: Sequence[TextBlock]) -> tuple[BandBox, ...]:
    spans = _band_spans(grid, chart.phase_rows, m.MARGIN + header)
    bands = []
    for phase, (start, end), label in zip(chart.graph.phases, spans, labels, strict=True):
        rect = Rect(m.MARGIN, start, chart.columns.right - m.MARGIN, end - start)
        centred = _placed(label, m.MARGIN + m.PHASE_COLUMN_WIDTH / 2, start + (end - start) / 2)
        bands.append(BandBox(phase.id, phase.title, _rect(rect), centred))
    return tuple(bands)


def _nodes(chart: _Chart, grid: Rows) -> tuple[NodeBox, ...]:
    boxes = []
    for node in chart.graph.nodes:
        shape, row = chart.shapes[node.id], chart.ranking.rank[node.id]
        x, y = chart.centre_x[node.id], grid.row_centre[row]
        rect = Rect(_r(x - shape.width / 2), _r(y - shape.height / 2), _r(shape.width), _r(shape.height))
        boxes.append(NodeBox(node.id, node.kind, rect, _placed(shape.text, x, y), node.lane, row, node.step_id))
    return tuple(boxes)


def _edges(chart: _Chart, grid: Rows) -> tuple[EdgeLine, ...]:
    centres = {r.edge.index: (chart.centre_x[r.edge.source], grid.row_centre[r.source_row]) for r in chart.routes}
    tops = {
        r.edge.index: entry_y(
            chart.shapes[r.edge.target],
            chart.centre_x[r.edge.target],
            grid.row_centre[r.target_row],
            chart.xs.port[r.edge.index],
        )
        for r in chart.routes
    }
    where = EdgePlacement(grid, chart.xs, chart.gutter_track, centres, tops)
    lines = []
    for route in chart.routes:
        points = tuple(Point(_r(x), _r(y)) for x, y in polyline(route, where))
        centre_x, centre_y = centres[route.edge.index]
        label = _placed(route.exit.label, centre_x, centre_y) if route.exit.label else None
        back = route.kind is RouteKind.CHANNEL and route.back
        lines.append(EdgeLine(route.edge.index, route.edge.source, route.edge.target, points, label, back))
    return tuple(lines)


def layout_flowchart(procedure: Procedure, *, start_label: str, end_label: str) -> Layout:
    """The swimlane layout of a procedure, in SVG user units."""
    chart = _Chart(build_graph(procedure, start_label, end_label))
    labels = _band_labels(chart)
    lane_texts = [_lane_texts(chart, lane) for lane in range(len(chart.graph.lanes))]
    header = _header_height(lane_texts)
    grid = _grid(chart, header, labels)
    height = grid.bottom + m.MARGIN
    lanes = _lanes(chart, lane_texts, header, height)
    width = chart.columns.right + m.MARGIN
    header_rect = Rect(m.MARGIN, m.MARGIN, _r(chart.columns.right - m.MARGIN), _r(header))
    return Layout(
        _r(width),
        _r(height),
        header_rect,
        lanes,
        _bands(chart, grid, header, labels),
        _nodes(chart, grid),
        _edges(chart, grid),
    )
