"""Plain scalars that YAML 1.2 tools read as numbers or booleans.

This tool reads every scalar as text, but an editor's language server and check-jsonschema read
YAML 1.2: to them an unquoted ``1.0`` is a number and ``true`` a boolean, which the schema (text
everywhere) refuses. So that every tool gives the same verdict, such plain scalars are refused here
too, with the fix: quotes. The patterns are YAML 1.2's core schema, as ruamel.yaml resolves it
(what check-jsonschema uses); ``8:30``, ``no`` and ``2026-01-01`` stay text in YAML 1.2.
"""

from __future__ import annotations

import re

_BOOLEAN = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_NUMBER = re.compile(
    r"(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
    r"|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]*[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+)\Z"
)
_FIRST = frozenset("-+.0123456789tTfF")


def yaml12_kind(plain: str) -> str | None:
    """ "number" or "boolean" when YAML 1.2 reads this plain (unquoted) scalar so; None for text."""
    if not plain or plain[0] not in _FIRST:
        return None
    if _BOOLEAN.match(plain):
        return "boolean"
    if _NUMBER.match(plain):
        return "number"
    return None
