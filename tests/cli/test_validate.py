"""`handbook validate`: exit codes, output formats, the shipped procedures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers.bad_inputs import run_validate
from tests.helpers.paths import ROOT


def test_clean_handbook_exits_zero(handbook_copy: Path) -> None:
    assert run_validate("--strict", "procedures") == (0, "")


def test_missing_path_is_a_usage_error(handbook_copy: Path) -> None:
    code, _ = run_validate("no-such-folder")
    assert code == 2


def test_unknown_option_is_a_usage_error(handbook_copy: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_validate("--no-such-option")
    assert exit_info.value.code == 2


def _break_role(root: Path) -> None:
    path = root / "procedures" / "testing" / "valid-base.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("role: bar-attendant\n        say", "role: nobody\n        say"),
        encoding="utf-8",
    )


def test_github_format_annotates_the_line(handbook_copy: Path) -> None:
    _break_role(handbook_copy)
    code, output = run_validate("--format", "github", "procedures")
    assert code == 1
    hint = "已声明：bar-attendant, manager；新角色在本流程的 roles 下声明（共享角色在 procedures/handbook.yaml 中声明）"
    english = "declared: bar-attendant, manager; declare it under 'roles:' in this procedure (a shared role: in"
    assert output == (
        "::error file=procedures/testing/valid-base.yaml,line=34,col=15,title=unknown-role::"
        f"角色“nobody”没有声明 (unknown role 'nobody')%0A{hint} ({english} procedures/handbook.yaml))\n"
    )


def test_json_format_is_machine_readable(handbook_copy: Path) -> None:
    _break_role(handbook_copy)
    code, output = run_validate("--format", "json", "procedures")
    assert code == 1
    rows = json.loads(output)["diagnostics"]
    assert rows == [
        {
            "where": {"file": "procedures/testing/valid-base.yaml", "line": 34, "column": 15},
            "severity": "error",
            "code": "unknown-role",
            "message": "unknown role 'nobody'",
            "hint": "declared: bar-attendant, manager; declare it under 'roles:' in this procedure"
            " (a shared role: in procedures/handbook.yaml)",
            "excerpt": None,
        }
    ]  # machine-readable: the English wording, whatever the handbook's language


def test_warnings_fail_only_under_strict_which_mkdocs_yml_sets(handbook_copy: Path) -> None:
    path = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2099-01-01", "2026-06-01"), encoding="utf-8")
    path.write_text(
        path.read_text(encoding="utf-8").replace("effective: 2026-01-01", "effective: 2020-01-01"), encoding="utf-8"
    )
    config = handbook_copy / "mkdocs.yml"
    assert "strict: true" in config.read_text(encoding="utf-8")
    code, output = run_validate("procedures")
    assert code == 1 and "review was due" in output, "mkdocs.yml says strict: every tool follows it"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    code, output = run_validate("procedures")
    assert code == 0 and "warning: 复审日期" in output and "review was due" in output
    assert run_validate("--strict", "procedures")[0] == 1


def test_a_single_file_is_checked_with_its_handbook(handbook_copy: Path) -> None:
    _break_role(handbook_copy)
    code, output = run_validate("procedures/testing/valid-base.yaml")
    assert code == 1 and "unknown role 'nobody'" in output


def test_shipped_procedures_are_valid_under_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "procedures", tmp_path / "procedures")
    monkeypatch.chdir(tmp_path)
    code, output = run_validate("--strict", "procedures")
    assert (code, output) == (0, "")
