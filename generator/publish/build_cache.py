"""A build cache on disk: outputs kept by the digest of everything that makes them.

Each entry is one file: a line of JSON recording the format version, the digest of the output's
bytes and what the caller wants to remember about them (a PDF's page count), then those bytes.
An entry is trusted only when its record parses, names this format and this key, and the bytes
have the digest the record gives; anything else is ignored with a warning and made again. Writes
go to a temporary file first and are moved in place, so a killed build leaves no half entry.
Safe formats only: JSON and raw bytes, never pickle.

An entry a build reads is touched, and one it writes is new, whichever process does it (the PDF
and page workers write entries too). After a successful build, ``prune`` removes the entries of
the kinds that build used which it did not touch (pages since edited, PDFs of changed sheets), so
the folder a workflow saves and restores keeps the size of one build. Kinds the build did not use
at all (the PDFs, in a ``--no-pdf`` build) are left as they are.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cache import digest

FORMAT = "handbook-build-cache/2"
DEFAULT_FOLDER = ".handbook-cache"


@dataclass(frozen=True)
class CachedOutput:
    data: bytes
    facts: dict[str, Any]


def _warn(message: str) -> None:
    print(f"handbook: warning: build cache: {message}; made again", file=sys.stderr)


class BuildCache:
    """Outputs in ``folder``, one per key; ``kind`` keeps kinds of output apart."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started = _start_time(folder)  # entries older than this were not used by this build

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.bin"

    def get(self, kind: str, key: str) -> CachedOutput | None:
        """The output kept under ``key``, or None when there is none that can be trusted."""
        path = self._path(kind, key)
        try:
            entry = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            _warn(f"{path.name} cannot be read ({exc})")
            return None
        record_line, _, data = entry.partition(b"\n")
        try:
            record = json.loads(record_line)
        except ValueError:
            _warn(f"{path.name} does not start with a valid JSON record")
            return None
        problem = _record_problem(record, key, data)
        if problem is not None:
            _warn(f"{path.name} {problem}")
            return None
        with contextlib.suppress(OSError):  # a cache that cannot be touched is only not pruned
            os.utime(path)
        return CachedOutput(data, dict(record["facts"]))

    def text(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """The text kept under ``key``, or ``make()``'s, kept there for the next build."""
        kept = self.get(kind, key)
        if kept is not None:
            try:
                return kept.data.decode("utf-8")
            except UnicodeDecodeError:
                _warn(f"{key}.bin is not text")
        made = make()
        self.put(kind, key, made.encode("utf-8"), {})
        return made

    def put(self, kind: str, key: str, data: bytes, facts: dict[str, Any]) -> None:
        """Keep ``data`` under ``key``; a cache that cannot be written is only warned about."""
        path = self._path(kind, key)
        record = {"format": FORMAT, "key": key, "digest": digest(data), "facts": facts}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, json.dumps(record, sort_keys=True).encode() + b"\n" + data)
        except OSError as exc:
            print(f"handbook: warning: build cache not written: {exc}", file=sys.stderr)

    def prune(self) -> int:
        """Remove the entries this build did not use, of the kinds it used; how many went.

        Call it after a build that succeeded: one that failed halfway used less than it needs."""
        removed = 0
        try:
            for kind_folder in sorted(p for p in self.folder.iterdir() if p.is_dir()):
                removed += _prune_kind(kind_folder, self.started)
        except FileNotFoundError:
            return 0
        except OSError as exc:
            print(f"handbook: warning: build cache not pruned: {exc}", file=sys.stderr)
        return removed


def _start_time(folder: Path) -> float:
    """Now, as the cache's file system tells time: a marker file is touched and its time read back,
    so that entries are compared with a time of the same clock and the same precision."""
    marker = folder / "build-started"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        marker.touch()
        return marker.stat().st_mtime
    except OSError:
        return time.time()


def _prune_kind(folder: Path, started: float) -> int:
    """Remove the entries in ``folder`` older than ``started``, if any entry there is newer."""
    entries = [(path, path.stat().st_mtime) for path in folder.glob("??/*.bin")]
    if not any(mtime >= started for _, mtime in entries):
        return 0  # a kind this build did not use
    stale = [path for path, mtime in entries if mtime < started]
    for path in stale:
        path.unlink(missing_ok=True)
    for shard in folder.glob("??"):
        if not any(shard.iterdir()):
            shard.rmdir()
    return len(stale)


def _record_problem(record: object, key: str, data: bytes) -> str | None:
    if not isinstance(record, dict) or not isinstance(record.get("facts"), dict):
        return "is not a cache record"
    if record.get("format") != FORMAT:
        return f"was written by another version ({record.get('format')!r})"
    if record.get("key") != key:
        return "belongs to another entry"
    if record.get("digest") != digest(data):
        return "does not match its data"
    return None


def _write_atomically(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
