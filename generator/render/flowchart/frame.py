"""The chart's grid: x of lanes and channels, y of rows and gutters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.render.flowchart import metrics as m
from generator.render.flowchart.routing import RIGHT


def _channel_width(tracks: int) -> float:
    return max(m.CHANNEL_MIN, 2 * m.CHANNEL_INNER + (tracks - 1) * m.CHANNEL_GAP) if tracks else m.CHANNEL_MIN


@dataclass(frozen=True)
class Columns:
    left: tuple[float, ...]
    width: tuple[float, ...]
    content_left: tuple[float, ...]
    content_width: tuple[float, ...]

    @property
    def right(self) -> float:
        return self.left[-1] + self.width[-1]

    def channel_x(self, lane: int, side: int, track: int) -> float:
        if side == RIGHT:
            return self.content_left[lane] + self.content_width[lane] + m.CHANNEL_INNER + track * m.CHANNEL_GAP
        return self.content_left[lane] - m.CHANNEL_INNER - track * m.CHANNEL_GAP


def columns(content_width: Sequence[float], channel_tracks: dict[tuple[int, int], int], x0: float) -> Columns:
    """Lanes side by side from ``x0``; ``channel_tracks`` counts the tracks per (lane, side)."""
    left, width, content_left = [], [], []
    x = x0
    for lane, content in enumerate(content_width):
        before = _channel_width(channel_tracks.get((lane, -RIGHT), 0))
        after = _channel_width(channel_tracks.get((lane, RIGHT), 0))
        left.append(x)
        content_left.append(x + before)
        width.append(before + content + after)
        x += before + content + after
    return Columns(tuple(left), tuple(width), tuple(content_left), tuple(content_width))


@dataclass(frozen=True)
class Rows:
    gutter_top: tuple[float, ...]
    gutter_height: tuple[float, ...]
    row_top: tuple[float, ...]
    row_centre: tuple[float, ...]
    boundaries: frozenset[int]

    @property
    def bottom(self) -> float:
        return self.gutter_top[-1] + self.gutter_height[-1]

    def track_y(self, gutter: int, track: int) -> float:
        return self.gutter_top[gutter] + m.GUTTER_TOP + track * m.TRACK_GAP

    def boundary_y(self, gutter: int) -> float:
        """Where the line between two phases crosses this gutter."""
        return self.gutter_top[gutter] + self.gutter_height[gutter] - m.GUTTER_BOTTOM


def gutter_height(tracks: int, edge: bool, boundary: bool) -> float:
    """Height of a gutter holding ``tracks`` tracks; ``edge``: above the first or below the last row."""
    height = m.GUTTER_TOP + (tracks - 1) * m.TRACK_GAP + m.GUTTER_BOTTOM if tracks else 0.0
    height = max(height, m.GUTTER_EDGE_MIN if edge else m.GUTTER_MIN)
    return height + (m.BAND_GAP if boundary else 0.0)


def rows(
    y0: float, up: Sequence[float], down: Sequence[float], gutters: Sequence[float], boundaries: frozenset[int]
) -> Rows:
    """Rows and gutters from ``y0``: gutter 0, row 0, gutter 1, ..., row n-1, gutter n."""
    gutter_top, row_top, centre = [], [], []
    y = y0
    for row, (above, below) in enumerate(zip(up, down, strict=True)):
        gutter_top.append(y)
        y += gutters[row]
        row_top.append(y)
        centre.append(y + above)
        y += above + below
    gutter_top.append(y)
    return Rows(tuple(gutter_top), tuple(gutters), tuple(row_top), tuple(centre), boundaries)
