"""The JSON Schemas of the format, loaded and compiled once per process."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft7Validator

# generator/schemas links to the repository's schemas/, so that an installed package carries them too.
SCHEMA_DIR = (Path(__file__).resolve().parent.parent / "schemas").resolve()
PROCEDURE_SCHEMA = "procedure.schema.json"
HANDBOOK_SCHEMA = "handbook.schema.json"


@cache
def schema(name: str) -> dict[str, Any]:
    with (SCHEMA_DIR / name).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


_ANNOTATIONS = frozenset({"description", "examples", "title"})


def _inlined(node: Any, definitions: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every local ``$ref`` replaced by the definition it names.

    Resolving references is half of jsonschema's time; our schemas are not recursive, so
    they can be resolved once. Keys beside a ``$ref`` may only be annotations (draft 7
    ignores them when validating); they are kept, so descriptions still reach the hints.
    """
    if isinstance(node, list):
        return [_inlined(item, definitions, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/"):
        name = ref.removeprefix("#/definitions/")
        if name in seen or not set(node) - {"$ref"} <= _ANNOTATIONS:
            raise ValueError(f"cannot inline $ref {ref}: it is recursive or has validation keywords beside it")
        target = _inlined(definitions[name], definitions, (*seen, name))
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return {k: (_inlined(v, definitions, seen) if k != "definitions" else v) for k, v in node.items()}


@cache
def _resolved(name: str) -> dict[str, Any]:
    """The schema with its references resolved in advance."""
    loaded = schema(name)
    resolved: dict[str, Any] = _inlined(loaded, loaded.get("definitions", {}))
    return resolved


@cache
def validator(name: str) -> Draft7Validator:
    """The schema's validator, compiled once, with its references resolved in advance."""
    return Draft7Validator(_resolved(name))


@cache
def _compiled(name: str) -> Any:
    # A copy: compiling changes the schema it is given, and the editor's guide reads the schema.
    return fastjsonschema.compile(copy.deepcopy(_resolved(name)), use_default=False, use_formats=False)


def conforms(name: str, data: Any) -> bool:
    """Whether ``data`` satisfies the schema, answered by code compiled from it (several times faster).

    Only a yes is taken at its word: for a no, jsonschema finds every error with its path.
    The compiled check is never laxer than jsonschema on our schemas: its ``$`` does not
    match before a final line break, and the rest of the keywords they use mean the same.
    """
    try:
        _compiled(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def property_names(name: str) -> frozenset[str]:
    """Every property name the schema knows, for "did you mean" hints."""
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                names.update(props)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema(name))
    return frozenset(names)
