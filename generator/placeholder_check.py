"""Warn about placeholder text that `handbook new` wrote and nobody has replaced yet.

A new procedure validates as it stands so that an editor can preview it at once; the values
still to be written are warnings, which fail ``handbook validate --strict`` and show as
annotations on a pull request, so that no "待填写" reaches the published handbook unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, warning
from generator.scaffold import PLACEHOLDER_MARKERS
from generator.yaml_loader import Data, LoadedDocument
from generator.yaml_positions import NodePath


def _strings(data: Data, path: NodePath) -> Iterator[tuple[NodePath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def placeholder_warnings(doc: LoadedDocument) -> list[Diagnostic]:
    return [
        warning(
            doc.where(path),
            "placeholder",
            f"placeholder left to fill in: '{text}'",
            "replace it with the real content before the procedure is published",
        )
        for path, text in _strings(doc.data, ())
        if text.strip().startswith(PLACEHOLDER_MARKERS)
    ]
