"""Points and rectangles in SVG user units (y grows downwards).

Immutable value types; named tuples rather than frozen dataclasses because a
chart makes thousands of them and a tuple is several times quicker to make.
"""

from __future__ import annotations

from typing import NamedTuple


class Point(NamedTuple):
    x: float
    y: float

    def moved(self, dx: float, dy: float) -> Point:
        return Point(self.x + dx, self.y + dy)


class Rect(NamedTuple):
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return Point(self.x + self.width / 2, self.y + self.height / 2)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.width, self.height)
