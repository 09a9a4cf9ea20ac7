"""In-process measurements, each run in a fresh process: ``python -m bench.probe own|serve|pdf ROOT``.

own: our core alone (load, validate, render pages, flowcharts and checklists with their QR codes
for the handbook's site_url, as the build renders them), no MkDocs.
pdf: the checklist PDF step alone (every sheet and the bundle, as the build writes them): its CPU
time with the workers', the number of sheets, their median size, and the memory the step itself
takes: this process's peak during the step and its largest worker's, above what the loaded
handbook already held when the step began (workers are forked with it).
serve: what ``handbook serve`` does: one full build, then a rebuild after one YAML file is edited,
through the same MkDocs build call and plugin instances the live-reload server uses.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from pathlib import Path

from generator.clock import today
from generator.mkdocs_plugin.engine import read_settings
from generator.render.flowchart.bridge import flowchart_renderer
from generator.render.site.content import build_site_content
from generator.validate.pipeline import validate_root

SERVE_URL = "http://127.0.0.1:8000/"
EDIT_MARKER = "基准测试修改标记"


def own(root: Path) -> dict[str, float]:
    site_url = read_settings(root / "mkdocs.yml").site_url
    start = time.perf_counter()
    result = validate_root(root / "procedures", today())
    validated = time.perf_counter()
    assert result.handbook is not None
    content = build_site_content(result.handbook, today(), flowchart_renderer(), site_url=site_url)
    rendered = time.perf_counter()
    return {
        "validate_s": validated - start,
        "render_s": rendered - validated,
        "own_s": rendered - start,
        "files": float(len(content.files)),
    }


def edit_one_procedure(procedures: Path) -> tuple[Path, str]:
    """Change the text of one step in the first procedure; return the file and its page."""
    path = sorted(p for p in procedures.rglob("*.yaml") if p.parent != procedures)[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("details: ", f"details: {EDIT_MARKER}", 1), encoding="utf-8")
    return path, path.relative_to(procedures).with_suffix(".html").as_posix()


def serve(root: Path) -> dict[str, float]:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        return _serve_into(root, Path(folder))


def _serve_into(root: Path, site: Path) -> dict[str, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    def get_config() -> MkDocsConfig:  # as mkdocs.commands.serve does on every rebuild
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL, dirty=False)
        full = time.perf_counter() - start
        _, page = edit_one_procedure(root / "procedures")
        start = time.perf_counter()
        build(get_config(), serve_url=SERVE_URL, dirty=False)
        rebuild = time.perf_counter() - start
    finally:
        config.plugins.on_shutdown()
    if EDIT_MARKER not in (site / page).read_text(encoding="utf-8"):
        raise SystemExit(f"the rebuilt page {page} does not show the edit")
    return {"full_s": full, "rebuild_s": rebuild}


def pdf(root: Path) -> dict[str, float]:
    import resource
    import statistics

    from generator.publish.pdf import write_checklist_pdfs

    result = validate_root(root / "procedures", today())
    assert result.handbook is not None
    site = Path(tempfile.mkdtemp(prefix="bench-pdf-", dir=root))
    before = _resident_mb()
    _reset_peak()
    start, cpu_start = time.perf_counter(), _cpu_s()
    written = write_checklist_pdfs(result.handbook, site, read_settings(root / "mkdocs.yml").site_url)
    wall, cpu = time.perf_counter() - start, _cpu_s() - cpu_start
    sheets = [site / w.path for w in written[:-1]]
    parent_step = _peak_since_reset_mb()
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "before_step_mb": before,
        "step_mb": max(parent_step, worker) - before,
        "pdf_s": wall,
        "pdf_cpu_s": cpu,
        "sheets": float(len(sheets)),
        "median_sheet_kb": statistics.median(s.stat().st_size for s in sheets) / 1024,
        "bundle_kb": (site / written[-1].path).stat().st_size / 1024,
        "parent_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _resident_mb() -> float:
    return _status_mb("VmRSS")


def _reset_peak() -> None:
    """Start this process's peak resident memory afresh (Linux: write 5 to clear_refs)."""
    Path("/proc/self/clear_refs").write_text("5")


def _peak_since_reset_mb() -> float:
    return _status_mb("VmHWM")


def _cpu_s() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


PROBES = {"own": own, "serve": serve, "pdf": pdf}


def main() -> int:
    what, root = sys.argv[1], Path(sys.argv[2]).resolve()
    figures = PROBES[what](root)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
