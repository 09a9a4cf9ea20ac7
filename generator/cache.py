"""Content digests, a memo that keeps what the latest run used, and the texts a build may keep on disk.

``handbook build`` validates before MkDocs starts and the live preview validates and renders on
every change: files and procedures that did not change are not parsed, checked or rendered again.

A build can also lend the core a store that outlives it (the build cache): ``kept_text`` then
gives back what was made before from the same parts by the same code, and keeps what it makes.
Without a store, as in the preview and the tests, everything is simply made.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Generic, Protocol, TypeVar

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


class TextStore(Protocol):
    """Texts kept by key across builds; ``make`` gives the text when none is kept."""

    def text(self, kind: str, key: str, make: Callable[[], str]) -> str: ...


_STORES: list[TextStore] = []  # the store lent by the running build; forked workers inherit it
# Libraries whose output ends up in kept texts: a new version of one makes new entries.
_LIBRARIES = ("jinja2", "markupsafe", "segno")


@functools.cache
def code_identity() -> str:
    """A digest of this tool's own files and of the libraries it renders with: a kept text is only
    reused by the very code that made it, even between two commits of the same version."""
    package = Path(__file__).parent
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in _LIBRARIES:
        hasher.update(f"{library}={metadata.version(library)}\0".encode())
    return hasher.hexdigest()


@contextmanager
def texts_kept_in(store: TextStore | None) -> Iterator[None]:
    """While the block runs, ``kept_text`` uses ``store`` (when there is one)."""
    if store is None:
        yield
        return
    _STORES.append(store)
    try:
        yield
    finally:
        _STORES.remove(store)


def kept_text(kind: str, parts: tuple[str, ...], make: Callable[[], str]) -> str:
    """``make()``, or the text it gave for the same ``parts`` before, from the store a build lent.

    ``parts`` must name everything the text depends on besides this tool's code."""
    if not _STORES:
        return make()
    key = digest("\0".join((code_identity(), kind, *parts)).encode())
    return _STORES[-1].text(kind, key, make)
