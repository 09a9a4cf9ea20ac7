"""Tracks: parallel lanes for edge segments that share a gutter (between rows) or a channel (beside a lane).

A gutter item is one horizontal segment with the vertical pieces that meet it:
*ups* come down from the top of the gutter to the segment, *downs* leave the
segment towards the bottom of the gutter. Which item sits above which decides
how many of these pieces cross other segments, and two pieces on the same x
must not overlap, so the order is chosen with both in mind. Nor may a piece
come near another item's turn, or continue the line of another item's piece
just below it: either would let the eye switch from one arrow to the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from generator.render.flowchart.metrics import EDGE_CLEARANCE

_OVERLAP = 1000


class GutterItem(NamedTuple):
    key: tuple[int, int]
    low: float
    high: float
    ups: tuple[float, ...]
    downs: tuple[float, ...]


def _touch(a: GutterItem, b: GutterItem) -> bool:
    return a.low < b.high + EDGE_CLEARANCE and b.low < a.high + EDGE_CLEARANCE


def _close(x: float, y: float) -> bool:
    return abs(x - y) < EDGE_CLEARANCE


def clashes_above(a: GutterItem, b: GutterItem) -> list[tuple[GutterItem, float]]:
    """The pieces that come too close when ``a`` runs above ``b``: each as (its item, its x).

    ``b``'s ups pass ``a``'s level and ``a``'s downs pass ``b``'s: near a piece of the other
    or near the other's turns they clash; so does an up of ``a`` in line with a down of ``b``.
    """
    found: list[tuple[GutterItem, float]] = []
    for x in b.ups:
        for y in a.downs:
            if _close(x, y):
                found += [(a, y), (b, x)]
        found += [(b, x) for end in (a.low, a.high) if _close(x, end) and x not in a.ups]
    for y in a.downs:
        found += [(a, y) for end in (b.low, b.high) if _close(y, end) and y not in b.downs]
    for x in a.ups:
        found += [(b, y) for y in b.downs if _close(x, y)]
    return found


def _cost_above(a: GutterItem, b: GutterItem) -> int:
    """Crossings (and clashes, heavily weighted) when ``a`` runs above ``b``."""
    crossings = sum(1 for x in b.ups if a.low < x < a.high) + sum(1 for x in a.downs if b.low < x < b.high)
    return crossings + _OVERLAP * len(clashes_above(a, b))


def _order(items: Sequence[GutterItem]) -> list[GutterItem]:
    """Top to bottom: repeatedly take the item that the fewest remaining items would rather be above."""
    if len(items) < 2:
        return list(items)
    remaining = sorted(items, key=lambda i: (i.low, i.high, i.key))
    ordered: list[GutterItem] = []
    while remaining:
        allowed = [item for item in remaining if not any(_must_precede(other, item) for other in remaining)]
        best = min(allowed or remaining, key=lambda item: _beaten(item, remaining))
        remaining.remove(best)
        ordered.append(best)
    return ordered


def _must_precede(first: GutterItem, second: GutterItem) -> bool:
    """Only ``first`` above ``second`` keeps their vertical pieces apart."""
    if first is second or not _touch(first, second):
        return False
    return _cost_above(second, first) >= _OVERLAP > _cost_above(first, second)


def _beaten(item: GutterItem, others: Sequence[GutterItem]) -> int:
    """How strongly the other items would rather run above this one."""
    return sum(
        max(0, _cost_above(item, other) - _cost_above(other, item))
        for other in others
        if other is not item and _touch(item, other)
    )


def overlapping(items: Sequence[GutterItem], track: dict[tuple[int, int], int]) -> list[tuple[GutterItem, float]]:
    """The pieces (item, x) that clash with another item's in the track order given (that of
    :func:`gutter_tracks`).

    Only moving a target's entry port can help then (e.g. a cycle of items each
    needing to run above the next); after the clashing pieces come those whose
    move would let a pair swap.
    """
    found: list[tuple[GutterItem, float]] = []
    fallback: list[tuple[GutterItem, float]] = []
    for upper in items:
        for lower in items:
            if upper is not lower and _touch(upper, lower) and track[upper.key] < track[lower.key]:
                clash = clashes_above(upper, lower)
                found += clash
                if clash:
                    fallback += clashes_above(lower, upper)
    return found + fallback


def gutter_tracks(items: Sequence[GutterItem]) -> dict[tuple[int, int], int]:
    """Track number per item (0 = topmost); items whose segments come close get different tracks."""
    track: dict[tuple[int, int], int] = {}
    placed: list[GutterItem] = []
    for item in _order(items):
        below = [track[other.key] for other in placed if _touch(item, other)]
        track[item.key] = max(below) + 1 if below else 0
        placed.append(item)
    return track


class ChannelItem(NamedTuple):
    key: int
    low: int
    high: int


def channel_tracks(items: Sequence[ChannelItem]) -> dict[int, int]:
    """Track number per vertical run (0 = nearest the lane's content); short runs nest inside long ones."""
    track: dict[int, int] = {}
    placed: list[ChannelItem] = []
    for item in sorted(items, key=lambda i: (i.high - i.low, i.low, i.key)):
        clash = [track[o.key] for o in placed if o.low <= item.high and item.low <= o.high]
        track[item.key] = max(clash) + 1 if clash else 0
        placed.append(item)
    return track
