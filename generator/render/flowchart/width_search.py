"""Bisection over line widths for one text, reusing fills: balanced wrapping and diamond text.

Each try first asks the fills at the two current ends of the interval
whether it would take exactly the same steps as they did (see
``Filled.same_for``); only if neither says so is the text filled again. As
the interval closes in, most tries fall where one of the two ends already
shows the result, so a dozen tries cost a few fills. The outcome is that of
filling at every try.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.render.flowchart.linebreak import Filled, fill_traced, line_limits
from generator.render.flowchart.units import Unit


@dataclass(frozen=True)
class WidthSearch:
    """The units filled into lines ``limits(value)`` wide, judged by ``accept`` (given the lines, None if no fit)."""

    units: Sequence[Unit]
    font_size: float
    limits: Callable[[float], Sequence[float]]
    accept: Callable[[tuple[str, ...] | None], bool]

    def narrowest(self, low: float, high: float, rounds: int) -> tuple[float, tuple[str, ...] | None]:
        """Halve [low, high] ``rounds`` times towards the smallest value accepted (``high`` assumed to be).

        Returns the final ``high`` and the lines there, or None for them if ``high`` never moved.
        """
        below: Filled | None = None
        above: Filled | None = None
        for _ in range(rounds):
            middle = (low + high) / 2
            limits = self.limits(middle)
            if above is not None and above.same_for(limits):
                high = middle
            elif below is not None and below.same_for(limits):
                low = middle
            else:
                filled = fill_traced(self.units, line_limits(limits), self.font_size)
                if self.accept(filled.lines):
                    high, above = middle, filled
                else:
                    low, below = middle, filled
        return high, above.lines if above is not None else None


def narrowest_width(
    units: Sequence[Unit], font_size: float, count: int, low: float, high: float
) -> tuple[float, tuple[str, ...] | None]:
    """:meth:`WidthSearch.narrowest` (12 rounds, any fit accepted) for at most ``count`` lines all
    ``max(value, font_size)`` wide, without making the list of widths for every try."""
    below: Filled | None = None
    above: Filled | None = None
    for _ in range(12):
        middle = (low + high) / 2
        width = max(middle, font_size)
        if above is not None and above.same_for_width(width, count):
            high = middle
        elif below is not None and below.same_for_width(width, count):
            low = middle
        else:
            filled = fill_traced(units, line_limits([width] * count), font_size)
            if filled.lines is not None:
                high, above = middle, filled
            else:
                low, below = middle, filled
    return high, above.lines if above is not None else None
