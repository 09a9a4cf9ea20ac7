"""Horizontal placement: the order of nodes sharing a rank and a lane, and their x inside the lane."""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.flowchart import metrics as m
from generator.render.flowchart.graph import FlowGraph
from generator.render.flowchart.ranking import Ranking
from generator.render.flowchart.sizing import NodeShape


@dataclass(frozen=True)
class Placement:
    """Node centres relative to the left edge of their lane's content area, and row extents."""

    groups: dict[tuple[int, int], tuple[str, ...]]
    offset: dict[str, float]
    content_width: tuple[float, ...]
    row_up: tuple[float, ...]
    row_down: tuple[float, ...]

    def footprints(self, shapes: dict[str, NodeShape], row: int, lane: int) -> list[tuple[float, float]]:
        """The x intervals (lane-relative) claimed by the nodes of one row in one lane."""
        ids = self.groups.get((row, lane), ())
        return [(self.offset[i] - shapes[i].left, self.offset[i] + shapes[i].right) for i in ids]


def _order_groups(graph: FlowGraph, ranking: Ranking, shapes: dict[str, NodeShape]) -> dict[tuple[int, int], list[str]]:
    """Group nodes by (rank, lane), each group ordered by the barycentre of its predecessors."""
    preds: dict[str, list[tuple[str, float]]] = {node.id: [] for node in graph.nodes}
    for edge in graph.edges:
        if edge.index not in ranking.back_edges:
            bias = shapes[edge.source].exit(edge.index).x / 100000
            preds[edge.target].append((edge.source, bias))
    by_rank: dict[int, list[str]] = {}
    for node in graph.nodes:
        by_rank.setdefault(ranking.rank[node.id], []).append(node.id)
    lane = {node.id: node.lane for node in graph.nodes}
    order = {node.id: node.order for node in graph.nodes}
    estimate: dict[str, float] = {}
    groups: dict[tuple[int, int], list[str]] = {}
    for rank in sorted(by_rank):
        in_rank: dict[int, list[str]] = {}  # this rank's groups by lane, in the order they were made
        for node_id in by_rank[rank]:
            known = [estimate[p] + bias for p, bias in preds[node_id] if p in estimate]
            estimate[node_id] = sum(known) / len(known) if known else lane[node_id] + 0.5
            in_rank.setdefault(lane[node_id], []).append(node_id)
        for group_lane, members in in_rank.items():
            groups[(rank, group_lane)] = members
            members.sort(key=lambda i: (estimate[i], order[i]))
            for position, member in enumerate(members):
                estimate[member] = group_lane + (position + 0.5) / len(members)
    return groups


def _group_width(members: list[str], shapes: dict[str, NodeShape]) -> float:
    return sum(shapes[i].left + shapes[i].right for i in members) + (len(members) - 1) * m.NODE_GAP


def _extents(members: list[str], shapes: dict[str, NodeShape]) -> tuple[float, float]:
    """How far a group reaches left and right of the lane's axis (a lone node sits on the axis)."""
    if len(members) == 1:
        return shapes[members[0]].left, shapes[members[0]].right
    half = _group_width(members, shapes) / 2
    return half, half


def _offsets(members: list[str], shapes: dict[str, NodeShape], axis: float) -> dict[str, float]:
    if len(members) == 1:
        return {members[0]: axis}
    x = axis - _group_width(members, shapes) / 2
    offsets = {}
    for member in members:
        offsets[member] = x + shapes[member].left
        x += shapes[member].left + shapes[member].right + m.NODE_GAP
    return offsets


def place(graph: FlowGraph, ranking: Ranking, shapes: dict[str, NodeShape]) -> Placement:
    groups = _order_groups(graph, ranking, shapes)
    left = [m.LANE_MIN_CONTENT / 2] * len(graph.lanes)
    right = list(left)
    for (_rank, lane), members in groups.items():
        reach_left, reach_right = _extents(members, shapes)
        left[lane], right[lane] = max(left[lane], reach_left), max(right[lane], reach_right)
    offset: dict[str, float] = {}
    for (_rank, lane), members in groups.items():
        offset.update(_offsets(members, shapes, left[lane]))
    widths = [a + b for a, b in zip(left, right, strict=True)]
    up = [0.0] * ranking.rows
    down = [0.0] * ranking.rows
    for node in graph.nodes:
        row = ranking.rank[node.id]
        up[row] = max(up[row], shapes[node.id].up)
        down[row] = max(down[row], shapes[node.id].down)
    frozen = {key: tuple(members) for key, members in groups.items()}
    return Placement(frozen, offset, tuple(widths), tuple(up), tuple(down))
