"""A site navigation reduced to its titles, for comparing with what a reader sees."""

from __future__ import annotations

from collections.abc import Sequence


def nav_titles(items: Sequence[object]) -> list[object]:
    """The navigation as nested titles, section pages (plain paths) left out."""
    found: list[object] = []
    for item in items:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            found.append({title: nav_titles(value)} if isinstance(value, list) else title)
    return found
