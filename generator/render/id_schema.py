"""The editor's schema with the handbook's own ids: what a YAML language server completes and checks.

The procedure schema says an id's shape; this copy of it also lists the ids that exist, each with
its name as the description: forms and procedures for every file, and each procedure's own roles
and steps for the file whose ``id`` is that procedure's (``if``/``then`` on the id). A language
server then completes ``role:``, ``next:``, ``forms:`` and ``related:`` and marks an unknown id.
It is generated, never edited: the build, ``handbook validate`` and ``handbook new`` rewrite it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from typing import Any

from generator.model.handbook import END, Handbook, Procedure

Schema = dict[str, Any]
InstancePath = tuple[str, ...]  # property names, "*" for a list's items

NOTICE = (
    "Generated from the procedures by `handbook build`, `handbook validate` and `handbook new`; do not edit "
    "(changes are overwritten). It is procedure.schema.json with the handbook's ids listed, for completion in "
    "editors with a YAML language server. 由工具生成，请勿手工修改。"
)
_REF = "#/definitions/"
_KEPT = frozenset({"description"})  # a listed id needs no pattern, and its examples are the list


def _choices(pairs: Sequence[tuple[str, str]], base: Schema) -> Schema:
    """``base`` narrowed to the listed ids, each described by its name."""
    return {
        **{key: value for key, value in base.items() if key in _KEPT},
        "type": "string",
        "enum": [value for value, _ in pairs],
        "enumDescriptions": [name for _, name in pairs],
        "markdownEnumDescriptions": [name for _, name in pairs],
    }


def _ref_paths(
    schema: Schema, definitions: Schema, name: str, path: InstancePath, seen: frozenset[str]
) -> Iterator[InstancePath]:
    """Where in a document the definition ``name`` is used, as paths of property names."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF):
        target = ref[len(_REF) :]
        if target == name:
            yield path
        elif target not in seen:
            yield from _ref_paths(definitions[target], definitions, name, path, seen | {target})
    for key, sub in schema.get("properties", {}).items():
        yield from _ref_paths(sub, definitions, name, (*path, key), seen)
    if isinstance(schema.get("items"), dict):
        yield from _ref_paths(schema["items"], definitions, name, (*path, "*"), seen)
    for keyword in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(keyword, []):
            yield from _ref_paths(sub, definitions, name, path, seen)


def _at(path: InstancePath, leaf: Schema) -> Schema:
    """A schema that applies ``leaf`` at ``path`` of a document and says nothing else."""
    schema = leaf
    for key in reversed(path):
        schema = {"items": schema} if key == "*" else {"properties": {key: schema}}
    return schema


def _own_ids(
    procedure: Procedure, base: Schema, role_paths: list[InstancePath], target_paths: list[InstancePath]
) -> Schema:
    """For the file of ``procedure``: its roles and its steps (or end) as the only choices."""
    definitions = base["definitions"]
    roles = _choices([(r.id, r.name) for r in procedure.roles], definitions["roleRef"])
    steps = [(s.id, s.title) for s in procedure.steps] + [(END, "结束 / end")]
    targets = _choices(steps, definitions["target"])
    return {
        "if": {"required": ["id"], "properties": {"id": {"const": procedure.id}}},
        "then": {"allOf": [_at(p, roles) for p in role_paths] + [_at(p, targets) for p in target_paths]},
    }


def id_schema(handbook: Handbook, base: Schema) -> Schema:
    """``base`` (the procedure schema) with the handbook's form, procedure, role and step ids listed."""
    schema = copy.deepcopy(base)
    schema.pop("$id", None)
    schema["$comment"] = NOTICE
    definitions = schema["definitions"]
    definitions["formRef"] = _choices([(f.id, f.name) for f in handbook.forms], definitions["formRef"])
    related = schema["properties"]["related"]
    related["items"] = _choices([(p.id, p.title) for p in handbook.procedures], related["items"])
    # A procedure's own role may be new or one of handbook.yaml's shared ones: offered, not enforced.
    definitions["role"]["properties"]["id"]["examples"] = [r.id for r in handbook.roles]
    role_paths = sorted(set(_ref_paths(base, base["definitions"], "roleRef", (), frozenset())))
    target_paths = sorted(set(_ref_paths(base, base["definitions"], "target", (), frozenset())))
    own = [_own_ids(p, base, role_paths, target_paths) for p in handbook.procedures]
    schema["allOf"] = [*schema.get("allOf", []), *own]
    return schema
