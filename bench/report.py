"""Ratios against the targets, and the printed table."""

from __future__ import annotations

from typing import Any

Results = dict[str, Any]
REFERENCE_SIZE = 1000

TARGETS = {
    "build_over_baseline": 1.10,
    "validate_over_check_jsonschema": 0.5,
    "rebuild_over_full": 0.25,
    "growth_10k_over_1k": 11.0,
}


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3) if denominator else float("nan")


def summary(run: dict[str, Any]) -> dict[str, Any]:
    """The ratios of one size, and our own work per 1,000 procedures."""
    count = run["procedures"]
    return {
        "build_over_baseline": _ratio(run["build"]["wall_s"], run["baseline"]["wall_s"]),
        "validate_over_check_jsonschema": _ratio(run["validate"]["wall_s"], run["check_jsonschema"]["wall_s"]),
        "rebuild_over_full": _ratio(run["serve"]["rebuild_s"], run["serve"]["full_s"]),
        "site_over_baseline": _ratio(run["build"]["site_bytes"], run["baseline"]["site_bytes"]),
        "own_work_s_per_1000": round(run["own_work"]["own_s"] * 1000 / count, 3),
    }


def ratios(runs: dict[str, dict[str, Any]]) -> Results:
    """The headline ratios: at 1,000 procedures, or the largest size measured when 1,000 was not."""
    sizes = sorted(int(s) for s in runs)
    at = REFERENCE_SIZE if REFERENCE_SIZE in sizes else sizes[-1]
    headline = summary(runs[str(at)])
    growth = None
    if "1000" in runs and "10000" in runs:
        growth = _ratio(runs["10000"]["build"]["wall_s"], runs["1000"]["build"]["wall_s"])
    peak = max(r["build"]["peak_rss_mb"] for r in runs.values())
    return {
        "ratios_at_procedures": at,
        "build_over_baseline": headline["build_over_baseline"],
        "validate_over_check_jsonschema": headline["validate_over_check_jsonschema"],
        "rebuild_over_full": headline["rebuild_over_full"],
        "growth_10k_over_1k": growth,
        "site_over_baseline": headline["site_over_baseline"],
        "own_work_s_per_1000": headline["own_work_s_per_1000"],
        "peak_build_rss_mb": peak,
        "targets": TARGETS,
    }


_COLUMNS = (
    ("validate", "wall_s"),
    ("check_jsonschema", "wall_s"),
    ("build", "wall_s"),
    ("baseline", "wall_s"),
    ("serve", "full_s"),
    ("serve", "rebuild_s"),
    ("own_work", "own_s"),
    ("build", "peak_rss_mb"),
    ("baseline", "peak_rss_mb"),
    ("build", "site_bytes"),
    ("baseline", "site_bytes"),
)


def _cell(value: float) -> str:
    return f"{value / 1e6:.1f}MB" if value >= 1e5 else f"{value:.2f}"


def print_table(results: Results) -> None:
    header = ["procedures", *(f"{group}.{name}" for group, name in _COLUMNS)]
    rows = [header]
    for size, run in results["runs"].items():
        rows.append([size, *(_cell(run[group][name]) for group, name in _COLUMNS)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    print(f"\ncores: {results['cpu_count']}; ratios at {results['ratios_at_procedures']} procedures:")
    for key, target in TARGETS.items():
        value = results[key]
        shown = "not measured" if value is None else f"{value:.3f}"
        verdict = "" if value is None else ("  ok" if value <= target else "  MISSED")
        print(f"  {key:32} {shown:>12}  (target ≤ {target}){verdict}")
    print(f"  {'site_over_baseline':32} {results['site_over_baseline']:>12.3f}  (target ≤ 1.0)")
    print(f"  {'own_work_s_per_1000':32} {results['own_work_s_per_1000']:>12.3f}  (target < 1 s)")
    print(f"  {'peak_build_rss_mb':32} {results['peak_build_rss_mb']:>12.1f}  (target < 1024 at 10,000)")
