"""Warn about placeholder text that `handbook new` wrote and nobody has replaced yet.

A new procedure validates as it stands so that an editor can preview it at once; the values
still to be written are warnings, which fail ``handbook validate --strict`` and show as
annotations on a pull request, so that no "待填写" reaches the published handbook unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, warning
from generator.load.positions import NodePath
from generator.load.yaml_loader import Data, LoadedDocument

# Every placeholder value `handbook new` writes starts with one of these.
PLACEHOLDER_MARKERS = ("待填写", "To fill in")


def _strings(data: Data) -> Iterator[tuple[NodePath, str]]:
    """Every string in ``data`` with its path, in document order (a loop, not nested generators)."""
    stack: list[tuple[NodePath, Data]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend(reversed([((*path, key), item) for key, item in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([((*path, index), item) for index, item in enumerate(value)]))


def placeholder_warnings(doc: LoadedDocument) -> list[Diagnostic]:
    return [
        warning(
            doc.where(path),
            "placeholder",
            f"placeholder left to fill in: '{text}'",
            "replace it with the real content before the procedure is published",
        )
        for path, text in _strings(doc.data)
        if text.strip().startswith(PLACEHOLDER_MARKERS)
    ]
