"""The compiled schema check is only a fast path: whatever it accepts, jsonschema accepts too,
so skipping jsonschema for accepted documents never hides an error."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.diagnostics import HandbookError
from generator.load.schema_files import (
    HANDBOOK_SCHEMA,
    PROCEDURE_SCHEMA,
    SCHEMA_DIR,
    conforms,
    property_names,
    validator,
)
from generator.load.schema_files import (
    schema as loaded_schema,
)
from generator.load.yaml_loader import load_yaml
from tests.helpers.paths import FIXTURE_HANDBOOK, ROOT

SETTINGS = settings(
    max_examples=int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "100")) * 3,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


def _documents() -> list[tuple[str, Any]]:
    found = []
    for root in (ROOT / "procedures", FIXTURE_HANDBOOK / "procedures"):
        for path in sorted(root.rglob("*.yaml")):
            schema = HANDBOOK_SCHEMA if path.name == "handbook.yaml" else PROCEDURE_SCHEMA
            found.append((schema, load_yaml(path.read_bytes(), str(path)).data))
    return found


DOCUMENTS = _documents()
KEYS = sorted(property_names(PROCEDURE_SCHEMA) | property_names(HANDBOOK_SCHEMA)) + ["unknown"]
# Strings near the edges of the schema's patterns, lengths and enums.
TRICKY = [
    "",
    " ",
    "\n",
    "a\n",
    "end",
    "x",
    "1",
    "1.0",
    "1.0.2\n",
    "1.0.2.3",
    "2026-02-30",
    "2026-2-3",
    "08:30",
    "24:00",
    "8:5",
    "L1",
    "toolong99",
    "a" * 64,
    "a" * 65,
    "Z-1",
    "-a",
    "READ-DO",
    "DO-CONFIRM",
    "read-do",
    "a\rb",
    "a\r",
    "x\x85",
    "\u2028",
    "a\u2029b",
    "\x0b",
    "\u200b",
    "\U000e0041",
    "case\n",
]
SCALARS = st.none() | st.sampled_from(TRICKY) | st.text(max_size=12)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(KEYS), children, max_size=3),
    max_leaves=8,
)


def _containers(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, (dict, list)):
        yield path
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield from _containers(value, (*path, key))


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


def _mutate(container: Any, choice: int, key: str, value: Any) -> None:
    if isinstance(container, dict):
        existing = sorted(container)
        if choice == 0 and existing:
            del container[existing[len(key) % len(existing)]]
        elif choice == 1 and existing:
            container[existing[len(key) % len(existing)]] = value
        else:
            container[key] = value
    elif choice == 0 and container:
        container.append(copy.deepcopy(container[len(key) % len(container)]))  # a repeated item
    elif choice == 1 and container:
        container[len(key) % len(container)] = value
    elif choice == 2 and container:
        container.clear()
    else:
        container.append(value)


def _jsonschema_errors(schema: str, data: Any) -> list[str]:
    return [error.message for error in validator(schema).iter_errors(data)]


def test_every_shipped_document_takes_the_fast_path() -> None:
    assert DOCUMENTS
    for schema, data in DOCUMENTS:
        assert conforms(schema, data)


@SETTINGS
@given(
    st.sampled_from(range(len(DOCUMENTS))),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.sampled_from(KEYS), VALUES), min_size=1, max_size=4
    ),
)
def test_what_the_fast_path_accepts_jsonschema_accepts(index: int, edits: list[tuple[int, int, str, Any]]) -> None:
    schema, original = DOCUMENTS[index]
    data = copy.deepcopy(original)
    for where, choice, key, value in edits:
        paths = list(_containers(data))
        _mutate(_at(data, paths[where % len(paths)]), choice, key, value)
    accepted = conforms(schema, data)
    event("fast path: accepted" if accepted else "fast path: referred to jsonschema")
    if accepted:
        assert _jsonschema_errors(schema, data) == []


def _hostile_documents() -> list[Any]:
    return list(_loadable_hostile_documents())


def _loadable_hostile_documents() -> Iterator[Any]:
    for path in sorted((ROOT / "tests" / "hostile" / "cases").glob("*.input")):
        try:
            yield pytest.param(load_yaml(path.read_bytes(), path.name).data, id=path.stem)
        except HandbookError:
            continue


@pytest.mark.parametrize("data", _hostile_documents())
def test_the_fast_path_and_jsonschema_agree_on_the_hostile_cases(data: Any) -> None:
    for schema in (PROCEDURE_SCHEMA, HANDBOOK_SCHEMA):
        assert conforms(schema, data) == (_jsonschema_errors(schema, data) == [])


def test_a_trailing_line_break_in_an_id_is_left_to_jsonschema() -> None:
    schema, original = next((s, d) for s, d in DOCUMENTS if s == PROCEDURE_SCHEMA)
    data = {**original, "id": f"{original['id']}\n"}
    assert not conforms(schema, data)  # the compiled check's $ is stricter; jsonschema decides


@pytest.mark.parametrize("value", ["a\rb", "a\n", "a\x85", "a\u2028b", "a\u2029", "a\x0bb", "a\x0cb"])
def test_a_line_break_in_a_title_is_refused_by_both(value: str) -> None:
    schema, original = next((s, d) for s, d in DOCUMENTS if s == PROCEDURE_SCHEMA)
    data = {**original, "title": value}
    assert not conforms(schema, data)
    assert _jsonschema_errors(schema, data) != []


def test_the_fast_path_leaves_the_schemas_as_the_files_hold_them() -> None:
    for schema_name, data in DOCUMENTS:
        conforms(schema_name, data)
    for schema_name in (PROCEDURE_SCHEMA, HANDBOOK_SCHEMA):
        on_disk = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
        assert loaded_schema(schema_name) == on_disk  # the editor's guide is written from them
