"""A build cache on disk: outputs kept by the digest of everything that makes them.

Each entry is the raw bytes of one output next to a small JSON record of the format version,
the digest of those bytes and what the caller wants to remember about them (a PDF's page count).
An entry is trusted only when its record parses, names this format and this key, and the bytes
have the digest the record gives; anything else is ignored with a warning and made again. Writes
go to a temporary file first and are moved in place, so a killed build leaves no half entry.
Safe formats only: JSON and raw bytes, never pickle.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
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

    def _paths(self, kind: str, key: str) -> tuple[Path, Path]:
        base = self.folder / kind / key[:2] / key
        return base.with_suffix(".bin"), base.with_suffix(".json")

    def get(self, kind: str, key: str) -> CachedOutput | None:
        """The output kept under ``key``, or None when there is none that can be trusted."""
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
        data_path, record_path = self._paths(kind, key)
        record = {"format": FORMAT, "key": key, "digest": digest(data), "facts": facts}
        try:
            data_path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(data_path, data)
            _write_atomically(record_path, json.dumps(record, sort_keys=True).encode())
        except OSError as exc:
            print(f"handbook: warning: build cache not written: {exc}", file=sys.stderr)


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
