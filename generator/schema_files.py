"""The JSON Schemas of the format, loaded and compiled once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator

# generator/schemas links to the repository's schemas/, so that an installed package carries them too.
SCHEMA_DIR = (Path(__file__).resolve().parent / "schemas").resolve()
PROCEDURE_SCHEMA = "procedure.schema.json"
HANDBOOK_SCHEMA = "handbook.schema.json"


@cache
def schema(name: str) -> dict[str, Any]:
    with (SCHEMA_DIR / name).open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def validator(name: str) -> Draft7Validator:
    return Draft7Validator(schema(name))


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
