"""Node sizes, and where each outgoing arrow leaves its node (with a decision's option labels).

Everything here is relative to the node's centre. A node's *footprint* is the
area it claims in its row: the shape, plus a decision's exits and labels.
Nothing else is placed or routed inside a footprint, which is what keeps
labels clear of boxes and of other edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from generator.render.flowchart import metrics as m
from generator.render.flowchart.diamond import diamond_text, even_ceil
from generator.render.flowchart.geometry import Point, Rect
from generator.render.flowchart.graph import FlowEdge, FlowGraph, FlowNode, NodeKind
from generator.render.flowchart.layout_model import TextBlock
from generator.render.flowchart.ranking import Ranking
from generator.render.flowchart.text import widest, wrap_balanced


class Exit(NamedTuple):
    """Where an edge leaves: ``path`` starts on the border; the edge goes straight down from its end."""

    edge: int
    path: tuple[Point, ...]
    label: TextBlock | None = None

    @property
    def x(self) -> float:
        return self.path[-1].x


class NodeShape(NamedTuple):
    node: FlowNode
    width: float
    height: float
    text: TextBlock
    left: float
    right: float
    up: float
    down: float
    exits: tuple[Exit, ...]

    def exit(self, edge: int) -> Exit:
        for found in self.exits:
            if found.edge == edge:
                return found
        raise KeyError(edge)


def port_room(shape: NodeShape) -> float:
    """How far from the centre an arrow may enter the node: along a box's top, the upper half of a
    diamond's upper sides, a terminator only at its centre."""
    if shape.node.kind is NodeKind.PROCESS:
        return shape.width / 2 - m.PORT_MARGIN
    if shape.node.kind is NodeKind.DECISION:
        return shape.width / 4
    return 0.0


@lru_cache(maxsize=8192)
def text_block(lines: tuple[str, ...], font_size: float, line_height: float, bold: bool = False) -> TextBlock:
    """Lines in a rectangle centred on (0, 0) (remembered: names and labels come back in every chart)."""
    factor = m.BOLD_FACTOR if bold else 1.0
    width = even_ceil(widest(lines, font_size) * factor)
    height = len(lines) * line_height
    return TextBlock(lines, Rect(-width / 2, -height / 2, width, height), font_size, line_height, bold)


def _label(text: str | None) -> TextBlock | None:
    if not text:
        return None
    lines = wrap_balanced(text, m.LABEL_TEXT_WIDTH, m.LABEL_FONT_SIZE)
    return text_block(lines, m.LABEL_FONT_SIZE, m.LABEL_LINE_HEIGHT) if lines else None


def _simple(node: FlowNode, edges: Sequence[FlowEdge]) -> NodeShape:
    text = text_block(wrap_balanced(node.text, m.BOX_TEXT_WIDTH, m.FONT_SIZE), m.FONT_SIZE, m.LINE_HEIGHT)
    if node.kind is NodeKind.PROCESS:
        width = even_ceil(max(m.BOX_MIN_WIDTH, text.rect.width + 2 * m.BOX_PAD_X))
        height = even_ceil(max(m.BOX_MIN_HEIGHT, text.rect.height + 2 * m.BOX_PAD_Y))
    else:
        height = even_ceil(max(m.TERMINAL_MIN_HEIGHT, text.rect.height + 2 * m.BOX_PAD_Y))
        pad = min(height / 2, m.TERMINAL_MIN_HEIGHT / 2) + m.BOX_PAD_X / 2
        width = even_ceil(max(m.TERMINAL_MIN_WIDTH, text.rect.width + 2 * pad))
    exits = tuple(Exit(edge.index, (Point(0, height / 2),)) for edge in edges)
    return NodeShape(node, width, height, text, width / 2, width / 2, height / 2, height / 2, exits)


def _sides(keys: Sequence[int]) -> list[str]:
    """Which side each option leaves the diamond from; ``keys`` (lane offsets of the targets) are sorted."""
    if len(keys) == 1:
        return ["bottom"]
    if len(keys) > 2:
        return ["left"] + ["bottom"] * (len(keys) - 2) + ["right"]
    first, second = keys
    if first < 0 < second:
        return ["left", "right"]
    if abs(first) <= abs(second):
        return ["bottom", "right" if second >= 0 else "left"]
    return ["left" if first < 0 else "right", "bottom"]


class _Option(NamedTuple):
    edge: int
    label: TextBlock | None

    @property
    def label_width(self) -> float:
        return self.label.rect.width if self.label else 0.0

    @property
    def label_height(self) -> float:
        return self.label.rect.height if self.label else 0.0


def _place_label(label: TextBlock | None, x: float, y: float) -> TextBlock | None:
    """The label with its top-left corner at (x, y)."""
    return label.moved(x - label.rect.x, y - label.rect.y) if label else None


class _DiamondExits:
    """Left, bottom and right exits of a diamond and their labels."""

    def __init__(self, width: float, height: float, sided: list[tuple[str, _Option]]) -> None:
        self.bottoms = [option for side, option in sided if side == "bottom"]
        self.lefts = [option for side, option in sided if side == "left"]
        self.rights = [option for side, option in sided if side == "right"]
        runs = [o.label_width + 2 * m.LABEL_GAP + m.PORT_GAP for o in self.bottoms[:-1]]
        self.stubs = [sum(runs[:i]) - sum(runs) / 2 for i in range(len(self.bottoms))]
        self.width = even_ceil(max(width, sum(runs) + 2 * m.PORT_MARGIN + 4))
        self.height = height
        self.exits: list[Exit] = []

    def border_y(self, x: float) -> float:
        return self.height / 2 * (1 - abs(x) / (self.width / 2))

    def bottom_exits(self) -> float:
        """Add the bottom exits; returns how far right their labels reach."""
        reach = 0.0
        for stub, option in zip(self.stubs, self.bottoms, strict=True):
            label = _place_label(option.label, stub + m.LABEL_GAP, self.height / 2 + m.LABEL_GAP)
            self.exits.append(Exit(option.edge, (Point(stub, self.border_y(stub)),), label))
            reach = max(reach, stub + m.LABEL_GAP + option.label_width)
        return reach

    def side_exit(self, option: _Option, direction: int, reach: float) -> float:
        """Add a side exit; returns the x of its turn downwards."""
        vertex = direction * self.width / 2
        run = max(m.EXIT_MIN_RUN, option.label_width + 2 * m.LABEL_GAP)
        turn = vertex + direction * run
        if direction > 0:
            turn = max(turn, reach + m.EDGE_CLEARANCE + 2)
        label_x = vertex + m.LABEL_GAP if direction > 0 else vertex - m.LABEL_GAP - option.label_width
        label = _place_label(option.label, label_x, -3 - option.label_height)
        self.exits.append(Exit(option.edge, (Point(vertex, 0), Point(turn, 0)), label))
        return turn

    def shape(self, node: FlowNode, text: TextBlock) -> NodeShape:
        reach = self.bottom_exits()
        left = max([self.width / 2] + [-self.side_exit(o, -1, reach) for o in self.lefts])
        right = max([self.width / 2, reach] + [self.side_exit(o, 1, reach) for o in self.rights])
        labels = [e.label.rect for e in self.exits if e.label]
        up = max([self.height / 2] + [-r.y for r in labels])
        down = max([self.height / 2] + [r.bottom for r in labels])
        exits = tuple(sorted(self.exits, key=lambda e: e.edge))
        return NodeShape(node, self.width, self.height, text, left, right, up, down, exits)


def _decision(node: FlowNode, edges: Sequence[FlowEdge], lane_of: dict[str, int], ranking: Ranking) -> NodeShape:
    """The diamond and its exits: by the targets' lanes left to right; in one lane the option going
    the shortest way down leaves from the bottom, so it is not taken for the one turning aside."""
    lines, width, height = diamond_text(node.text, m.FONT_SIZE, m.LINE_HEIGHT)
    text = text_block(lines, m.FONT_SIZE, m.LINE_HEIGHT)
    back, rank = ranking.back_edges, ranking.rank

    def key(item: tuple[int, FlowEdge]) -> tuple[int, bool, int, int]:
        position, edge = item
        return lane_of[edge.target] - node.lane, edge.index in back, rank[edge.target], position

    ordered = sorted(enumerate(edges), key=key)
    sides = _sides([lane_of[edge.target] - node.lane for _, edge in ordered])
    sided = [(side, _Option(edge.index, _label(edge.label))) for side, (_, edge) in zip(sides, ordered, strict=True)]
    return _DiamondExits(width, height, sided).shape(node, text)


def size_nodes(graph: FlowGraph, ranking: Ranking) -> dict[str, NodeShape]:
    outgoing: dict[str, list[FlowEdge]] = {node.id: [] for node in graph.nodes}
    for edge in graph.edges:
        outgoing[edge.source].append(edge)
    lane_of = {node.id: node.lane for node in graph.nodes}
    shapes: dict[str, NodeShape] = {}
    for node in graph.nodes:
        edges = outgoing[node.id]
        if node.kind is NodeKind.DECISION:
            shapes[node.id] = _decision(node, edges, lane_of, ranking)
        else:
            shapes[node.id] = _simple(node, edges)
    return shapes
