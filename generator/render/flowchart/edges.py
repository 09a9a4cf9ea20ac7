"""Edge geometry: entry ports on the targets, gutter segments, and the final polylines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.render.flowchart import metrics as m
from generator.render.flowchart.frame import Rows
from generator.render.flowchart.graph import NodeKind
from generator.render.flowchart.routing import Route, RouteKind
from generator.render.flowchart.sizing import NodeShape, port_room
from generator.render.flowchart.tracks import GutterItem, gutter_tracks, overlapping


@dataclass(frozen=True)
class EdgeXs:
    """Absolute x of each edge's exit stub, entry port, and channel run (if any)."""

    exit: dict[int, float]
    port: dict[int, float]
    channel: dict[int, float]


def _spread(count: int, anchor: int | None, half_room: float) -> list[float]:
    """Offsets from the centre for ``count`` ports, the ``anchor``-th one (if any) on the centre."""
    if count == 1:
        return [0.0]
    spacing = min(m.PORT_GAP, 2 * half_room / (count - 1))
    if anchor is None:
        return [(i - (count - 1) / 2) * spacing for i in range(count)]
    reach = max(anchor, count - 1 - anchor)
    spacing = min(spacing, half_room / reach)
    return [(i - anchor) * spacing for i in range(count)]


def entry_y(shape: NodeShape, centre_x: float, centre_y: float, port_x: float) -> float:
    """Where an arrow entering from above at ``port_x`` meets the node's border."""
    top = centre_y - shape.height / 2
    if shape.node.kind is not NodeKind.DECISION:
        return top
    return top + abs(port_x - centre_x) / (shape.width / 2) * (shape.height / 2)


def assign_ports(
    routes: Sequence[Route], approach: dict[int, float], shapes: dict[str, NodeShape], centre_x: dict[str, float]
) -> dict[int, float]:
    """Entry x per edge: spread along the target's top, in the order the edges arrive from."""
    incoming: dict[str, list[Route]] = {}
    for route in routes:
        incoming.setdefault(route.edge.target, []).append(route)
    ports: dict[int, float] = {}
    for target, arriving in incoming.items():
        shape, centre = shapes[target], centre_x[target]
        room = port_room(shape)
        if not room or (len(arriving) == 1 and shape.node.kind is NodeKind.DECISION):
            ports.update((route.edge.index, centre) for route in arriving)
            continue
        if len(arriving) == 1 and abs(approach[arriving[0].edge.index] - centre) <= room:
            ports[arriving[0].edge.index] = approach[arriving[0].edge.index]
            continue
        arriving.sort(key=lambda r: (approach[r.edge.index], r.edge.index))
        straight = [i for i, r in enumerate(arriving) if r.kind is RouteKind.STRAIGHT]
        offsets = _spread(len(arriving), straight[0] if straight else None, room)
        ports.update((r.edge.index, centre + dx) for r, dx in zip(arriving, offsets, strict=True))
    return ports


def _item(
    key: tuple[int, int], start: float, end: float, ups: tuple[float, ...], downs: tuple[float, ...]
) -> GutterItem:
    return GutterItem(key, min(start, end), max(start, end), ups, downs)


def gutter_items(routes: Sequence[Route], xs: EdgeXs) -> dict[int, list[GutterItem]]:
    """The horizontal segment(s) each route needs, by gutter."""
    items: dict[int, list[GutterItem]] = {}
    for route in routes:
        index = route.edge.index
        start, end = xs.exit[index], xs.port[index]
        if route.kind is RouteKind.STRAIGHT:
            continue
        if route.kind is RouteKind.CHANNEL:
            run = xs.channel[index]
            up_out, up_in = ((), (run,)) if not route.back else ((run,), ())
            down_out, down_in = ((run,), ()) if not route.back else ((), (run,))
            items.setdefault(route.out_gutter, []).append(_item((index, 0), start, run, (start, *up_out), down_out))
            items.setdefault(route.in_gutter, []).append(_item((index, 1), run, end, up_in, (end, *down_in)))
            continue
        gutter = route.out_gutter if route.kind is RouteKind.VIA_TARGET else route.in_gutter
        items.setdefault(gutter, []).append(_item((index, 0), start, end, (start,), (end,)))
    return items


def _nudged(
    item: GutterItem, x: float, xs: EdgeXs, shape: NodeShape, centre: float, siblings: Sequence[float]
) -> float | None:
    """The entry port moved towards where the item comes from, if it is that port and can move there."""
    index = item.key[0]
    room = port_room(shape)
    if not room or abs(xs.port[index] - x) >= 0.5:
        return None
    direction = -1 if abs(item.high - x) < 0.5 else 1
    for step in (m.PORT_GAP, 1.5 * m.PORT_GAP, 2 * m.PORT_GAP, 3 * m.PORT_GAP):
        moved = x + direction * step
        if abs(moved - centre) <= room and all(abs(moved - other) >= m.EDGE_CLEARANCE for other in siblings):
            return moved
    return None


GutterTracks = dict[int, dict[tuple[int, int], int]]


def _tracks(items: dict[int, list[GutterItem]]) -> GutterTracks:
    """The track of each item, by gutter."""
    return {gutter: gutter_tracks(items[gutter]) for gutter in sorted(items)}


def untangle_ports(
    routes: Sequence[Route], xs: EdgeXs, shapes: dict[str, NodeShape], centre_x: dict[str, float]
) -> tuple[EdgeXs, GutterTracks]:
    """Move entry ports that no order of tracks can keep off another edge's vertical piece;
    also returns the tracks of the gutters' items with the ports where they end up."""
    target = {route.edge.index: route.edge.target for route in routes}
    for _ in range(8):
        items = gutter_items(routes, xs)
        tracks = _tracks(items)
        clashes = [c for gutter, found in items.items() for c in overlapping(found, tracks[gutter])]
        move = next(filter(None, (_move(item, x, xs, target, shapes, centre_x) for item, x in clashes)), None)
        if move is None:
            return xs, tracks
        xs = EdgeXs(xs.exit, {**xs.port, move[0]: move[1]}, xs.channel)
    return xs, _tracks(gutter_items(routes, xs))


def _move(
    item: GutterItem,
    x: float,
    xs: EdgeXs,
    target: dict[int, str],
    shapes: dict[str, NodeShape],
    centre_x: dict[str, float],
) -> tuple[int, float] | None:
    index = item.key[0]
    node = target[index]
    siblings = [xs.port[i] for i, t in target.items() if t == node and i != index]
    moved = _nudged(item, x, xs, shapes[node], centre_x[node], siblings)
    return (index, moved) if moved is not None else None


XY = tuple[float, float]


def simplify(points: Sequence[XY]) -> list[XY]:
    """Drop repeated points and the middle one of any three in a straight line."""
    kept: list[XY] = []
    for point in points:
        if kept and abs(point[0] - kept[-1][0]) < 1e-9 and abs(point[1] - kept[-1][1]) < 1e-9:
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], point):
            kept[-1] = point
            continue
        kept.append(point)
    return kept


def _collinear(a: XY, b: XY, c: XY) -> bool:
    return (abs(a[0] - b[0]) < 1e-9 and abs(b[0] - c[0]) < 1e-9) or (
        abs(a[1] - b[1]) < 1e-9 and abs(b[1] - c[1]) < 1e-9
    )


@dataclass(frozen=True)
class EdgePlacement:
    rows: Rows
    xs: EdgeXs
    tracks: dict[int, dict[tuple[int, int], int]]
    source_centre: dict[int, XY]
    target_top: dict[int, float]

    def track_y(self, gutter: int, key: tuple[int, int]) -> float:
        return self.rows.track_y(gutter, self.tracks[gutter][key])


def polyline(route: Route, where: EdgePlacement) -> list[XY]:
    """The corners of the edge's path, from the source's border to the target's top."""
    index = route.edge.index
    centre_x, centre_y = where.source_centre[index]
    px, qx, qy = where.xs.exit[index], where.xs.port[index], where.target_top[index]
    points = [(centre_x + p.x, centre_y + p.y) for p in route.exit.path]
    if len(points) == 1:  # a box's exit may have been moved along its bottom (exits.py)
        points = [(px, points[0][1])]
    if route.kind is RouteKind.CHANNEL:
        out_y, in_y = where.track_y(route.out_gutter, (index, 0)), where.track_y(route.in_gutter, (index, 1))
        run = where.xs.channel[index]
        points += [(px, out_y), (run, out_y), (run, in_y), (qx, in_y)]
    elif route.kind is not RouteKind.STRAIGHT:
        gutter = route.out_gutter if route.kind is RouteKind.VIA_TARGET else route.in_gutter
        y = where.track_y(gutter, (index, 0))
        points += [(px, y), (qx, y)]
    points.append((qx, qy))
    return simplify(points)
