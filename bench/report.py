"""Ratios against the targets, and the printed table."""

from __future__ import annotations

from typing import Any

Results = dict[str, Any]
REFERENCE_SIZE = 1000

TARGETS = {
    "build_over_baseline": 1.10,
    "warm_build_over_cold": 0.15,
    "validate_over_check_jsonschema": 0.5,
    "rebuild_over_full": 0.1,
    "growth_10k_over_1k": 11.0,
    "site_growth_10k_over_1k": 11.0,
    "pdf_peak_rss_growth_1k_over_100": 1.3,
    "pdf_cpu_s_per_sheet": 0.05,
    "pdf_median_sheet_kb": 80.0,
    "build_peak_rss_mb": 1500.0,
    "site_mb_10k_with_pdf": 1024.0,
    # the navigation each page repeats stays flat as the handbook grows (within 20 %)
    "nav_bytes_per_page_growth_1k_over_100": 1.2,
    "nav_bytes_per_page_growth_10k_over_1k": 1.2,
    "preview_peak_rss_mb_10k": 2000.0,
}


def _ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3) if denominator else float("nan")


def summary(run: dict[str, Any]) -> dict[str, Any]:
    """The ratios of one size, and our own work per 1,000 procedures (site figures if it was built)."""
    count = run["procedures"]
    figures: dict[str, Any] = {
        "validate_over_check_jsonschema": _ratio(run["validate"]["wall_s"], run["check_jsonschema"]["wall_s"]),
        "own_work_s_per_1000": round(run["own_work"]["own_s"] * 1000 / count, 3),
    }
    if "build" in run:
        figures["build_over_baseline"] = _ratio(run["build"]["wall_s"], run["baseline"]["wall_s"])
        if "warm_build" in run:
            figures["warm_build_over_cold"] = _ratio(run["warm_build"]["wall_s"], run["build_pdf"]["wall_s"])
        figures["rebuild_over_full"] = _ratio(run["serve"]["rebuild_s"], run["serve"]["full_s"])
        figures["site_over_baseline"] = _ratio(run["build"]["site_bytes"], run["baseline"]["site_bytes"])
    return figures


def _growth(
    runs: dict[str, dict[str, Any]], part: str, field: str = "wall_s", sizes: tuple[str, str] = ("1000", "10000")
) -> float | None:
    small, large = runs.get(sizes[0], {}), runs.get(sizes[1], {})
    if part not in small or part not in large:
        return None
    return _ratio(large[part][field], small[part][field])


def _pdf_peak(run: dict[str, Any]) -> float:
    """The memory the PDF step itself takes, above the loaded handbook it starts with."""
    return float(run["pdf"]["step_mb"])


def _pdf_ratios(runs: dict[str, dict[str, Any]], at: str) -> Results:
    """The PDF targets: memory growth from 100 to 1,000, CPU and size per sheet, build memory with PDFs."""
    headline = runs.get(at, {})
    pdf = headline.get("pdf")
    small, large = runs.get("100", {}), runs.get("1000", {})
    largest = runs.get("10000", {}).get("build_pdf")
    return {
        "pdf_peak_rss_growth_1k_over_100": (
            _ratio(_pdf_peak(large), _pdf_peak(small)) if "pdf" in small and "pdf" in large else None
        ),
        "pdf_cpu_s_per_sheet": round(pdf["pdf_cpu_s"] / pdf["sheets"], 4) if pdf else None,
        "pdf_median_sheet_kb": round(pdf["median_sheet_kb"], 1) if pdf else None,
        "build_peak_rss_mb": headline["build_pdf"]["peak_rss_mb"] if "build_pdf" in headline else None,
        "site_growth_10k_over_1k": _growth(runs, "build_pdf", "site_bytes"),
        "site_mb_10k_with_pdf": round(largest["site_bytes"] / 2**20, 1) if largest else None,
        "nav_bytes_per_page_growth_1k_over_100": _growth(runs, "build", "nav_bytes_per_page", ("100", "1000")),
        "nav_bytes_per_page_growth_10k_over_1k": _growth(runs, "build", "nav_bytes_per_page"),
        "preview_peak_rss_mb_10k": runs.get("10000", {}).get("serve", {}).get("peak_rss_mb"),
    }


def ratios(runs: dict[str, dict[str, Any]]) -> Results:
    """The headline ratios: at 1,000 procedures, or the largest size measured when 1,000 was not."""
    built = sorted(int(s) for s, run in runs.items() if "build" in run)
    sizes = built or sorted(int(s) for s in runs)
    at = REFERENCE_SIZE if REFERENCE_SIZE in sizes else sizes[-1]
    headline = summary(runs[str(at)])
    return {
        "ratios_at_procedures": at,
        "build_over_baseline": headline.get("build_over_baseline"),
        "warm_build_over_cold": headline.get("warm_build_over_cold"),
        "validate_over_check_jsonschema": headline["validate_over_check_jsonschema"],
        "rebuild_over_full": headline.get("rebuild_over_full"),
        "growth_10k_over_1k": _growth(runs, "build"),
        "validate_growth_10k_over_1k": _growth(runs, "validate"),
        "site_over_baseline": headline.get("site_over_baseline"),
        "own_work_s_per_1000": headline["own_work_s_per_1000"],
        "peak_build_rss_mb": max((r["build"]["peak_rss_mb"] for r in runs.values() if "build" in r), default=None),
        "peak_validate_rss_mb": max(r["validate"]["peak_rss_mb"] for r in runs.values()),
        **_pdf_ratios(runs, str(at)),
        "targets": TARGETS,
    }


_COLUMNS = (
    ("validate", "wall_s"),
    ("check_jsonschema", "wall_s"),
    ("build", "wall_s"),
    ("build_pdf", "wall_s"),
    ("warm_build", "wall_s"),
    ("baseline", "wall_s"),
    ("zensical", "wall_s"),
    ("serve", "full_s"),
    ("serve", "rebuild_s"),
    ("own_work", "own_s"),
    ("build", "peak_rss_mb"),
    ("build_pdf", "peak_rss_mb"),
    ("warm_build", "peak_rss_mb"),
    ("serve", "peak_rss_mb"),
    ("baseline", "peak_rss_mb"),
    ("zensical", "peak_rss_mb"),
    ("build", "site_bytes"),
    ("build_pdf", "site_bytes"),
    ("baseline", "site_bytes"),
    ("build", "nav_bytes_per_page"),
)


def _cell(run: dict[str, Any], group: str, name: str) -> str:
    if group not in run or name not in run[group]:
        return "-"
    value = run[group][name]
    return f"{value / 1e6:.1f}MB" if value >= 1e5 else f"{value:.2f}"


def _line(key: str, value: float | None, target: str) -> str:
    shown = "not measured" if value is None else f"{value:.3f}"
    return f"  {key:32} {shown:>12}  ({target})"


def print_table(results: Results) -> None:
    header = ["procedures", *(f"{group}.{name}" for group, name in _COLUMNS)]
    rows = [header]
    for size, run in results["runs"].items():
        rows.append([size, *(_cell(run, group, name) for group, name in _COLUMNS)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
    print(f"\ncores: {results['cpu_count']}; ratios at {results['ratios_at_procedures']} procedures:")
    for key, target in TARGETS.items():
        value = results[key]
        verdict = "" if value is None else ("  ok" if value <= target else "  MISSED")
        print(_line(key, value, f"target ≤ {target}") + verdict)
    print(_line("site_over_baseline", results["site_over_baseline"], "target ≤ 1.0"))
    print(_line("own_work_s_per_1000", results["own_work_s_per_1000"], "target < 1 s"))
    print(_line("validate_growth_10k_over_1k", results["validate_growth_10k_over_1k"], "linear: ≤ 11"))
    print(_line("peak_build_rss_mb", results["peak_build_rss_mb"], "target < 1024 at 10,000"))
    print(_line("peak_validate_rss_mb", results["peak_validate_rss_mb"], "at the largest size"))
