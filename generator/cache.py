"""Content digests, and a memo that keeps what the latest run used: shared by validation and rendering.

``handbook build`` validates before MkDocs starts and the live preview validates and renders on
every change: files and procedures that did not change are not parsed, checked or rendered again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")
Key = tuple[Hashable, ...]


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class RunCache(Generic[Value]):
    """A memo whose entries live while the runs keep asking for them."""

    def __init__(self) -> None:
        self._entries: dict[Key, Value] = {}
        self._used: dict[Key, Value] = {}

    def get(self, key: Key, compute: Callable[[], Value]) -> Value:
        if key in self._used:
            return self._used[key]
        value = self._entries[key] if key in self._entries else compute()
        self._used[key] = value
        return value

    def end_run(self) -> None:
        """Forget what this run did not ask for."""
        self._entries, self._used = self._used, {}

    def clear(self) -> None:
        self._entries, self._used = {}, {}
