"""The typed result of the layout: what the SVG writer draws and what tests inspect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from generator.render.flowchart.geometry import Point, Rect
from generator.render.flowchart.graph import NodeKind


class TextBlock(NamedTuple):
    """Lines of text, each centred horizontally in ``rect``, stacked from its top."""

    lines: tuple[str, ...]
    rect: Rect
    font_size: float
    line_height: float
    bold: bool = False

    def moved(self, dx: float, dy: float) -> TextBlock:
        return TextBlock(self.lines, self.rect.moved(dx, dy), self.font_size, self.line_height, self.bold)


class NodeBox(NamedTuple):
    """A drawn node; a decision's diamond has its corners at the middles of ``rect``'s sides."""

    id: str
    kind: NodeKind
    rect: Rect
    text: TextBlock
    lane: int
    rank: int
    step_id: str | None = None


@dataclass(frozen=True)
class EdgeLine:
    """An orthogonal polyline from the source's border to the target's border (arrowhead at the end)."""

    index: int
    source: str
    target: str
    points: tuple[Point, ...]
    label: TextBlock | None
    back: bool


class LaneBox(NamedTuple):
    role_id: str
    name: str
    code: str | None
    rect: Rect
    header: Rect
    name_text: TextBlock
    code_text: TextBlock | None


class BandBox(NamedTuple):
    phase_id: str
    title: str
    rect: Rect
    label: TextBlock


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    header: Rect
    lanes: tuple[LaneBox, ...]
    bands: tuple[BandBox, ...]
    nodes: tuple[NodeBox, ...]
    edges: tuple[EdgeLine, ...]

    def node(self, node_id: str) -> NodeBox:
        return next(node for node in self.nodes if node.id == node_id)
