"""Checklist PDFs with WeasyPrint: one per sheet and one bundle with an outline.

The only module that knows the PDF engine. Each sheet is laid out once; the bundle reuses those
pages, so every sheet keeps its own "page x of y". Nothing is fetched: the print documents are
self-contained and the engine may not open any URL. The output is reproducible: the dates in
the PDF are the procedures' effective dates, and WeasyPrint adds no random identifiers.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.diagnostics import HandbookError, Where, error
from generator.model.handbook import Handbook
from generator.render import paths
from generator.render.checklist.print_html import print_html
from generator.render.checklist.sheets import Sheet, all_sheets
from generator.render.labels import labels_for


@dataclass(frozen=True)
class WrittenPdf:
    path: str
    pages: int


def _engine() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are missing
        message = f"the PDF engine (WeasyPrint) cannot start: {exc}"
        hint = "run `make system-deps` (Debian: libpango-1.0-0, libpangoft2-1.0-0, fonts-noto-cjk)"
        raise HandbookError([error(Where("checklists"), "pdf-engine", message, hint)]) from None
    return weasyprint


def _layout(weasyprint: Any, html: str) -> Any:
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    return weasyprint.HTML(string=html, url_fetcher=fetcher).render()


def _bundle(documents: list[Any], handbook: Handbook, newest: date) -> Any:
    bundle = documents[0].copy([page for document in documents for page in document.pages])
    labels = labels_for(handbook.language)
    bundle.metadata.title = f"{handbook.title} · {labels.checklists}"
    stamp = f"{newest.isoformat()}T00:00:00Z"
    bundle.metadata.created = bundle.metadata.modified = stamp
    return bundle


def write_checklist_pdfs(handbook: Handbook, site_dir: Path, site_url: str | None) -> list[WrittenPdf]:
    """Write every sheet's PDF and the bundle under ``site_dir``; return what was written, in order."""
    weasyprint = _engine()
    sheets: tuple[Sheet, ...] = all_sheets(handbook)
    documents: list[Any] = []
    written: list[WrittenPdf] = []
    for sheet in sheets:
        document = _layout(weasyprint, print_html(sheet, handbook.language, site_url))
        target = site_dir / sheet.pdf
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target)
        documents.append(document)
        written.append(WrittenPdf(sheet.pdf, len(document.pages)))
    if documents:
        bundle = _bundle(documents, handbook, max(s.effective for s in sheets))
        bundle.write_pdf(site_dir / paths.CHECKLISTS_BUNDLE)
        written.append(WrittenPdf(paths.CHECKLISTS_BUNDLE, len(bundle.pages)))
    return written


def update_checklist_pdfs(handbook: Handbook, site_dir: Path, site_url: str | None) -> list[WrittenPdf]:
    """Regenerate the PDFs of an already built site: all are written first, then moved in."""
    site_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".checklists-pdf-", dir=site_dir))
    try:
        written = write_checklist_pdfs(handbook, staging, site_url)
        for pdf in written:
            target = site_dir / pdf.path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / pdf.path, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
