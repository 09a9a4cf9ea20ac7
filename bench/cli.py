"""``python -m bench``: measure validate, build, the plain-Material baseline, check-jsonschema and
the serve loop at several handbook sizes, print a table and write bench/results.json."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.probe import edit_one_procedure
from bench.process import CommandFailed, checked, nav_bytes_per_page, run_measured, tree_bytes
from bench.report import Results, print_table, ratios, summary
from bench.synth import SEED, write_handbook
from generator.mkdocs_plugin.zensical_engine import INSTALL_HINT, zensical_command
from generator.render.word_cache import jieba_cache_dir

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (100, 1000, 10000)
QUICK_SIZES = (20,)


def _tool(name: str) -> str:
    """An executable installed beside this Python (the project's virtual environment)."""
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        raise CommandFailed(f"{name} is not installed: run make bench, which installs the bench extra")
    return found


def _figures(run: Any, **extra: float) -> dict[str, float]:
    return {"wall_s": round(run.wall_s, 3), "peak_rss_mb": round(run.peak_rss_mb, 1), **extra}


def _probe(kind: str, root: Path) -> dict[str, float]:
    run = checked(run_measured([sys.executable, "-m", "bench.probe", kind, str(root)], cwd=root, env=_env()), kind)
    figures: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return {**figures, "peak_rss_mb": round(run.peak_rss_mb, 1)}


def _env() -> dict[str, str]:
    path = str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": path, "PYTHONHASHSEED": "0"}


def _baseline_env() -> dict[str, str]:
    """Plain MkDocs has no setting for where jieba keeps its dictionary cache (the system's temporary
    folder); pointed at the folder our plugin uses, both builds start from the same warm cache and
    nothing is left in the system's temporary folder."""
    cache = jieba_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    return {**_env(), "TMPDIR": str(cache)}


def _measure_core(count: int, root: Path, files: list[str]) -> dict[str, Any]:
    """What needs no site: validate, check-jsonschema, and our core in-process."""
    print(f"[{count}] handbook validate", file=sys.stderr)
    validate = checked(run_measured([_tool("handbook"), "validate", "procedures"], root, _env()), "validate")
    print(f"[{count}] check-jsonschema", file=sys.stderr)
    schema = str(REPO / "schemas" / "procedure.schema.json")
    check = checked(run_measured([_tool("check-jsonschema"), "--schemafile", schema, *files], root), "check-jsonschema")
    print(f"[{count}] our core in-process", file=sys.stderr)
    return {
        "procedures": count,
        "validate": _figures(validate),
        "check_jsonschema": _figures(check),
        "own_work": _probe("own", root),
    }


def _measure_site(count: int, root: Path, work: Path) -> dict[str, Any]:
    """The builds: ours, the plain-Material baseline, and the serve loop."""
    print(f"[{count}] handbook build --no-pdf", file=sys.stderr)
    no_pdf = [_tool("handbook"), "build", "--no-pdf", "--no-cache", "--site-dir", "site"]
    build = checked(run_measured(no_pdf, root, _env()), "build")
    print(f"[{count}] handbook build with the checklist PDFs (the default), its cache empty", file=sys.stderr)
    cache = ["--cache-dir", str(work / f"cache-{count}")]
    pdf_build = checked(
        run_measured([_tool("handbook"), "build", "--site-dir", "site-pdf", *cache], root, _env()), "build"
    )
    print(f"[{count}] the same build again after one procedure is edited, with its cache", file=sys.stderr)
    edit_one_procedure(root / "procedures")
    warm_cmd = [_tool("handbook"), "build", "--site-dir", "site-warm", *cache]
    warm = checked(run_measured(warm_cmd, root, _env()), "warm build")
    print(f"[{count}] the PDF step alone", file=sys.stderr)
    pdf_step = _probe("pdf", root)
    print(f"[{count}] baseline: plain Material on the exported docs tree", file=sys.stderr)
    baseline_root = work / f"baseline-{count}"
    checked(run_measured([_tool("handbook"), "export", str(baseline_root), "--no-pdf"], root, _env()), "export")
    zensical_root = work / f"zensical-{count}"
    shutil.copytree(baseline_root, zensical_root)
    baseline_cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"]
    baseline = checked(run_measured(baseline_cmd, baseline_root, _baseline_env()), "baseline build")
    zensical = _zensical(count, zensical_root, baseline.wall_s)
    print(f"[{count}] the serve loop: a full build, then a rebuild after one edit", file=sys.stderr)
    serve_root = work / f"serve-{count}"
    shutil.copytree(root, serve_root, ignore=shutil.ignore_patterns("site"))
    return {
        "build": _figures(
            build, site_bytes=tree_bytes(root / "site"), nav_bytes_per_page=nav_bytes_per_page(root / "site")
        ),
        "build_pdf": _figures(
            pdf_build,
            site_bytes=tree_bytes(root / "site-pdf"),
            nav_bytes_per_page=nav_bytes_per_page(root / "site-pdf"),
        ),
        "warm_build": _figures(warm),
        "pdf": pdf_step,
        "baseline": _figures(baseline, site_bytes=tree_bytes(baseline_root / "site")),
        **({"zensical": zensical} if zensical else {}),
        "serve": _probe("serve", serve_root),
    }


def _zensical(count: int, tree: Path, baseline_s: float) -> dict[str, Any] | None:
    """Zensical on the same exported tree, when the optional extra is installed.

    A comparison only: it is stopped after twice the baseline's time (at least a minute) so that it
    cannot hold up the benchmark, and a stop or a failure is recorded.
    """
    time_limit_s = max(60.0, 2 * baseline_s)
    command = zensical_command()
    if command is None:
        print(f"[{count}] zensical: not installed ({INSTALL_HINT}), column left out", file=sys.stderr)
        return None
    print(f"[{count}] zensical on the same exported tree", file=sys.stderr)
    run = run_measured([command, "build", "--clean"], tree, _baseline_env(), time_limit_s)
    if run.timed_out:
        print(f"[{count}] zensical stopped after {time_limit_s:.0f} s", file=sys.stderr)
        return {"failed": f"stopped after {time_limit_s:.0f} s, twice the baseline's time"}
    if run.returncode != 0:  # a comparison only: its failure is recorded, the run goes on
        said = (run.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"[{count}] zensical failed (exit {run.returncode}): {said}", file=sys.stderr)
        return {"failed": said}
    return _figures(run, site_bytes=tree_bytes(tree / "site"))


def measure_size(count: int, work: Path, with_site: bool = True) -> dict[str, Any]:
    """Every measurement for one handbook of ``count`` procedures."""
    root = work / f"handbook-{count}"
    procedures = write_handbook(root, count, (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    files = sorted(str(p.relative_to(root)) for p in procedures.rglob("*.yaml") if p.parent != procedures)
    run = _measure_core(count, root, files)
    if with_site:
        run.update(_measure_site(count, root, work))
    return run


def _parse_sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(int(part) for part in text.split(",") if part.strip())
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive numbers separated by commas, e.g. 100,1000")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=_parse_sizes, default=DEFAULT_SIZES, help="default: 100,1000,10000")
    parser.add_argument("--quick", action="store_true", help="smoke run at 20 procedures")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument("--keep", action="store_true", help="keep the generated handbooks and sites")
    parser.add_argument(
        "--sites-up-to", type=int, default=None, metavar="N", help="build sites (build, baseline, serve) only up to N"
    )
    return parser


def _results(sizes: tuple[int, ...], runs: dict[str, dict[str, Any]]) -> Results:
    return {
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "seed": SEED,
        "sizes": list(sizes),
        "measured_sizes": [int(size) for size in runs],
        **ratios(runs),
        "per_size": {size: summary(run) for size, run in runs.items()},
        "runs": runs,
    }


def _write(output: Path, results: Results) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sizes: tuple[int, ...] = QUICK_SIZES if args.quick else args.sizes
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    runs: dict[str, dict[str, Any]] = {}
    try:
        for count in sizes:
            with_site = args.sites_up_to is None or count <= args.sites_up_to
            runs[str(count)] = measure_size(count, work, with_site)
            if not args.keep:  # the sites of 10,000 procedures take gigabytes
                for folder in work.glob(f"*-{count}"):
                    shutil.rmtree(folder, ignore_errors=True)
            _write(args.output, _results(sizes, runs))  # a run cut short still leaves the sizes it finished
    except CommandFailed as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"bench: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_table(_results(sizes, runs))
    print(f"bench: results written to {args.output}", file=sys.stderr)
    return 0
