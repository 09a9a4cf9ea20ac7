"""The benchmark's smoke run: 20 synthetic procedures through every measurement (no timing asserted)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench.process import run_measured
from bench.synth import write_handbook
from generator.clock import today
from generator.validate.pipeline import validate_root
from tests.helpers import paths

ROOT = paths.ROOT
RATIO_KEYS = {
    "build_over_baseline",
    "validate_over_check_jsonschema",
    "rebuild_over_full",
    "warm_build_over_cold",
    "growth_10k_over_1k",
}
MEASURED = {"validate", "build", "build_pdf", "warm_build", "baseline", "check_jsonschema", "own_work", "serve"}
WITHOUT_BENCH_EXTRA = "the bench extra is not installed (make bench installs it)"


def test_synthetic_handbook_validates_without_warnings_and_is_reproducible(tmp_path: Path) -> None:
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    first = write_handbook(tmp_path / "a", 30, mkdocs_yml)
    second = write_handbook(tmp_path / "b", 30, mkdocs_yml)
    result = validate_root(first, today())
    assert result.diagnostics == ()
    assert result.handbook is not None
    procedures = result.handbook.procedures
    assert len(procedures) == 30
    assert all(8 <= len(p.steps) <= 15 for p in procedures)
    assert all(2 <= len(p.roles) <= 6 for p in procedures)
    assert any(s.decision is not None for p in procedures for s in p.steps)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_synthetic_handbook_is_areas_of_sections_of_at_most_sixty_procedures(tmp_path: Path) -> None:
    from bench.synth import Shape

    for count in (100, 1000, 10000):
        shape = Shape(count)
        per_section = -(-count // shape.sections)
        assert per_section <= 60 and shape.sections <= 20 * shape.areas, count
    procedures = write_handbook(tmp_path, 120, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    handbook = validate_root(procedures, today()).handbook
    assert handbook is not None and handbook.nested
    assert {s.depth for s in handbook.sections} == {1, 2}
    assert all(len(handbook.in_section(s.path)) <= 60 for s in handbook.sections)
    assert all(p.section.count("/") == 1 for p in handbook.procedures)


def test_quick_run_writes_every_ratio_and_raw_figure(tmp_path: Path) -> None:
    pytest.importorskip("check_jsonschema", reason=WITHOUT_BENCH_EXTRA)
    pytest.importorskip("pyinstrument", reason=WITHOUT_BENCH_EXTRA)
    output = tmp_path / "results.json"
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(output.read_text(encoding="utf-8"))
    assert set(results) >= RATIO_KEYS
    assert results["growth_10k_over_1k"] is None  # only one size was measured
    assert all(isinstance(results[k], float) and math.isfinite(results[k]) for k in RATIO_KEYS - {"growth_10k_over_1k"})
    assert results["cpu_count"] >= 1
    run = results["runs"]["20"]
    assert set(run) >= MEASURED
    assert run["build"]["site_bytes"] > 0 and run["baseline"]["site_bytes"] > 0
    assert all(run[name]["peak_rss_mb"] > 0 for name in MEASURED)
    assert "build_over_baseline" in completed.stdout


def _run(count: int, seconds: float, with_site: bool) -> dict[str, object]:
    run: dict[str, object] = {
        "procedures": count,
        "validate": {"wall_s": seconds, "peak_rss_mb": 50.0},
        "check_jsonschema": {"wall_s": 2 * seconds, "peak_rss_mb": 60.0},
        "own_work": {"own_s": seconds / 2},
    }
    if with_site:
        run["build"] = {"wall_s": 10 * seconds, "peak_rss_mb": 300.0, "site_bytes": 90}
        run["baseline"] = {"wall_s": 8 * seconds, "peak_rss_mb": 280.0, "site_bytes": 100}
        run["serve"] = {"full_s": 10 * seconds, "rebuild_s": seconds}
    return run


def test_ratios_at_1000_and_growth_only_from_what_was_measured() -> None:
    from bench.report import ratios

    runs = {"1000": _run(1000, 4.0, True), "10000": _run(10000, 40.0, False)}
    found = ratios(runs)
    assert found["ratios_at_procedures"] == 1000
    assert (found["build_over_baseline"], found["validate_over_check_jsonschema"]) == (1.25, 0.5)
    assert (found["rebuild_over_full"], found["site_over_baseline"], found["own_work_s_per_1000"]) == (0.1, 0.9, 2.0)
    assert found["growth_10k_over_1k"] is None  # no site was built at 10,000
    assert found["validate_growth_10k_over_1k"] == 10.0
    assert found["peak_build_rss_mb"] == 300.0


def test_synthetic_handbook_has_a_real_looking_address_so_its_checklists_carry_qr_codes(tmp_path: Path) -> None:
    from generator.render.paths import is_placeholder_address

    write_handbook(tmp_path, 5, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    written = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not is_placeholder_address(written["site_url"])
    assert {k: v for k, v in written.items() if k != "site_url"} == {k: v for k, v in real.items() if k != "site_url"}


def test_navigation_bytes_count_the_primary_nav_with_its_nested_navs_only() -> None:
    from bench.process import primary_nav_bytes

    nav = '<nav class="md-nav md-nav--primary" x><nav class="md-nav">内</nav><a>外</a></nav>'
    page = f"<header><nav class='tabs'>t</nav></header>{nav}<main>正文</main><nav>footer</nav>"
    assert primary_nav_bytes(page) == len(nav.encode("utf-8"))
    assert primary_nav_bytes("<main>no navigation</main>") == 0


def test_a_command_over_its_time_limit_is_stopped_and_marked(tmp_path: Path) -> None:
    script = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'import time; time.sleep(600)'])"
    run = run_measured([sys.executable, "-c", script], tmp_path, time_limit_s=1.0)
    assert run.timed_out
    assert run.returncode != 0
    assert list(tmp_path.iterdir()) == []  # its output files are cleaned up
    finished = run_measured([sys.executable, "-c", "print('done')"], tmp_path, time_limit_s=600.0)
    assert not finished.timed_out
    assert (finished.returncode, finished.stdout) == (0, "done\n")
