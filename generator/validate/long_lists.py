"""Lists far beyond every limit of the schema, cut short before jsonschema looks at each item.

A file of a million list items is refused for its length alone; checking each item first would take
half a minute and report nothing the length does not already say.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from generator.load.positions import NodePath
from generator.load.schema_files import schema


@cache
def longest_allowed(schema_name: str) -> int:
    """The highest ``maxItems`` anywhere in the schema."""
    found = 0

    def walk(node: object) -> None:
        nonlocal found
        if isinstance(node, dict):
            limit = node.get("maxItems")
            if isinstance(limit, int):
                found = max(found, limit)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema(schema_name))
    return found


def cut_short(data: Any, keep: int, lengths: dict[NodePath, int], path: NodePath = ()) -> Any:
    """``data`` with each list longer than ``keep`` cut to ``keep`` items; true lengths go into ``lengths``.

    ``data`` itself is left as it is: only the lists on the way to a long one are copied.
    """
    if isinstance(data, dict):
        changed = {key: cut_short(value, keep, lengths, (*path, key)) for key, value in data.items()}
        same = all(changed[key] is value for key, value in data.items())
        return data if same else changed
    if isinstance(data, list):
        if len(data) > keep:
            lengths[path] = len(data)
        items = [cut_short(value, keep, lengths, (*path, index)) for index, value in enumerate(data[:keep])]
        same = len(items) == len(data) and all(new is old for new, old in zip(items, data, strict=True))
        return data if same else items
    return data
