"""Where in a document a key belongs, by the schema: for a key written at the wrong level.

``item:`` written beside a step's ``checklist:`` instead of under it is not a misspelt step key;
the schema knows one place for it (``phases[].steps[].checklist``), and that is the hint.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from generator.load.schema_files import schema

_REF = "#/definitions/"


def _places(node: Any, definitions: dict[str, Any], path: str, seen: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(key, the place it is a key of) for every property reachable from ``node``."""
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF):
        name = ref[len(_REF) :]
        if name not in seen:
            yield from _places(definitions.get(name), definitions, path, seen | {name})
    for key, sub in node.get("properties", {}).items():
        yield key, path or "(top level)"
        yield from _places(sub, definitions, f"{path}.{key}" if path else key, seen)
    if isinstance(node.get("items"), dict):
        yield from _places(node["items"], definitions, f"{path}[]", seen)
    for keyword in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(keyword, []):
            yield from _places(sub, definitions, path, seen)


@cache
def key_places(schema_name: str) -> dict[str, tuple[str, ...]]:
    """Each key of ``schema_name`` and the places (``phases[].steps[].checklist``) where it is allowed."""
    root = schema(schema_name)
    found: dict[str, list[str]] = {}
    for key, place in _places(root, root.get("definitions", {}), "", frozenset()):
        if place not in found.setdefault(key, []):
            found[key].append(place)
    return {key: tuple(places) for key, places in found.items()}


def place_of(schema_name: str, path: tuple[str | int, ...]) -> str:
    """The place notation of a document path: ``("phases", 0, "steps", 2)`` -> ``phases[].steps[]``."""
    text = ""
    for part in path:
        text = f"{text}[]" if isinstance(part, int) else f"{text}.{part}" if text else part
    return text or "(top level)"
