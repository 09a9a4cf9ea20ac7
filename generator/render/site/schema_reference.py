"""The field reference of the procedure format, read from its JSON Schema so that the guide cannot drift.

Each object the schema describes (the file itself, ``source``, ``roles[]``, ``phases[].steps[]`` …)
becomes a group of fields with their description, kind, allowed values and examples, in one language.
Descriptions in the schema are written "Chinese\\nEnglish"; rules (patternErrorMessage) "中文 / English".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

Schema = Mapping[str, Any]

# Named definitions that are a kind of value of their own; the label "field_kind_<name>" describes them.
VALUE_KINDS = ("slug", "line", "text", "date", "clock", "target", "roleRef", "formRef", "checklistItem")


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    kind: str  # a VALUE_KINDS name, or "string", "choice", "object", "list"
    item_kind: str | None  # for lists: the kind of each item
    description: str
    rule: str | None  # what a value must look like, from the schema's own error message
    allowed: tuple[str, ...]
    examples: tuple[str, ...]
    group: str | None  # the path of the group that documents this field's own fields
    max_length: int | None = None  # at most this many characters (for a list: in each item)
    max_items: int | None = None  # a list of at most this many items


@dataclass(frozen=True)
class FieldGroup:
    path: str  # "" for the top level of the file, e.g. "phases[].steps[]"
    description: str
    fields: tuple[FieldDoc, ...]


def in_language(text: str | None, language: str, separator: str = "\n") -> str:
    """The part of a bilingual "中文<separator>English" text in ``language``."""
    if not text:
        return ""
    chinese, found, english = text.partition(separator)
    return english.strip() if found and language == "en" else chinese.strip()


class _Resolver:
    def __init__(self, schema: Schema) -> None:
        self.definitions: Mapping[str, Schema] = schema.get("definitions", {})

    def resolve(self, node: Schema) -> tuple[dict[str, Any], tuple[str, ...]]:
        """``node`` with its $ref chain merged in (nearer keys win), and the chain's definition names."""
        merged: dict[str, Any] = {}
        names: list[str] = []
        current: Schema | None = node
        while current is not None:
            merged = {**{k: v for k, v in current.items() if k != "$ref"}, **merged}
            ref = current.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#/definitions/"):
                break
            name = ref.removeprefix("#/definitions/")
            names.append(name)
            current = self.definitions[name]
        return merged, tuple(names)


def _object_branch(node: Mapping[str, Any]) -> Mapping[str, Any] | None:
    if node.get("type") == "object" and "properties" in node:
        return node
    for branch in node.get("anyOf", ()):
        if branch.get("type") == "object" and "properties" in branch:
            found: Mapping[str, Any] = branch
            return found
    return None


def _example_text(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


class _Walker:
    def __init__(self, schema: Schema, language: str) -> None:
        self.resolver = _Resolver(schema)
        self.language = language
        self.groups: list[FieldGroup] = []
        self.pending: list[tuple[str, Mapping[str, Any], str]] = []  # path, object, the field's description

    def kind(self, merged: Mapping[str, Any], names: tuple[str, ...]) -> str:
        named = next((n for n in names if n in VALUE_KINDS), None)
        if named is not None:
            return named
        if "enum" in merged:
            return "choice"
        found: str = merged.get("type", "string")
        return "list" if found == "array" else found

    def field(self, name: str, node: Schema, required: bool, path: str) -> FieldDoc:
        merged, names = self.resolver.resolve(node)
        kind = self.kind(merged, names)
        item_kind, target, group_path = None, _object_branch(merged), f"{path}.{name}" if path else name
        if kind == "list":
            items, item_names = self.resolver.resolve(merged.get("items", {}))
            item_kind, target, group_path = self.kind(items, item_names), _object_branch(items), f"{group_path}[]"
            merged = {**items, **merged}  # an item's rule and allowed values describe the list's entries
        description = in_language(merged.get("description"), self.language)
        if target is not None:
            self.pending.append((group_path, target, description))
        named = kind in VALUE_KINDS or item_kind in VALUE_KINDS  # the kind's own label says what to write
        return FieldDoc(
            name=name,
            required=required,
            kind=kind,
            item_kind=item_kind,
            description=description,
            rule=None if named else in_language(merged.get("patternErrorMessage"), self.language, " / ") or None,
            allowed=tuple(str(v) for v in merged.get("enum", ())),
            examples=tuple(_example_text(v) for v in merged.get("examples", ())),
            group=group_path if target is not None else None,
            max_length=merged.get("maxLength"),
            max_items=merged.get("maxItems"),
        )

    def group(self, path: str, node: Mapping[str, Any], fallback: str) -> FieldGroup:
        required = set(node.get("required", ()))
        fields = tuple(
            self.field(name, prop, name in required, path) for name, prop in node.get("properties", {}).items()
        )
        return FieldGroup(path, in_language(node.get("description"), self.language) or fallback, fields)

    def walk(self, root: Schema) -> Iterator[FieldGroup]:
        seen: set[str] = set()
        self.pending.append(("", root, ""))
        while self.pending:
            path, node, fallback = self.pending.pop(0)
            if path in seen:
                continue
            seen.add(path)
            yield self.group(path, node, fallback)


def field_groups(schema: Schema, language: str) -> tuple[FieldGroup, ...]:
    """Every object of the format, top level first, then breadth-first as the fields lead to them."""
    return tuple(_Walker(schema, language).walk(schema))
