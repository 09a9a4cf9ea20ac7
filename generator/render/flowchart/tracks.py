"""Tracks: parallel lanes for edge segments that share a gutter (between rows) or a channel (beside a lane).

A gutter item is one horizontal segment with the vertical pieces that meet it:
*ups* come down from the top of the gutter to the segment, *downs* leave the
segment towards the bottom of the gutter. Which item sits above which decides
how many of these pieces cross other segments, and two pieces on the same x
must not overlap, so the order is chosen with both in mind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from generator.render.flowchart.metrics import HORIZONTAL_GAP

_OVERLAP = 1000
_SAME_X = 0.5


class GutterItem(NamedTuple):
    key: tuple[int, int]
    low: float
    high: float
    ups: tuple[float, ...]
    downs: tuple[float, ...]


def _touch(a: GutterItem, b: GutterItem) -> bool:
    return a.low <= b.high + HORIZONTAL_GAP and b.low <= a.high + HORIZONTAL_GAP


def _cost_above(a: GutterItem, b: GutterItem) -> int:
    """Crossings (and overlaps, heavily weighted) when ``a`` runs above ``b``."""
    crossings = sum(1 for x in b.ups if a.low < x < a.high) + sum(1 for x in a.downs if b.low < x < b.high)
    overlaps = sum(1 for x in b.ups for y in a.downs if abs(x - y) < _SAME_X)
    return crossings + _OVERLAP * overlaps


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
    """Items whose entry piece (at the x given) overlaps another item's piece in the track order given
    (that of :func:`gutter_tracks`).

    Only moving a target's entry port can help then (a cycle of items each
    needing to run above the next, e.g. edges swapping between aligned columns);
    after the overlapping entries come those whose move would let a pair swap.
    """
    found: list[tuple[GutterItem, float]] = []
    fallback: list[tuple[GutterItem, float]] = []
    for upper in items:
        for lower in items:
            if upper is not lower and _touch(upper, lower) and track[upper.key] < track[lower.key]:
                clash = [(upper, y) for x in lower.ups for y in upper.downs if abs(x - y) < _SAME_X]
                found += clash
                if clash:  # moving the lower item's entry instead lets the pair swap
                    fallback += [(lower, y) for x in upper.ups for y in lower.downs if abs(x - y) < _SAME_X]
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
