"""A build cache on disk: outputs kept by the digest of everything that makes them.

Each entry is the raw bytes of one output next to a small JSON record of the format version,
the digest of those bytes and what the caller wants to remember about them (a PDF's page count).
An entry is trusted only when its record parses, names this format and this key, and the bytes
have the digest the record gives; anything else is ignored with a warning and made again. Writes
go to a temporary file first and are moved in place, so a killed build leaves no half entry.
Safe formats only: JSON and raw bytes, never pickle.

The cache remembers which entries a build asked for. After a successful build, ``prune`` removes
the entries of the kinds that build used which it did not ask for (pages since edited, PDFs of
changed sheets), so the folder a workflow saves and restores keeps the size of one build. Kinds the
build did not use at all (the PDFs, in a ``--no-pdf`` build) are left as they are.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cache import digest

FORMAT = "handbook-build-cache/1"
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
        self._asked: defaultdict[str, set[str]] = defaultdict(set)

    def _paths(self, kind: str, key: str) -> tuple[Path, Path]:
        base = self.folder / kind / key[:2] / key
        return base.with_suffix(".bin"), base.with_suffix(".json")

    def get(self, kind: str, key: str) -> CachedOutput | None:
        """The output kept under ``key``, or None when there is none that can be trusted."""
        self._asked[kind].add(key)
        data_path, record_path = self._paths(kind, key)
        try:
            record_text = record_path.read_text(encoding="utf-8")
            data = data_path.read_bytes()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            _warn(f"{record_path.name} cannot be read ({exc})")
            return None
        try:
            record = json.loads(record_text)
        except ValueError:
            _warn(f"{record_path.name} is not valid JSON")
            return None
        problem = _record_problem(record, key, data)
        if problem is not None:
            _warn(f"{record_path.name} {problem}")
            return None
        return CachedOutput(data, dict(record["facts"]))

    def put(self, kind: str, key: str, data: bytes, facts: dict[str, Any]) -> None:
        """Keep ``data`` under ``key``; a cache that cannot be written is only warned about."""
        self._asked[kind].add(key)
        data_path, record_path = self._paths(kind, key)
        record = {"format": FORMAT, "key": key, "digest": digest(data), "facts": facts}
        try:
            data_path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(data_path, data)
            _write_atomically(record_path, json.dumps(record, sort_keys=True).encode())
        except OSError as exc:
            print(f"handbook: warning: build cache not written: {exc}", file=sys.stderr)


    def asked_for(self, kind: str, keys: list[str]) -> None:
        """Count ``keys`` as asked for by this build: for entries other processes got or put."""
        self._asked[kind].update(keys)

    def prune(self) -> int:
        """Remove the entries of the kinds asked for that were not asked for; how many went.

        Call it after a build that succeeded: one that failed halfway asked for less than it needs."""
        removed = 0
        try:
            for kind, asked in self._asked.items():
                for path in sorted((self.folder / kind).glob("??/*")):
                    if path.name.split(".", 1)[0] not in asked and path.name[:2] == path.parent.name:
                        removed += path.suffix == ".bin"
                        path.unlink(missing_ok=True)
                for shard in (self.folder / kind).glob("??"):
                    if not any(shard.iterdir()):
                        shard.rmdir()
        except OSError as exc:
            print(f"handbook: warning: build cache not pruned: {exc}", file=sys.stderr)
        return removed


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
