"""Exits moved aside: an arrow leaving a box must not stop just beside where another arrow goes on down.

Where one edge comes down out of a box and turns in a gutter a few pixels beside another edge's
way down through the same gutter, the eye carries the first line on into the second, and the
box seems to lead where it does not. A box's (or the start's) exit moves along its bottom until
it is at least :data:`ALIGNMENT` from every such line (if the box is wide enough); failing that,
the other edge's port moves along its target's top (a box, or the end).
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.render.flowchart import metrics as m
from generator.render.flowchart.edges import EdgeXs
from generator.render.flowchart.graph import NodeKind
from generator.render.flowchart.routing import Route, RouteKind
from generator.render.flowchart.sizing import NodeShape, port_room

ALIGNMENT = 2 * m.EDGE_CLEARANCE + 4  # two downward lines nearer than this, one after the other, read as one


def _stop_gutter(route: Route) -> int | None:
    """The gutter where the edge's first downward run, out of its source, turns."""
    if route.kind is RouteKind.STRAIGHT:
        return None
    if route.kind in (RouteKind.CHANNEL, RouteKind.VIA_TARGET):
        return route.out_gutter
    return route.in_gutter


def _descent_gutters(route: Route) -> range:
    """The gutters that the edge's last downward run, into its target, passes through."""
    if route.kind in (RouteKind.STRAIGHT, RouteKind.VIA_TARGET):
        return range(route.out_gutter, route.in_gutter + 1)
    return range(route.in_gutter, route.in_gutter + 1)


def _clear_spot(
    x: float, centre: float, room: float, lines: Sequence[float], keep_off: Sequence[float]
) -> float | None:
    """The nearest place to ``x`` within ``room`` of ``centre``, at least ALIGNMENT from each of ``lines``
    and the edge clearance from each of ``keep_off`` (ports beside it on the same node)."""
    step = m.PORT_GAP / 2
    for k in range(1, int(2 * room / step) + 2):
        for moved in (x - k * step, x + k * step):
            if (
                abs(moved - centre) <= room
                and all(abs(moved - line) >= ALIGNMENT for line in lines)
                and all(abs(moved - other) >= m.EDGE_CLEARANCE for other in keep_off)
            ):
                return moved
    return None


def _movable(shape: NodeShape) -> bool:
    return shape.node.kind is not NodeKind.DECISION  # a diamond's ports are its corners' business


def _room(shape: NodeShape) -> float:
    """How far from the centre an exit or a port may move: a box's or a terminator's flat side."""
    if shape.node.kind is NodeKind.PROCESS:
        return port_room(shape)
    # Arrows meet a terminator at its centre unless one must move; then within the box margin of its
    # ends, where its rounding leaves at most a pixel or two between the outline and the arrow.
    return shape.width / 2 - m.PORT_MARGIN


def clear_stops(
    routes: Sequence[Route], xs: EdgeXs, shapes: dict[str, NodeShape], centre_x: dict[str, float]
) -> EdgeXs:
    """``xs`` with each edge that stops beside another's way down moved apart: the stopping edge's exit
    along its box's bottom or, when it leaves a diamond, the other edge's port along its box's top."""
    exits, ports = dict(xs.exit), dict(xs.port)
    for route in routes:
        gutter, index = _stop_gutter(route), route.edge.index
        if gutter is None:
            continue
        beside = [
            other
            for other in routes
            if other.edge.target != route.edge.target
            and other.kind is not RouteKind.STRAIGHT
            and gutter in _descent_gutters(other)
            and abs(ports[other.edge.index] - exits[index]) < ALIGNMENT
        ]
        if not beside:
            continue
        source = route.edge.source
        if _movable(shapes[source]):
            lines = [
                ports[o.edge.index]
                for o in routes
                if o.edge.target != route.edge.target and gutter in _descent_gutters(o)
            ]
            spot = _clear_spot(exits[index], centre_x[source], _room(shapes[source]), lines, ())
            if spot is not None:
                exits[index] = spot
                continue
        for other in beside:
            target, moving = other.edge.target, other.edge.index
            if not _movable(shapes[target]):
                continue
            siblings = [ports[r.edge.index] for r in routes if r.edge.target == target and r.edge.index != moving]
            spot = _clear_spot(ports[moving], centre_x[target], _room(shapes[target]), [exits[index]], siblings)
            if spot is not None:
                ports[moving] = spot
    return EdgeXs(exits, ports, xs.channel)
