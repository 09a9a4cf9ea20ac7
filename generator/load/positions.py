"""A document's position table, packed: one int per node instead of three objects.

Every node of every loaded file keeps where its value (and, in a mapping, its key) starts, so a
later check can point at the exact line. A handbook of 10,000 procedures has millions of nodes;
as ``Where`` objects the table alone took most of a gigabyte. Packed into one int per node it
takes a fraction of that, and a ``Where`` is made only when a diagnostic asks for one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from generator.diagnostics import Where

PathKey: TypeAlias = str | int
NodePath: TypeAlias = tuple[PathKey, ...]

# A file is at most 2 MiB, so a line or column number fits in 22 bits (tests check the limit).
_BITS = 22
_MASK = (1 << _BITS) - 1
MAX_LINE_OR_COLUMN = _MASK
_KEY_SHIFT = 2 * _BITS


def point(line: int, column: int) -> int:
    """A 1-based line and column as one int (0 stands for "no position")."""
    return line | column << _BITS


def entry(value: int, key: int = 0) -> int:
    """A node's table entry: where its value starts and, for a mapping entry, where its key starts."""
    return value | key << _KEY_SHIFT


@dataclass(frozen=True, slots=True)
class Located:
    """Where a node's value starts and, for a mapping entry, where its key starts."""

    value: Where
    key: Where | None = None


class Positions(Mapping[NodePath, Located]):
    """The positions of one file's nodes by path, unpacked only when asked for."""

    __slots__ = ("_packed", "file")

    def __init__(self, file: str, packed: dict[NodePath, int]) -> None:
        self.file = file
        self._packed = packed

    def __reduce__(self) -> tuple[type[Positions], tuple[str, dict[NodePath, int]]]:
        return Positions, (self.file, self._packed)

    def _where(self, packed_point: int) -> Where:
        return Where(self.file, packed_point & _MASK, packed_point >> _BITS & _MASK)

    def __getitem__(self, path: NodePath) -> Located:
        packed = self._packed[path]
        key = packed >> _KEY_SHIFT
        return Located(self._where(packed), self._where(key) if key else None)

    def __iter__(self) -> Iterator[NodePath]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Positions):
            return self.file == other.file and self._packed == other._packed
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, compared by content

    def as_json(self) -> list[list[Any]]:
        """The packed positions as JSON data, ``[path, packed]`` pairs (``from_json`` reads them back)."""
        return [[list(path), packed] for path, packed in self._packed.items()]

    @classmethod
    def from_json(cls, file: str, pairs: list[list[Any]]) -> Positions:
        return cls(file, {tuple(path): int(packed) for path, packed in pairs})

    def at(self, path: NodePath, *, key: bool = False) -> Where:
        """Where the node at ``path`` starts (its key with ``key=True``), or its nearest ancestor."""
        for end in range(len(path), -1, -1):
            packed = self._packed.get(path[:end])
            if packed is not None:
                key_point = packed >> _KEY_SHIFT
                return self._where(key_point if key and key_point and end == len(path) else packed)
        return Where(self.file, 1, 1)
