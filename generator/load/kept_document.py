"""A loaded document as JSON, for a build to keep: its plain data and the packed positions of its nodes.

Only documents that loaded and passed every per-file check are kept, so nothing but the document
itself needs keeping; what is read back is equal to what was loaded.
"""

from __future__ import annotations

import json

from generator.load.positions import Positions
from generator.load.yaml_loader import LoadedDocument


def document_json(doc: LoadedDocument) -> str:
    return json.dumps({"data": doc.data, "positions": doc.positions.as_json()}, ensure_ascii=False)


def document_from_json(text: str, file: str) -> LoadedDocument | None:
    """The document ``document_json`` wrote, or None when ``text`` is not one."""
    try:
        record = json.loads(text)
        return LoadedDocument(file, record["data"], Positions.from_json(file, record["positions"]))
    except (ValueError, KeyError, TypeError):
        return None
