"""Strict YAML loading: every scalar is a string, every node keeps its position.

A plain, correct file (almost every file) is built in one pass over libyaml's events
(generator/yaml_events.py). Anything else takes the careful path: nodes are composed in Python,
never by the C loader (it crashes on deeply nested input).
The events come from libyaml's parser when PyYAML has it, which is several times faster;
a file it rejects is parsed again by the pure-Python reader, scanner and parser, so that
every diagnostic is worded and placed the same either way. Anchors, aliases, tags and merge keys are
rejected, duplicate keys are errors, and size and depth are bounded before they
can cost time or memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from generator.diagnostics import Diagnostic, HandbookError, Where, error
from generator.load.encoding import decode_utf8
from generator.load.positions import NodePath, Positions, entry, point
from generator.load.yaml12_types import yaml12_kind
from generator.load.yaml_events import Rules, quick_load
from generator.load.yaml_problems import syntax_error, typed_value_error

MAX_FILE_BYTES = 2 * 1024 * 1024
# What YAML forbids in a file (control characters, lone surrogates, U+FFFE/U+FFFF): escapes may not make them.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_DEPTH = 32

Data: TypeAlias = Any
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_PLAIN = {"", "~", "null", "Null", "NULL"}
_WIDE = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019"
)
# YAML folds a line break into a space; between two Chinese characters that space is wrong
# (CSS drops such segment breaks too), so folded and plain scalars drop it.
_FOLDED_SPACE = re.compile(f"(?<=[{_WIDE}]) (?=[{_WIDE}])")


@dataclass(frozen=True)
class LoadedDocument:
    """Plain data (dict, list, str, None) plus the position of every node."""

    file: str
    data: Data
    positions: Positions

    def where(self, path: NodePath, *, key: bool = False) -> Where:
        """Position of the node at ``path``, or of its nearest ancestor."""
        return self.positions.at(path, key=key)


class _StringResolver(BaseResolver):
    """Resolve every scalar to a string: no YAML 1.1 booleans, sexagesimals or octals."""

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _STR_TAG
        resolved: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return resolved


class _StrictComposer(Composer):
    """Composer that refuses anchors, aliases and tags, and bounds nesting depth."""

    file: str
    depth: int

    if TYPE_CHECKING:  # provided by the Parser mixin at run time

        def peek_event(self) -> Event: ...

        def check_event(self, *choices: type[Event]) -> bool: ...

    def _where(self, event: Event) -> Where:
        mark = event.start_mark
        return Where(self.file, mark.line + 1, mark.column + 1) if mark else Where(self.file)

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        if self.check_event(AliasEvent):
            raise HandbookError(
                [
                    error(
                        self._where(event),
                        "yaml-alias",
                        "aliases (*name) are not allowed",
                        "write the value out in full",
                    )
                ]
            )
        if getattr(event, "anchor", None) is not None:
            raise HandbookError(
                [
                    error(
                        self._where(event),
                        "yaml-anchor",
                        "anchors (&name) are not allowed",
                        "write each value out in full",
                    )
                ]
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise HandbookError(
                [
                    error(
                        self._where(event),
                        "yaml-tag",
                        f"tags such as '{tag.replace('tag:yaml.org,2002:', '!!')}' are not allowed",
                        "remove the tag; every value is read as text",
                    )
                ]
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise HandbookError([error(self._where(event), "yaml-depth", f"nesting deeper than {MAX_DEPTH} levels")])
        node = super().compose_node(parent, index)  # type: ignore[arg-type]
        self.depth -= 1
        return node


class _StrictLoader(Reader, Scanner, Parser, _StrictComposer, _StringResolver):
    def __init__(self, text: str, file: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _StringResolver.__init__(self)
        self.file = file
        self.depth = 0


def _fast_loader_class() -> Any:
    """The same composer fed by libyaml's event parser, or None when PyYAML has no libyaml."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class FastLoader(_StrictComposer, CParser, _StringResolver):
        def __init__(self, text: str, file: str) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            _StringResolver.__init__(self)
            self.file = file
            self.depth = 0

        def compose_scalar_node(self, anchor: dict[Any, Node]) -> ScalarNode:
            node: ScalarNode = super().compose_scalar_node(anchor)
            if node.style == "":  # libyaml's plain style; the pure-Python parser says None
                node.style = None
            return node

    return FastLoader


_FastLoader: Any = _fast_loader_class()


_KEY_FULLWIDTH_COLON = re.compile(r"^([ ]*(?:- )?)([A-Za-z_][A-Za-z0-9_-]*)[ ]*：")


def _input_method_slips(text: str, file: str) -> list[Diagnostic]:
    """Find full-width colons after keys and full-width indentation from Chinese input methods."""
    found: list[Diagnostic] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\u3000"):
            column = len(line) - len(stripped) + 1
            found.append(
                error(
                    Where(file, number, column),
                    "fullwidth-space",
                    "full-width space (U+3000) used for indentation",
                    "switch the input method to half-width and indent with ordinary spaces",
                )
            )
            continue
        match = _KEY_FULLWIDTH_COLON.match(line)
        if match:
            column = len(match.group(0))
            found.append(
                error(
                    Where(file, number, column),
                    "fullwidth-colon",
                    f"full-width colon '：' after key '{match.group(2)}'",
                    "type an ordinary colon ':' followed by a space",
                )
            )
    return found


def _compose_with(loader_class: Any, text: str, file: str) -> Node | None:
    loader = loader_class(text, file)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _compose(text: str, file: str) -> Node | None:
    if _FastLoader is not None:
        try:
            return _compose_with(_FastLoader, text, file)
        except (yaml.YAMLError, HandbookError, RecursionError):
            pass  # parse again below, for the pure-Python parser's wording and positions
    return _compose_with(_StrictLoader, text, file)


def _reader_error(exc: yaml.reader.ReaderError, text: str, file: str) -> Diagnostic:
    """A character YAML forbids (control characters and the like), with its position."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return error(
        Where(file, line, column),
        "yaml-character",
        f"character U+{code:04X} is not allowed in YAML",
        "delete it; it is often pasted in from another program by accident",
    )


def _escaped_character_error(where: Where, character: str) -> HandbookError:
    return HandbookError(
        [
            error(
                where,
                "yaml-character",
                f"character U+{ord(character):04X} is not allowed, not even written as an escape",
                "delete it; pages, diagrams and printouts cannot show it",
            )
        ]
    )


class _Builder:
    """Turn a composed node tree into plain data and a position table."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[NodePath, int] = {}
        self.typed: list[Diagnostic] = []  # plain values other YAML tools read as numbers or booleans

    def where(self, node: Node) -> Where:
        return Where(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: NodePath, key_where: Where | None = None) -> Data:
        value_where = self.where(node)
        key_point = point(key_where.line, key_where.column) if key_where else 0
        self.positions[path] = entry(point(value_where.line, value_where.column), key_point)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.style is None and node.value in _NULL_PLAIN:
            return None
        kind = yaml12_kind(node.value) if node.style is None else None
        if kind is not None:
            self.typed.append(typed_value_error(value_where, node.value, kind))
        value = self.text_of(node)
        if node.style in (None, ">") and node.start_mark.line != node.end_mark.line:
            value = _FOLDED_SPACE.sub("", value)
        return value

    def text_of(self, node: ScalarNode) -> str:
        """The scalar's text; characters YAML forbids raw are refused when escapes produced them."""
        value = str(node.value)
        bad = _NON_PRINTABLE.search(value)
        if bad:
            raise _escaped_character_error(self.where(node), bad.group())
        return value

    def mapping(self, node: MappingNode, path: NodePath) -> dict[str, Data]:
        result: dict[str, Data] = {}
        first_seen: dict[str, Where] = {}
        for key_node, value_node in node.value:
            key_where = self.where(key_node)
            if not isinstance(key_node, ScalarNode):
                raise HandbookError([error(key_where, "yaml-key", "a key must be plain text, not a list or mapping")])
            key = self.text_of(key_node)
            if key == "<<" and key_node.style is None:
                raise HandbookError(
                    [error(key_where, "yaml-merge", "merge keys (<<) are not allowed", "write the keys out in full")]
                )
            if key in first_seen:
                first = first_seen[key]
                raise HandbookError(
                    [
                        error(
                            key_where,
                            "duplicate-key",
                            f"duplicate key '{key}' (first defined on line {first.line})",
                            "delete or rename one of them",
                        )
                    ]
                )
            first_seen[key] = key_where
            result[key] = self.build(value_node, path + (key,), key_where)
        return result


def check_size(size: int, file: str) -> None:
    """Raise HandbookError if a file of ``size`` bytes is too large to load."""
    if size > MAX_FILE_BYTES:
        raise HandbookError(
            [
                error(
                    Where(file),
                    "file-too-large",
                    f"file is {size} bytes, more than the limit of {MAX_FILE_BYTES}",
                    "split the procedure into several smaller ones",
                )
            ]
        )


_RULES = Rules(MAX_DEPTH, frozenset(_NULL_PLAIN), _NON_PRINTABLE, _FOLDED_SPACE)


def load_yaml(data: bytes, file: str) -> LoadedDocument:
    """Parse one YAML document strictly; raise HandbookError with positions on any problem."""
    check_size(len(data), file)
    text = decode_utf8(data, file)
    slips = _input_method_slips(text, file)
    if slips:
        raise HandbookError(slips)
    quick = quick_load(text, _RULES)
    if quick is not None:
        return LoadedDocument(file, quick[0], Positions(file, quick[1]))
    try:
        root = _compose(text, file)
    except yaml.reader.ReaderError as exc:
        raise HandbookError([_reader_error(exc, text, file)]) from None
    except yaml.MarkedYAMLError as exc:
        raise HandbookError([syntax_error(exc, file, text)]) from None
    except yaml.YAMLError as exc:
        raise HandbookError([error(Where(file), "yaml-syntax", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise HandbookError([error(Where(file), "yaml-depth", "nesting too deep")]) from None
    if root is None:
        raise HandbookError(
            [
                error(
                    Where(file),
                    "empty-file",
                    "the file is empty",
                    "a procedure needs at least id, title, version and phases",
                )
            ]
        )
    builder = _Builder(file)
    content = builder.build(root, ())
    if builder.typed:
        raise HandbookError(builder.typed)
    return LoadedDocument(file, content, Positions(file, builder.positions))
