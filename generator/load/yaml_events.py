"""The loader's quick path: one pass over libyaml's events, straight into data and positions.

Almost every file an editor saves is plain YAML without mistakes. For those, building the
dicts, lists and strings directly from the parser's events (no node tree, no second walk)
gives the same result as the careful path several times faster. At the first sign of
anything else (an anchor, alias or tag, a duplicate or merge key, deep nesting, a character
YAML forbids, several documents, a syntax error) it gives up and returns None, and the
careful path loads the file again and words the diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from yaml import YAMLError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from generator.load.positions import NodePath, entry, point
from generator.load.yaml12_types import yaml12_kind

try:
    from yaml._yaml import CParser

    HAVE_LIBYAML = True
except ImportError:  # PyYAML without libyaml: the careful path does everything
    HAVE_LIBYAML = False


class GiveUp(Exception):
    """Something the quick path does not handle: the careful path takes over."""


@dataclass
class _Open:
    """A mapping or sequence whose end event has not come yet."""

    value: dict[str, Any] | list[Any]
    path: NodePath
    key: str | None = None
    key_point: int = 0


@dataclass(frozen=True)
class Rules:
    """What the careful path refuses or rewrites, shared so both paths agree."""

    max_depth: int
    null_plain: frozenset[str]
    non_printable: re.Pattern[str]
    folded_space: re.Pattern[str]


class _Builder:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.positions: dict[NodePath, int] = {}
        self.stack: list[_Open] = []
        self.root: Any = None
        self.documents = 0

    def start(self, event: Event) -> int:
        mark = event.start_mark
        if mark is None:
            raise GiveUp
        return point(mark.line + 1, mark.column + 1)

    def scalar(self, event: ScalarEvent) -> str | None:
        value: str = event.value
        if self.rules.non_printable.search(value):
            raise GiveUp
        style = event.style or None  # libyaml says "" for plain
        if style is None and value in self.rules.null_plain:
            return None
        if style is None and yaml12_kind(value) is not None:
            raise GiveUp  # a number or boolean to other YAML tools: the careful path says so
        start, end = event.start_mark, event.end_mark
        if start is None or end is None:
            raise GiveUp
        if style in (None, ">") and start.line != end.line:
            return self.rules.folded_space.sub("", value)
        return value

    def add(self, event: Event, value: Any, opened: _Open | None) -> None:
        """Place a value (a scalar, or a just-opened collection) in its parent."""
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.value, dict) and parent.key is None:
            self.take_key(event, value, parent)
            return
        if len(self.stack) + 1 > self.rules.max_depth:
            raise GiveUp
        path, key_point = self.child_path(parent)
        self.positions[path] = entry(self.start(event), key_point)
        if opened is not None:
            opened.path = path
            self.stack.append(opened)
        self.attach(parent, value)

    def take_key(self, event: Event, value: Any, parent: _Open) -> None:
        if not isinstance(event, ScalarEvent) or (value is None and (event.style or None) is None):
            raise GiveUp  # a list or mapping as a key, or an empty key: the careful path words it
        key = event.value
        if key in parent.value or (key == "<<" and not event.style):
            raise GiveUp  # a duplicate key (its value is in place by now) or a merge key
        parent.key, parent.key_point = key, self.start(event)

    def child_path(self, parent: _Open | None) -> tuple[NodePath, int]:
        if parent is None:
            if self.documents > 1:
                raise GiveUp
            return (), 0
        if isinstance(parent.value, dict):
            assert parent.key is not None
            return (*parent.path, parent.key), parent.key_point
        return (*parent.path, len(parent.value)), 0

    def attach(self, parent: _Open | None, value: Any) -> None:
        if parent is None:
            self.root = value
        elif isinstance(parent.value, dict):
            assert parent.key is not None
            parent.value[parent.key] = value
            parent.key = None
        else:
            parent.value.append(value)

    def feed(self, event: Event) -> None:
        if isinstance(event, ScalarEvent):
            if event.anchor is not None or event.tag is not None:
                raise GiveUp
            self.add(event, self.scalar(event), None)
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None or event.tag is not None:
                raise GiveUp
            opened = _Open({} if isinstance(event, MappingStartEvent) else [], ())
            self.add(event, opened.value, opened)
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            self.stack.pop()
        elif isinstance(event, DocumentStartEvent):
            self.documents += 1
        elif isinstance(event, AliasEvent):
            raise GiveUp


def quick_load(text: str, rules: Rules) -> tuple[Any, dict[NodePath, int]] | None:
    """``(data, packed positions)`` of a plain, correct document; None when the careful path must decide."""
    if not HAVE_LIBYAML:
        return None
    parser = CParser(text)
    builder = _Builder(rules)
    try:
        while (event := parser.get_event()) is not None and not isinstance(event, StreamEndEvent):
            builder.feed(event)
    except (GiveUp, YAMLError, RecursionError):
        return None
    finally:
        parser.dispose()
    if builder.documents == 0:
        return None  # an empty file: the careful path says so
    return builder.root, builder.positions
