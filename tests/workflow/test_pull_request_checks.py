"""The pull-request workflow and the pre-commit hook run commands that exist, on the files they should."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.main import build_parser, main
from tests.helpers.paths import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "handbook.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+@(v\d+|[0-9a-f]{40})$")


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def _steps(job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _workflow()["jobs"][job]["steps"]
    return steps


def _step_running(word: str) -> dict[str, Any]:
    found = [s for s in _steps("check") if re.search(rf"\bhandbook {word}\b", s.get("run", ""))]
    assert len(found) == 1, f"one step runs handbook {word}"
    return found[0]


def _handbook_args(run: str) -> list[str]:
    """The arguments of the `handbook` call in a step, with GitHub expressions given example values."""
    command = run.split(">>")[0]
    command = re.sub(r"\$\{\{[^}]*\}\}|\$\{BASE_REF\}", "main", command)
    words = shlex.split(command)
    return words[words.index(next(w for w in words if w.endswith("handbook"))) + 1 :]


def _subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._subparsers._group_actions if a.choices)  # type: ignore[union-attr]
    assert isinstance(action.choices, dict)
    return set(action.choices)


def test_runs_on_pull_requests_and_pushes_to_main() -> None:
    workflow = _workflow()
    triggers: dict[str, Any] = workflow["on"] if "on" in workflow else workflow[True]  # YAML 1.1: bare on is true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("word", ["validate", "build", "diff"])
def test_each_handbook_command_it_runs_is_one_our_parser_accepts(word: str) -> None:
    if word not in _subcommands():
        pytest.skip(f"`handbook {word}` is not part of this build of the tool")
    args = build_parser().parse_args(_handbook_args(_step_running(word)["run"]))
    assert args.command == word


def test_validation_annotates_pull_requests() -> None:
    args = build_parser().parse_args(_handbook_args(_step_running("validate")["run"]))
    assert args.format == "github" and args.paths == ["procedures"]


def test_change_summary_compares_with_the_base_branch_on_pull_requests() -> None:
    step = _step_running("diff")
    assert step["if"] == "github.event_name == 'pull_request'"
    assert '>> "$GITHUB_STEP_SUMMARY"' in step["run"]
    base = shlex.split(step["run"].split(">>")[0])[2]
    assert base == "origin/${BASE_REF}" and step["env"]["BASE_REF"] == "${{ github.base_ref }}"
    checkout = next(s for s in _steps("check") if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the base branch must be in the clone"


def test_build_is_strict_and_its_output_is_uploaded_and_deployed() -> None:
    args = build_parser().parse_args(_handbook_args(_step_running("build")["run"]))
    assert yaml.safe_load((ROOT / args.config_file).read_text(encoding="utf-8"))["strict"] is True
    uploads = {s["uses"].split("@")[0]: s["with"]["path"] for s in _steps("check") if "path" in s.get("with", {})}
    assert uploads["actions/upload-pages-artifact"] == args.site_dir
    paths = [s["with"]["path"] for s in _steps("check") if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert sorted(paths) == sorted([args.site_dir, f"{args.site_dir}/checklists/*.pdf"])


def test_setup_steps_use_the_repositorys_own_scripts() -> None:
    runs = "\n".join(s.get("run", "") for s in _steps("check"))
    assert "bash scripts/ensure-system-deps.sh" in runs and (ROOT / "scripts" / "ensure-system-deps.sh").is_file()
    target = re.search(r"^make (\S+)$", runs, re.MULTILINE)
    assert target is not None
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run([make, "-n", "-W", "pyproject.toml", target.group(1)], cwd=ROOT, capture_output=True)
    assert dry_run.returncode == 0, dry_run.stderr


def test_deploys_to_pages_from_main_only_with_minimal_permissions() -> None:
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_every_action_is_pinned() -> None:
    used = [s["uses"] for job in _workflow()["jobs"].values() for s in job["steps"] if "uses" in s]
    assert used and all(PINNED_ACTION.match(u) for u in used), used


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    found: dict[str, Any] = next(h for h in hooks if h["id"] == "handbook-validate")
    return found


def test_hook_entry_is_our_console_script() -> None:
    hook = _hook()
    script, *args = shlex.split(hook["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert script in scripts
    installed = entry_points(group="console_scripts", name=script)
    assert [e.value for e in installed] == [scripts[script]]
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert build_parser().parse_args([*args, "procedures/reception/a.yaml"]).command == "validate"


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("procedures/reception/vip-arrival-departure.yaml", True),
        ("procedures/handbook.yaml", True),
        ("procedures/new-section/draft.yml", True),
        ("docs/about.md", False),
        ("mkdocs.yml", False),
        ("schemas/procedure.schema.json", False),
        ("tests/fixtures/handbook/procedures/testing/valid-base.yaml", False),
        ("procedures/reception/notes.txt", False),
    ],
)
def test_hook_runs_on_procedure_files_only(path: str, checked: bool) -> None:
    assert bool(re.search(_hook()["files"], path)) is checked


def test_hook_passes_on_the_shipped_procedures_and_fails_on_a_broken_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = shlex.split(_hook()["entry"])[1:]
    shutil.copytree(ROOT / "procedures", tmp_path / "procedures")
    monkeypatch.chdir(tmp_path)
    files = sorted(p.as_posix() for p in Path("procedures").glob("*/*.yaml"))
    assert main([*args, *files]) == 0
    broken = Path(files[0])
    broken.write_text(broken.read_text(encoding="utf-8").replace("\nowner:", "\nownr:", 1), encoding="utf-8")
    assert main([*args, files[0]]) == 1
    assert f"{files[0]}:" in capsys.readouterr().out


def test_the_package_carries_its_schemas() -> None:
    """pre-commit installs the tool as a package: the schemas must travel inside it, not beside it."""
    from importlib.resources import files

    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "schemas/*.json" in package_data["package-data"]["generator"]
    for name in ("procedure.schema.json", "handbook.schema.json"):
        packaged = files("generator").joinpath("schemas", name)
        assert packaged.read_bytes() == (ROOT / "schemas" / name).read_bytes()
