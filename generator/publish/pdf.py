"""Checklist PDFs with Typst: one per sheet and one bundle with an outline.

The only module that knows the PDF engine. Each sheet's words come from ``print_data`` (the
same ``Sheet`` the site's checklist page shows) and are laid out by ``templates/print_sheet.typ``;
every sheet is laid out, written and let go at once, on every usable core, so memory does not
grow with the number of sheets; the bundle is then streamed from the written files, one sheet
at a time (``pdf_bundle``). The engine memoises what it lays out and forgets it only after ten
later layouts; a long sheet (the whole-day sheet of a role that many procedures share) is therefore
followed by empty layouts, so that long sheets in a row do not add up. What still grows is the
layout of the one longest sheet. The engine embeds only the glyphs each sheet uses. Nothing is
fetched: the layout reads no file but its own template and the fonts. The output is reproducible: the
dates in the PDFs are the procedures' effective dates.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from generator.cache import digest
from generator.diagnostics import HandbookError, Where, error
from generator.model.handbook import Handbook
from generator.publish.build_cache import BuildCache
from generator.publish.output_file import check_output, move_output
from generator.publish.pdf_bundle import BundlePart, write_bundle
from generator.publish.print_fonts import PrintFonts, print_fonts
from generator.render import paths
from generator.render.checklist.print_data import print_data
from generator.render.checklist.sheets import Sheet, all_sheets
from generator.render.labels import labels_for
from generator.render.parallel_map import map_in_workers
from generator.render.templating import TEMPLATE_DIR

LAYOUT = TEMPLATE_DIR / "print_sheet.typ"

# The engine keeps what it memoised while laying a sheet out until this many later layouts have
# not used it (the Python binding ages its memo once after every layout, and keeps ten).
ENGINE_MEMO_AGE = 10
# A sheet's data above this size (a role's sheet drawing on many procedures) leaves a memo worth
# ageing out at once: tens of megabytes each, so that ten such sheets in a row would hold them all.
LARGE_SHEET_DATA = 16_000


@dataclass(frozen=True)
class WrittenPdf:
    path: str
    pages: int


def _engine() -> Any:
    try:
        import typst
    except ImportError as exc:
        message = f"the PDF engine (Typst) cannot start: {exc}"
        hint = "reinstall the tool with its dependencies (make build does it)"
        raise HandbookError([error(Where("checklists"), "pdf-engine", message, hint)]) from None
    return typst


class _Layout:
    """The engine with the sheet layout and fonts loaded: one per process, made when first used.

    Workers are forked; a compiler is never carried across a fork, each process makes its own.
    """

    _made: tuple[int, Any] | None = None

    @classmethod
    def compiler(cls, fonts: PrintFonts) -> Any:
        if cls._made is None or cls._made[0] != os.getpid():
            made = _engine().Compiler(
                str(LAYOUT),
                root=str(LAYOUT.parent),
                font_paths=list(fonts.folders),
                ignore_system_fonts=not fonts.system_fonts,
            )
            cls._made = (os.getpid(), made)
        return cls._made[1]


def engine_identity(fonts: PrintFonts) -> str:
    """What besides a sheet's data decides its PDF: engine version, layout, fonts."""
    font_files = sorted(
        f"{entry.name}:{entry.stat().st_size}"
        for folder in fonts.folders
        for entry in Path(folder).iterdir()
        if entry.is_file()
    )
    parts = [getattr(_engine(), "__version__", "?"), LAYOUT.read_text(encoding="utf-8"), str(fonts), *font_files]
    return digest("\n".join(parts).encode())


@dataclass(frozen=True)
class _SheetJob:
    language: str
    site_url: str | None
    site_dir: Path
    cache: BuildCache | None
    engine: str
    fonts: PrintFonts
    settling: str  # the data of a sheet with no items: laid out to age the engine's memo


def _settle(job: _SheetJob) -> None:
    """Age out what the engine memoised for the last sheet, by laying out an empty sheet enough times.

    The binding offers no other way to release it; an empty sheet takes a few milliseconds."""
    compiler = _Layout.compiler(job.fonts)
    for _ in range(ENGINE_MEMO_AGE):
        compiler.compile(sys_inputs={"data": job.settling}, format="pdf")


def _sheet_data(sheet: Sheet, language: str, site_url: str | None) -> str:
    return json.dumps(print_data(sheet, language, site_url), ensure_ascii=False)


def _write_sheet(sheet: Sheet, job: _SheetJob) -> int:
    """Lay ``sheet`` out (or take it from the cache), write it, and return its page count."""
    document = _sheet_data(sheet, job.language, job.site_url)
    key = digest(f"{job.engine}\n{document}".encode())
    target = job.site_dir / sheet.pdf
    kept = job.cache.get("pdf", key) if job.cache is not None else None
    if kept is not None and isinstance(kept.facts.get("pages"), int):
        target.write_bytes(kept.data)
        return int(kept.facts["pages"])
    try:
        pdf: bytes = _Layout.compiler(job.fonts).compile(sys_inputs={"data": document}, format="pdf")
    except RuntimeError as exc:  # Typst reports layout failures this way
        message = f"the PDF of this checklist could not be laid out: {exc}"
        raise HandbookError([error(Where(sheet.page), "pdf-layout", message)]) from None
    if len(document) > LARGE_SHEET_DATA:
        _settle(job)
    target.write_bytes(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    if job.cache is not None:
        job.cache.put("pdf", key, pdf, {"pages": pages})
    return pages


def _write_sheets(sheets: tuple[Sheet, ...], job: _SheetJob) -> list[int]:
    """Each sheet's PDF, on every usable core; the page count of each.

    The forked workers already hold the sheets: they are sent only each sheet's index, never a
    sheet (a role's sheet refers to every procedure it draws on, and would be copied whole)."""
    for sheet in sheets:
        (job.site_dir / sheet.pdf).parent.mkdir(parents=True, exist_ok=True)
    return map_in_workers(lambda index: _write_sheet(sheets[index], job), range(len(sheets)))


def write_checklist_pdfs(
    handbook: Handbook, site_dir: Path, site_url: str | None, cache: BuildCache | None = None
) -> list[WrittenPdf]:
    """Write every sheet's PDF and the bundle under ``site_dir``; return what was written, in order.

    With a ``cache``, a sheet whose data, layout, engine and fonts are unchanged is copied from it.
    """
    sheets: tuple[Sheet, ...] = all_sheets(handbook)
    if not sheets:
        return []
    _engine()  # a clear error before any worker starts
    fonts = print_fonts()  # looked up once, before the workers fork
    identity = engine_identity(fonts) if cache is not None else ""
    settling = _sheet_data(replace(sheets[0], groups=()), handbook.language, site_url)
    job = _SheetJob(handbook.language, site_url, site_dir, cache, identity, fonts, settling)
    pages = _write_sheets(sheets, job)
    written = [WrittenPdf(sheet.pdf, count) for sheet, count in zip(sheets, pages, strict=True)]
    title = f"{handbook.title} · {labels_for(handbook.language).checklists}"
    parts = [BundlePart(site_dir / sheet.pdf, sheet.key) for sheet in sheets]
    bundle_pages = write_bundle(
        site_dir / paths.CHECKLISTS_BUNDLE, parts, title, max(sheet.effective for sheet in sheets), cache
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
