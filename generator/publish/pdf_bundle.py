"""The bundle of every checklist: the sheets' own PDF files joined, with an outline and page labels.

It is assembled from the files already written, so no sheet has to stay laid out in memory:
each sheet keeps its bookmarks (the sheet's title and its pause points) and its own "page x of
y", and the viewer's page numbers restart at each sheet, prefixed with the sheet's key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pypdf import PdfWriter
from pypdf.constants import PageLabelStyle


@dataclass(frozen=True)
class BundlePart:
    path: Path
    key: str


def pdf_date(day: date) -> str:
    return f"D:{day.strftime('%Y%m%d')}000000Z"


def write_bundle(target: Path, parts: Sequence[BundlePart], title: str, newest: date) -> int:
    """Join ``parts`` into ``target``; return its page count. Byte-identical for the same input."""
    writer = PdfWriter()
    for part in parts:
        start = len(writer.pages)
        writer.append(str(part.path), import_outline=True)
        writer.set_page_label(start, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, prefix=f"{part.key} ")
    stamp = pdf_date(newest)
    writer.add_metadata({"/Title": title, "/CreationDate": stamp, "/ModDate": stamp, "/Producer": "handbook"})
    with target.open("wb") as stream:
        writer.write(stream)
    return len(writer.pages)
