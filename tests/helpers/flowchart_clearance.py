"""Clearances in a laid-out flowchart: how close edges come to each other, to boxes and to labels.

A reader follows an arrow by eye; where two arrows run, or one turns, closer than
:data:`CLEARANCE`, or an arrow grazes a box it does not connect to, the eye can
jump to the wrong one. These checks say where that happens, as readable strings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import combinations

from generator.render.flowchart.geometry import Point, Rect
from generator.render.flowchart.graph import NodeKind
from generator.render.flowchart.layout_model import EdgeLine, Layout, NodeBox

CLEARANCE = 10.0
ALIGNMENT = 2 * CLEARANCE + 4  # two downward runs nearer than this, one after the other, read as one line
LABEL_REACH = 6.0  # how far an option label may sit from its own edge
_ROUNDING = 0.25  # coordinates are rounded to 0.1

Segment = tuple[Point, Point]


def segments(edge: EdgeLine) -> list[Segment]:
    return list(zip(edge.points, edge.points[1:], strict=False))


def _point_segment(p: Point, s: Segment) -> float:
    (a, b) = s
    dx, dy = b.x - a.x, b.y - a.y
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
    return math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)


def _intersect(s: Segment, t: Segment) -> bool:
    (a, b), (c, d) = s, t
    d1, d2, d3, d4 = _cross(c, d, a), _cross(c, d, b), _cross(a, b, c), _cross(a, b, d)
    return ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4)


def segment_distance(s: Segment, t: Segment) -> float:
    """The shortest distance between two segments (0 if they cross)."""
    if _intersect(s, t):
        return 0.0
    return min(_point_segment(s[0], t), _point_segment(s[1], t), _point_segment(t[0], s), _point_segment(t[1], s))


def outline(node: NodeBox) -> list[Segment]:
    """The sides of the node's shape (a decision is a diamond inside its rectangle)."""
    r = node.rect
    if node.kind is NodeKind.DECISION:
        c = r.center
        corners = [Point(c.x, r.y), Point(r.right, c.y), Point(c.x, r.bottom), Point(r.x, c.y)]
    else:
        corners = [Point(r.x, r.y), Point(r.right, r.y), Point(r.right, r.bottom), Point(r.x, r.bottom)]
    return list(zip(corners, corners[1:] + corners[:1], strict=True))


def rect_outline(rect: Rect) -> list[Segment]:
    corners = [
        Point(rect.x, rect.y),
        Point(rect.right, rect.y),
        Point(rect.right, rect.bottom),
        Point(rect.x, rect.bottom),
    ]
    return list(zip(corners, corners[1:] + corners[:1], strict=True))


def _inside(rect: Rect, p: Point) -> bool:
    return rect.x < p.x < rect.right and rect.y < p.y < rect.bottom


def _near(s: Segment, t: Segment, reach: float) -> bool:
    """A quick bounding-box test before measuring."""
    return (
        min(s[0].x, s[1].x) - reach <= max(t[0].x, t[1].x)
        and min(t[0].x, t[1].x) - reach <= max(s[0].x, s[1].x)
        and min(s[0].y, s[1].y) - reach <= max(t[0].y, t[1].y)
        and min(t[0].y, t[1].y) - reach <= max(s[0].y, s[1].y)
    )


def _parallel_overlap(s: Segment, t: Segment) -> bool:
    """Both horizontal (or both vertical) and side by side over some length."""
    (a, b), (c, d) = s, t
    if a.y == b.y and c.y == d.y:
        return min(max(a.x, b.x), max(c.x, d.x)) - max(min(a.x, b.x), min(c.x, d.x)) > _ROUNDING
    if a.x == b.x and c.x == d.x:
        return min(max(a.y, b.y), max(c.y, d.y)) - max(min(a.y, b.y), min(c.y, d.y)) > _ROUNDING
    return False


def _ends(edge: EdgeLine) -> set[str]:
    return {edge.source, edge.target}


def _near_shared_node(p: Point, shared: set[str], nodes: dict[str, NodeBox]) -> bool:
    """Whether the point is where both edges meet a node they share (ports side by side)."""
    return any(min(_point_segment(p, side) for side in outline(nodes[node])) < CLEARANCE + _ROUNDING for node in shared)


def parallel_violations(layout: Layout) -> Iterator[str]:
    """Parallel segments of two edges that run side by side closer than the clearance."""
    for first, second in combinations(layout.edges, 2):
        shared = _ends(first) & _ends(second)
        for s in segments(first):
            for t in segments(second):
                if not _parallel_overlap(s, t) or not _near(s, t, CLEARANCE):
                    continue
                gap = segment_distance(s, t)
                if gap < CLEARANCE - _ROUNDING and not (shared and first.target == second.target and gap > 0):
                    yield f"edges {first.index} and {second.index} run {gap:.1f} px apart: {s} / {t}"


def turn_violations(layout: Layout) -> Iterator[str]:
    """A turn of one edge closer than the clearance to another edge's segment.

    Edges sharing a node may meet near it, and arrows into the same target may
    turn down beside each other's last segment; anywhere else a turn so close
    lets the eye switch arrows.
    """
    nodes = {node.id: node for node in layout.nodes}
    for edge in layout.edges:
        for other in layout.edges:
            if other is edge:
                continue
            shared = _ends(edge) & _ends(other)
            merging = edge.target == other.target
            for turn in edge.points[1:-1]:
                if shared and _near_shared_node(turn, shared, nodes):
                    continue
                last_turn = turn == edge.points[-2]
                for t in segments(other)[:-1] if merging and last_turn else segments(other):
                    gap = _point_segment(turn, t)
                    if gap < CLEARANCE - _ROUNDING:
                        yield f"edge {edge.index} turns at {turn}, {gap:.1f} px from edge {other.index} {t}"


def box_violations(layout: Layout) -> Iterator[str]:
    """Segments crossing or grazing (closer than the clearance) a node the edge does not connect to."""
    for edge in layout.edges:
        for node in layout.nodes:
            if node.id in _ends(edge):
                continue
            sides = outline(node)
            for s in segments(edge):
                if not _near(s, (Point(node.rect.x, node.rect.y), Point(node.rect.right, node.rect.bottom)), CLEARANCE):
                    continue
                gap = min(segment_distance(s, side) for side in sides)
                if gap < CLEARANCE - _ROUNDING or _inside(node.rect, s[0]):
                    yield f"edge {edge.index} passes {gap:.1f} px from {node.id}: {s}"


def _first_descent(edge: EdgeLine) -> Segment | None:
    """The edge's way down out of its source, when it leaves downwards and then turns."""
    (a, b), *rest = segments(edge)
    return (a, b) if a.x == b.x and b.y > a.y and rest else None


def continuation_violations(layout: Layout) -> Iterator[str]:
    """An edge that comes down out of its node and turns just above, and just beside, another edge's
    last run down into its target: the eye carries the first line on into the second, and the node
    seems to lead where it does not. Edges into the same target may do this, they lead to one place;
    a decision's branches carry their label at the turn, which tells the reader which line is which.
    """
    decisions = {node.id for node in layout.nodes if node.kind is NodeKind.DECISION}
    for edge in layout.edges:
        descent = _first_descent(edge)
        if descent is None or edge.source in decisions:
            continue
        stop = descent[1]
        for other in layout.edges:
            if other is edge or other.target == edge.target:
                continue
            start, end = segments(other)[-1]
            across = abs(start.x - stop.x)
            beside = start.x == end.x and start.y < stop.y + ALIGNMENT and end.y > stop.y
            if beside and across < ALIGNMENT - _ROUNDING:
                yield f"edge {edge.index} turns at {stop}, {across:.1f} px beside edge {other.index}'s way in"


def label_violations(layout: Layout) -> Iterator[str]:
    """Option labels away from their own edge, or as close to another edge as to their own."""
    for edge in layout.edges:
        if edge.label is None:
            continue
        box = rect_outline(edge.label.rect)
        own = min(segment_distance(s, side) for s in segments(edge) for side in box)
        if own > LABEL_REACH:
            yield f"label of edge {edge.index} is {own:.1f} px from its edge"
        for other in layout.edges:
            if other is edge:
                continue
            gap = min(segment_distance(s, side) for s in segments(other) for side in box)
            if gap < max(CLEARANCE, own + CLEARANCE / 2) - _ROUNDING:
                yield f"label of edge {edge.index} is {gap:.1f} px from edge {other.index} (own: {own:.1f})"


def clearance_violations(layout: Layout) -> list[str]:
    """Every place where the chart breaks a clearance, empty if none."""
    return [
        *parallel_violations(layout),
        *turn_violations(layout),
        *box_violations(layout),
        *continuation_violations(layout),
        *label_violations(layout),
    ]
