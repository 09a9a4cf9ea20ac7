"""Checklist PDFs with WeasyPrint: one per sheet and one bundle with an outline.

The only module that knows the PDF engine. Every sheet is laid out, written and let go at once,
on every usable core, so memory does not grow with the number of sheets; the bundle is then
joined from the written files (``pdf_bundle``). The fonts are cut down once per run to the
characters the sheets use (``print_fonts``). Nothing is fetched: the print documents are
self-contained and the engine may open no URL but the run's own fonts. The output is
reproducible: the dates in the PDFs are the procedures' effective dates, and WeasyPrint adds
no random identifiers.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from generator.diagnostics import HandbookError, Where, error
from generator.model.handbook import Handbook
from generator.publish.output_file import check_output, move_output
from generator.publish.pdf_bundle import BundlePart, write_bundle
from generator.publish.print_fonts import PrintFonts, print_fonts
from generator.render import paths
from generator.render.checklist.print_html import print_html
from generator.render.checklist.sheets import Sheet, all_sheets
from generator.render.labels import labels_for
from generator.render.parallel_map import map_in_workers

# The engine's own scratch files (fonts handed to fontconfig) go here, inside the folder being built.
WORK_FOLDER = ".pdf-work"
_TAG = re.compile(r"<[^>]*>")


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


class _SheetWriter:
    """Lays out one print document at a time and writes it; holds only the run's fonts."""

    def __init__(self, weasyprint: Any, fonts: PrintFonts | None) -> None:
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcherResponse

        files = fonts.files if fonts else {}

        class OwnFontsOnly(weasyprint.URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                if url in files:
                    return URLFetcherResponse(url, body=files[url], headers={"Content-Type": "font/otf"})
                raise ValueError(f"the print documents may not load {url}")

        self.html_class = weasyprint.HTML
        self.fetcher = OwnFontsOnly(allowed_protocols=None)
        self.font_config = FontConfiguration()
        self.stylesheets = (
            [weasyprint.CSS(string=fonts.stylesheet, font_config=self.font_config, url_fetcher=self.fetcher)]
            if fonts
            else []
        )

    def write(self, html: str, target: Path) -> int:
        """Lay ``html`` out, write it to ``target``, and return its page count."""
        document = self.html_class(string=html, url_fetcher=self.fetcher).render(
            stylesheets=self.stylesheets, font_config=self.font_config
        )
        document.write_pdf(target)
        return len(document.pages)


@contextmanager
def _scratch_folder(folder: Path) -> Iterator[None]:
    """Temporary files made meanwhile go into ``folder``, which is removed afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    previous = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)


def _characters(documents: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for document in documents:
        found.update(unescape(_TAG.sub(" ", document)))
    return found


def _write_sheets(sheets: Sequence[Sheet], documents: Sequence[str], site_dir: Path) -> list[int]:
    """Each sheet's PDF, on every usable core; the page count of each."""
    weasyprint = _engine()
    for sheet in sheets:
        (site_dir / sheet.pdf).parent.mkdir(parents=True, exist_ok=True)
    with _scratch_folder(site_dir / WORK_FOLDER):
        writer = _SheetWriter(weasyprint, print_fonts(_characters(documents)))
        return map_in_workers(lambda i: writer.write(documents[i], site_dir / sheets[i].pdf), range(len(sheets)))


def write_checklist_pdfs(handbook: Handbook, site_dir: Path, site_url: str | None) -> list[WrittenPdf]:
    """Write every sheet's PDF and the bundle under ``site_dir``; return what was written, in order."""
    sheets: tuple[Sheet, ...] = all_sheets(handbook)
    if not sheets:
        return []
    documents = map_in_workers(lambda i: print_html(sheets[i], handbook.language, site_url), range(len(sheets)))
    pages = _write_sheets(sheets, documents, site_dir)
    del documents  # the bundle is joined from the files; the print documents are no longer needed
    written = [WrittenPdf(sheet.pdf, count) for sheet, count in zip(sheets, pages, strict=True)]
    title = f"{handbook.title} · {labels_for(handbook.language).checklists}"
    parts = [BundlePart(site_dir / sheet.pdf, sheet.key) for sheet in sheets]
    bundle_pages = write_bundle(
        site_dir / paths.CHECKLISTS_BUNDLE, parts, title, max(sheet.effective for sheet in sheets)
    )
    written.append(WrittenPdf(paths.CHECKLISTS_BUNDLE, bundle_pages))
    return written


def update_checklist_pdfs(handbook: Handbook, site_dir: Path, site_url: str | None) -> list[WrittenPdf]:
    """Regenerate the PDFs of an already built site: all are written first, then moved in.

    OutputError when a PDF cannot be put in place (a folder where a PDF goes, a link out of the
    site): every target is checked before the first is replaced.
    """
    site_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".checklists-pdf-", dir=site_dir))
    try:
        written = write_checklist_pdfs(handbook, staging, site_url)
        for pdf in written:  # every target is checked before any is replaced
            check_output(site_dir / pdf.path, inside=site_dir)
        for pdf in written:
            move_output(staging / pdf.path, site_dir / pdf.path, inside=site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
