"""Route planning: which way each edge goes, before exact coordinates are known.

Every edge leaves its node downwards and enters its target from above. Between
rows run *gutters*, beside each lane's content run two *channels*; no node
or label is ever placed in either, so segments there cannot cross a box.
The shapes of route, in order of preference:

* STRAIGHT: one vertical line, when the exit is right above the target and
  nothing stands in between;
* ADJACENT: target one row down: down, across the gutter, down;
* VIA_TARGET / VIA_SOURCE: target further down, and the column above the
  target (or below the source) is clear: across then down, or down then across;
* CHANNEL: everything else, including back-edges: across to a channel, along
  it up or down to the gutter above the target, across, down.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from generator.render.flowchart import metrics as m
from generator.render.flowchart.graph import FlowEdge, FlowGraph
from generator.render.flowchart.placement import Placement
from generator.render.flowchart.ranking import Ranking
from generator.render.flowchart.sizing import Exit, NodeShape, port_room

LEFT, RIGHT = -1, 1


class RouteKind(StrEnum):
    STRAIGHT = "straight"
    ADJACENT = "adjacent"
    VIA_TARGET = "via-target"
    VIA_SOURCE = "via-source"
    CHANNEL = "channel"


class Route(NamedTuple):
    edge: FlowEdge
    kind: RouteKind
    source_row: int
    target_row: int
    source_lane: int
    target_lane: int
    exit: Exit
    channel: tuple[int, int] | None = None

    @property
    def back(self) -> bool:
        return self.target_row <= self.source_row

    @property
    def out_gutter(self) -> int:
        return self.source_row + 1

    @property
    def in_gutter(self) -> int:
        return self.target_row


class _Vertical(NamedTuple):
    lane: int
    low: float
    high: float
    top: int
    bottom: int

    def clashes(self, other: _Vertical) -> bool:
        return (
            self.lane == other.lane
            and self.low < other.high + m.EDGE_CLEARANCE
            and other.low < self.high + m.EDGE_CLEARANCE
            and self.top <= other.bottom
            and other.top <= self.bottom
        )


class _Planner:
    def __init__(self, graph: FlowGraph, ranking: Ranking, shapes: dict[str, NodeShape], placement: Placement) -> None:
        self.nodes = graph.node_map()
        self.rank = ranking.rank
        self.back = ranking.back_edges
        self.shapes = shapes
        self.placement = placement
        self.verticals: list[_Vertical] = []
        self.straight_targets: set[str] = set()
        left, lefts = m.CHANNEL_MIN, []
        for width in placement.content_width:
            lefts.append(left)
            left += width + 2 * m.CHANNEL_MIN
        self.approx_left = lefts

    def route(self, edge: FlowEdge, kind: RouteKind, channel: tuple[int, int] | None = None) -> Route:
        source, target = self.nodes[edge.source], self.nodes[edge.target]
        exit_ = self.shapes[edge.source].exit(edge.index)
        rows = self.rank[edge.source], self.rank[edge.target]
        return Route(edge, kind, rows[0], rows[1], source.lane, target.lane, exit_, channel)

    def source_x(self, edge: FlowEdge) -> float:
        return self.placement.offset[edge.source] + self.shapes[edge.source].exit(edge.index).x

    def free(self, lane: int, low: float, high: float, rows: range) -> bool:
        """No node's footprint in ``rows`` of ``lane`` comes near the x interval [low, high]."""
        for row in rows:
            for left, right in self.placement.footprints(self.shapes, row, lane):
                if left < high + m.EDGE_CLEARANCE and low < right + m.EDGE_CLEARANCE:
                    return False
        return True

    def claim(self, vertical: _Vertical, rows: range) -> bool:
        """Reserve a long vertical run if the column is free of nodes and of other runs."""
        if not self.free(vertical.lane, vertical.low, vertical.high, rows):
            return False
        if any(vertical.clashes(other) for other in self.verticals):
            return False
        self.verticals.append(vertical)
        return True

    def try_straight(self, edge: FlowEdge) -> Route | None:
        source, target = self.nodes[edge.source], self.nodes[edge.target]
        top, bottom = self.rank[edge.source], self.rank[edge.target]
        x = self.source_x(edge)
        aligned = source.lane == target.lane and abs(x - self.placement.offset[edge.target]) < 0.01
        if edge.index in self.back or not aligned or edge.target in self.straight_targets:
            return None
        run = _Vertical(source.lane, x, x, 2 * top + 2, 2 * bottom)
        if bottom > top + 1 and not self.claim(run, range(top + 1, bottom)):
            return None
        self.straight_targets.add(edge.target)
        return self.route(edge, RouteKind.STRAIGHT)

    def port_range(self, node_id: str) -> tuple[float, float]:
        centre, room = self.placement.offset[node_id], port_room(self.shapes[node_id])
        return centre - room, centre + room

    def try_column(self, edge: FlowEdge) -> Route | None:
        top, bottom = self.rank[edge.source], self.rank[edge.target]
        source, target = self.nodes[edge.source], self.nodes[edge.target]
        low, high = self.port_range(edge.target)
        if self.claim(_Vertical(target.lane, low, high, 2 * top + 2, 2 * bottom), range(top, bottom)):
            return self.route(edge, RouteKind.VIA_TARGET)
        x = self.source_x(edge)
        if self.claim(_Vertical(source.lane, x, x, 2 * top + 2, 2 * bottom), range(top + 1, bottom + 1)):
            return self.route(edge, RouteKind.VIA_SOURCE)
        return None

    def channel(self, edge: FlowEdge) -> tuple[int, int]:
        """The channel nearest to both ends (ties: right of the target's lane first)."""
        source, target = self.nodes[edge.source], self.nodes[edge.target]
        start = self.approx_left[source.lane] + self.source_x(edge)
        end = self.approx_left[target.lane] + self.placement.offset[edge.target]
        candidates = list(
            dict.fromkeys([(target.lane, RIGHT), (target.lane, LEFT), (source.lane, RIGHT), (source.lane, LEFT)])
        )

        def cost(candidate: tuple[int, int]) -> float:
            lane, side = candidate
            x = self.approx_left[lane] + (self.placement.content_width[lane] if side == RIGHT else 0)
            return abs(x - start) + abs(x - end)

        return min(candidates, key=cost)

    def plan(self, edge: FlowEdge) -> Route:
        if edge.index not in self.back:
            if self.rank[edge.target] == self.rank[edge.source] + 1:
                return self.route(edge, RouteKind.ADJACENT)
            column = self.try_column(edge)
            if column is not None:
                return column
        return self.route(edge, RouteKind.CHANNEL, self.channel(edge))


def plan_routes(graph: FlowGraph, ranking: Ranking, shapes: dict[str, NodeShape], placement: Placement) -> list[Route]:
    """One route per edge, in edge order; straight lines are claimed first."""
    planner = _Planner(graph, ranking, shapes, placement)
    straight = {edge.index: planner.try_straight(edge) for edge in graph.edges}
    routes = []
    for edge in graph.edges:
        route = straight[edge.index]
        routes.append(route if route is not None else planner.plan(edge))
    return routes
