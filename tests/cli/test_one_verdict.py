"""One verdict for the same files from every tool: handbook validate (whole handbook, or one file
as the pre-commit hook passes it), handbook build, and mkdocs build with the plugin; all follow
mkdocs.yml's strict setting, and the GitHub workflow adds no switch of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers.paths import ROOT
from tests.helpers.preview_server import run_new

SCAFFOLD = "procedures/testing/visitor-badges.yaml"


def _exit_codes(root: Path, file: str) -> dict[str, int]:
    def run(*command: str) -> int:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, check=False)
        return done.returncode

    handbook = [sys.executable, "-m", "generator"]
    return {
        "validate": run(*handbook, "validate"),
        "pre-commit (one file)": run(*handbook, "validate", file),
        "handbook build": run(*handbook, "build", "--no-pdf", "--site-dir", "site-a"),
        "mkdocs build": run(sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site-b"),
    }


def _set_strict(root: Path, strict: bool) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"strict: {str(not strict).lower()}", f"strict: {str(strict).lower()}"), "utf-8")


@pytest.mark.parametrize("strict", [True, False])
def test_placeholders_are_one_verdict_everywhere_as_strict_says(handbook_copy: Path, strict: bool) -> None:
    run_new(handbook_copy)  # a scaffold: placeholders, which are warnings
    _set_strict(handbook_copy, strict)
    codes = _exit_codes(handbook_copy, SCAFFOLD)
    assert len(set(codes.values())) == 1, codes
    assert (codes["validate"] != 0) is strict


def test_an_error_fails_everywhere_whatever_strict_says(handbook_copy: Path) -> None:
    _set_strict(handbook_copy, False)
    broken = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("role: bar-attendant", "role: nobody", 1), "utf-8")
    codes = _exit_codes(handbook_copy, "procedures/testing/valid-base.yaml")
    assert all(code != 0 for code in codes.values()), codes


def test_the_workflow_and_the_hook_follow_mkdocs_yml() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "handbook.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    checks = [run for run in runs if "handbook validate" in run or "handbook build" in run]
    assert len(checks) == 2 and not any("--strict" in run for run in checks)
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["entry"] for hook in hooks] == ["handbook validate"]
