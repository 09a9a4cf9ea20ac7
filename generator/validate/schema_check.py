"""Validate loaded YAML against a JSON Schema and map each error to its YAML node."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from generator.diagnostics import Diagnostic, error
from generator.load.positions import NodePath
from generator.load.schema_files import conforms, validator
from generator.load.yaml_loader import LoadedDocument
from generator.validate.key_places import key_places, place_of
from generator.validate.long_lists import cut_short, longest_allowed

# Every line break a one-line value must not hold, with the name shown in the message.
LINE_BREAKS = {
    "\n": "U+000A LINE FEED",
    "\r": "U+000D CARRIAGE RETURN",
    "\x0b": "U+000B LINE TABULATION",
    "\x0c": "U+000C FORM FEED",
    "\x85": "U+0085 NEXT LINE",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
}

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping (key: value)",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


def _description_hint(subschema: dict[str, Any]) -> str | None:
    description = subschema.get("description")
    return description.splitlines()[0] if isinstance(description, str) else None


def _instance(err: ValidationError) -> Any:
    return err.instance


def _value(err: ValidationError) -> Any:
    return err.validator_value


def _subschema(err: ValidationError) -> dict[str, Any]:
    return err.schema if isinstance(err.schema, dict) else {}


class _Mapper:
    def __init__(self, doc: LoadedDocument, schema_name: str, lengths: dict[NodePath, int]) -> None:
        self.doc = doc
        self.schema_name = schema_name
        self.lengths = lengths  # the true length of each list that was cut short before checking
        self.emptied: set[NodePath] = set()  # empty keys a misplaced key below them explains

    def path(self, err: ValidationError) -> NodePath:
        return tuple(err.absolute_path)

    def diagnostics(self, err: ValidationError) -> Iterator[Diagnostic]:
        handler = getattr(self, f"on_{err.validator}", None)
        if handler is not None:
            yield from handler(err)
        else:
            yield error(self.doc.where(self.path(err)), f"schema-{err.validator}", err.message)

    def on_required(self, err: ValidationError) -> Iterator[Diagnostic]:
        props = _subschema(err).get("properties", {})
        unknown = [key for key in _instance(err) if key not in props]
        missing = [
            name
            for name in _value(err)
            if name not in _instance(err) and not difflib.get_close_matches(name, unknown, n=1, cutoff=0.6)
        ]
        for name in missing:
            yield error(
                self.doc.where(self.path(err)),
                "missing-key",
                f"missing required key '{name}'",
                _description_hint(props.get(name, {})),
            )

    def on_additionalProperties(self, err: ValidationError) -> Iterator[Diagnostic]:
        allowed = sorted(err.schema.get("properties", {})) if isinstance(err.schema, dict) else []
        here = place_of(self.schema_name, self.path(err))
        for key in sorted(set(_instance(err)) - set(allowed)):
            elsewhere = [p for p in key_places(self.schema_name).get(key, ()) if p != here]
            if elsewhere:
                yield self._misplaced(err, key, here, elsewhere)
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(allowed)
            yield error(self.doc.where(self.path(err) + (key,), key=True), "unknown-key", f"unknown key '{key}'", hint)

    def _misplaced(self, err: ValidationError, key: str, here: str, elsewhere: list[str]) -> Diagnostic:
        """A key written at the wrong level; beside an empty key it belongs under, that key's emptiness is
        the same mistake (recorded in ``emptied``, so it is not reported twice)."""
        where = self.doc.where(self.path(err) + (key,), key=True)
        prefix = "" if here == "(top level)" else f"{here}."
        for sibling, value in _instance(err).items():
            if value is None and f"{prefix}{sibling}" in elsewhere:
                self.emptied.add(self.path(err) + (sibling,))
                message = f"'{key}' belongs under '{sibling}:' just above it, not beside it"
                return error(where, "misplaced-key", message, f"indent '{key}' two more spaces than '{sibling}'")
        message = f"'{key}' is not a key of {here}: it belongs under {' or '.join(elsewhere[:2])}"
        return error(where, "misplaced-key", message, "move it under the key it belongs to")

    def on_type(self, err: ValidationError) -> Iterator[Diagnostic]:
        wanted = _value(err)
        names = [_TYPE_NAMES.get(str(t), str(t)) for t in (wanted if isinstance(wanted, list) else [wanted])]
        hint = None
        if "string" in (wanted if isinstance(wanted, list) else [wanted]) and _instance(err) is None:
            hint = "write a value after the colon, or delete the key"
        yield error(
            self.doc.where(self.path(err)),
            "wrong-type",
            f"expected {' or '.join(names)}, got {_kind_of(_instance(err))}",
            hint,
        )

    def on_pattern(self, err: ValidationError) -> Iterator[Diagnostic]:
        instance = _instance(err)
        broken = next((c for c in instance if c in LINE_BREAKS), None) if isinstance(instance, str) else None
        if broken is not None:
            yield error(
                self.doc.where(self.path(err)),
                "line-break",
                f"line break ({LINE_BREAKS[broken]}) in a value that must stay on one line",
                "join the lines; longer text belongs in 'details' or 'summary'",
            )
            return
        message = _subschema(err).get("patternErrorMessage") or f"does not match the pattern {_value(err)}"
        shown = str(_instance(err))
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        yield error(self.doc.where(self.path(err)), "bad-value", f"'{shown}': {message}")

    def on_enum(self, err: ValidationError) -> Iterator[Diagnostic]:
        options = [str(v) for v in _value(err)]
        close = difflib.get_close_matches(str(_instance(err)), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else None
        yield error(
            self.doc.where(self.path(err)), "bad-value", f"'{_instance(err)}' is not one of: {', '.join(options)}", hint
        )

    def on_minItems(self, err: ValidationError) -> Iterator[Diagnostic]:
        count = _value(err)
        yield error(
            self.doc.where(self.path(err)),
            "too-few",
            f"needs at least {count} item{'s' if count != 1 else ''}, has {len(_instance(err))}",
        )

    def on_minLength(self, err: ValidationError) -> Iterator[Diagnostic]:
        yield error(self.doc.where(self.path(err)), "empty-text", "text must not be empty")

    def on_maxLength(self, err: ValidationError) -> Iterator[Diagnostic]:
        yield error(
            self.doc.where(self.path(err)),
            "too-long",
            f"text is {len(_instance(err))} characters long, at most {_value(err)} allowed",
            "shorten it, or move the detail into 'details'",
        )

    def on_maxItems(self, err: ValidationError) -> Iterator[Diagnostic]:
        yield error(
            self.doc.where(self.path(err)),
            "too-many",
            f"the list has {self.lengths.get(self.path(err), len(_instance(err)))} items, "
            f"at most {_value(err)} allowed",
            "keep the list short enough to read and print; split the procedure if it needs more",
        )

    def on_uniqueItems(self, err: ValidationError) -> Iterator[Diagnostic]:
        if len(_instance(err)) > _subschema(err).get("maxItems", len(_instance(err))):
            return  # the list is too long: reported once as such, not item by item
        counts = Counter(repr(item) for item in _instance(err))
        seen: set[str] = set()
        for index, item in enumerate(_instance(err)):
            key = repr(item)
            if key in seen and counts[key]:  # one diagnostic per repeated item, at its first repeat
                times = "twice" if counts[key] == 2 else f"{counts[key]} times"
                yield error(self.doc.where(self.path(err) + (index,)), "duplicate-item", f"'{item}' is listed {times}")
                counts[key] = 0
            seen.add(key)

    def on_minProperties(self, err: ValidationError) -> Iterator[Diagnostic]:
        props = sorted(err.schema.get("properties", {})) if isinstance(err.schema, dict) else []
        yield error(self.doc.where(self.path(err)), "empty-mapping", f"needs at least one of: {', '.join(props)}")

    def on_not(self, err: ValidationError) -> Iterator[Diagnostic]:
        yield error(
            self.doc.where(self.path(err) + ("decision",), key=True),
            "next-and-decision",
            "a step has either 'next' or 'decision', not both",
            "a decision's options already say where each branch goes",
        )

    def on_anyOf(self, err: ValidationError) -> Iterator[Diagnostic]:
        branches = [sub for sub in _value(err) if isinstance(sub, dict)]
        if branches and all(set(sub) == {"required"} for sub in branches):
            names = " or ".join(f"'{sub['required'][0]}'" for sub in branches)
            yield error(self.doc.where(self.path(err)), "missing-key", f"needs {names}")
            return
        # A branch whose type does not fit the value (a mapping where text was written) is not the one meant.
        fitting = [e for e in err.context or [] if not (e.validator == "type" and e.absolute_path == err.absolute_path)]
        best = best_match(fitting or err.context or [])
        if best is None:
            yield error(self.doc.where(self.path(err)), "schema-anyOf", err.message)
        else:
            yield from self.diagnostics(best)

    on_oneOf = on_anyOf


def _inside(path: NodePath, lists: set[NodePath]) -> bool:
    return any(path[:end] in lists for end in range(len(path)))


def check_schema(doc: LoadedDocument, schema_name: str) -> list[Diagnostic]:
    """All schema errors of ``doc``, each at the YAML node it concerns.

    A list longer than its limit is reported once; the errors of its items would only repeat it.
    """
    if conforms(schema_name, doc.data):
        return []
    lengths: dict[NodePath, int] = {}
    data = cut_short(doc.data, longest_allowed(schema_name) + 1, lengths)
    mapper = _Mapper(doc, schema_name, lengths)
    errors = list(validator(schema_name).iter_errors(data))
    too_long = {mapper.path(err) for err in errors if err.validator == "maxItems"}
    found: list[tuple[NodePath, Diagnostic]] = []
    for err in errors:
        if not _inside(mapper.path(err), too_long):
            found.extend((mapper.path(err), d) for d in mapper.diagnostics(err))
    return [d for path, d in found if not (d.code == "wrong-type" and path in mapper.emptied)]
