"""Reading PDFs in tests: open one, its text, its text without white space.

Text is read with pypdfium2 (other extractors return Kangxi radicals for Chinese)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium


def open_pdf(path: Path) -> Iterator[pdfium.PdfDocument]:
    """Loop once over the open document (``for document in open_pdf(path)``); it is closed afterwards."""
    document = pdfium.PdfDocument(path)
    try:
        yield document
    finally:
        document.close()


def page_text(document: pdfium.PdfDocument) -> str:
    return "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def squeeze(text: str) -> str:
    """Text without white space: PDF lines wrap wherever the layout put them."""
    return re.sub(r"\s+", "", text)
