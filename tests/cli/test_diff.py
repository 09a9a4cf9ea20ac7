"""`handbook diff BASE [HEAD]` on a real git repository made in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers import paths
from tests.helpers.git_repo import git, isolate_git
from tests.helpers.golden import assert_golden
from tests.helpers.paths import FIXTURE_HANDBOOK

GOLDENS = paths.GOLDENS / "diff"

RETIRED = """\
id: retired
title: 旧的闭店流程
version: "1.0"
effective: 2026-01-01
owner: 案场物业
review_by: 2099-01-01
source: {document: 测试文件}
purpose: 闭店。
roles:
  - {id: manager, name: 主管}
phases:
  - id: close
    title: 闭店
    steps:
      - {id: lights, title: 关灯, role: manager}
"""

OPENING = """\
id: opening
title: 开店准备
version: "1.0"
effective: 2026-07-01
owner: 案场物业
review_by: 2099-01-01
source: {document: 测试文件}
purpose: 开店。
roles:
  - id: bar-attendant
checklist: {type: READ-DO, read_by: bar-attendant}
phases:
  - id: open
    title: 开店
    steps:
      - {id: unlock, title: 开门, role: bar-attendant, details: 八点整开门。, checklist: 开门}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding the fixture handbook plus one more procedure, committed once."""
    isolate_git(monkeypatch)
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_HANDBOOK, root)
    (root / "procedures" / "testing" / "retired.yaml").write_text(RETIRED, encoding="utf-8")
    monkeypatch.chdir(root)
    git("init", "-q", "-b", "main")
    commit("base")
    return root


def commit(message: str) -> None:
    git("add", "-A")
    git("commit", "-q", "-m", message)


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def change_everything(root: Path) -> None:
    """Reword, move, reassign, retime; add and remove a procedure; rename a file."""
    testing = root / "procedures" / "testing"
    edit(
        testing / "valid-base.yaml",
        ("title: 奉上饮品", "title: 为客人奉上饮品"),
        ("at: 8:30", "at: 9:00"),
        ("title: 检查茶水备品\n        role: bar-attendant", "title: 检查茶水备品\n        role: manager"),
    )
    move_review_step(testing / "full-example.yaml")
    git("mv", "procedures/testing/full-example.yaml", "procedures/testing/complete-example.yaml")
    (testing / "retired.yaml").unlink()
    (testing / "opening.yaml").write_text(OPENING, encoding="utf-8")


def move_review_step(path: Path) -> None:
    """Move step 'review' from phase 'serve' to the end of phase 'prepare'; a new step, next after it, replaces it."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index("      - id: review\n"), text.index("        checklist: 复核并签字\n")
    end += len("        checklist: 复核并签字\n")
    review = text[start:end].replace("next: end", "next: greet-again")
    new_step = "      - id: greet-again\n        title: 再次问候\n        role: bar-attendant\n"
    text = text[:start] + new_step + text[end:]
    text = text.replace("  - id: serve\n", review + "  - id: serve\n")
    path.write_text(text, encoding="utf-8")


def run_diff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_summary_of_a_commit_matches_the_golden(
    repo: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool
) -> None:
    change_everything(repo)
    commit("change")
    code, out, err = run_diff(capsys, "HEAD~1", "HEAD")
    assert (code, err) == (0, "")
    assert_golden(out, GOLDENS / "commit.md", update_goldens)


def test_head_defaults_to_the_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "procedures" / "testing" / "valid-base.yaml", ("at: 8:30", "at: 9:00"))
    code, out, _ = run_diff(capsys, "main")
    assert code == 0
    assert out.startswith("## 流程变更摘要：`main` → 工作区\n")
    assert "时间改变 **检查茶水备品**：8:30 → 9:00 — **需重印清单**" in out
    code, committed, _ = run_diff(capsys, "main", "HEAD")
    assert code == 0 and "两个版本之间，流程没有变化。" in committed


def test_an_unknown_revision_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_diff(capsys, "no-such-branch")
    assert (code, out) == (2, "")
    assert err == "handbook diff: unknown revision 'no-such-branch'\n"
    code, _, err = run_diff(capsys, "--", "--output=x")
    assert code == 2 and "unknown revision '--output=x'" in err


def test_a_revision_name_with_terminal_codes_is_shown_escaped(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_diff(capsys, "x\x1b]0;owned\x07y")
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err
    assert "x\\x1b]0;owned\\x07y" in err


def test_outside_a_git_repository_is_a_usage_error(
    handbook_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(handbook_copy.parent))
    code, _, err = run_diff(capsys, "HEAD")
    assert code == 2 and "not inside a git repository" in err


def test_a_broken_file_is_reported_and_left_out(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "procedures" / "testing" / "valid-base.yaml", ("id: valid-base", "id: [valid-base"))
    edit(repo / "procedures" / "testing" / "retired.yaml", ("title: 关灯", "title: 关灯并断电"))
    commit("break")
    code, out, err = run_diff(capsys, "HEAD~1", "HEAD")
    assert code == 1
    assert err.startswith("HEAD:procedures/testing/valid-base.yaml:3:")
    assert "### 未能比较的文件\n" in out and "- `procedures/testing/valid-base.yaml`" in out
    assert "删除：" not in out, "a file that did not load is not a removed procedure"
    assert "改写步骤 **关灯并断电**" in out, "the rest is still compared"


def test_a_broken_handbook_file_stops_the_comparison(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "procedures" / "handbook.yaml", ("language: zh", "language: [zh"))
    code, out, err = run_diff(capsys, "HEAD")
    assert (code, out) == (1, "")
    assert "procedures/handbook.yaml:" in err and "nothing to compare" in err


def test_a_revision_without_the_folder_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git("mv", "procedures", "handbook")
    commit("move the folder")
    assert run_diff(capsys, "HEAD", "--procedures", "handbook")[0] == 0
    code, _, err = run_diff(capsys, "HEAD~1", "--procedures", "handbook")
    assert code == 2 and "there is no folder 'handbook' at revision 'HEAD~1'" in err


def test_runs_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "procedures" / "testing" / "valid-base.yaml", ("at: 8:30", "at: 9:00"))
    monkeypatch.chdir(repo / "procedures")
    code, out, _ = run_diff(capsys, "HEAD", "--procedures", ".")
    assert code == 0 and "时间改变 **检查茶水备品**" in out


def commit_and_diff(capsys: pytest.CaptureFixture[str], message: str) -> str:
    commit(message)
    code, out, err = run_diff(capsys, "HEAD~1", "HEAD")
    assert (code, err) == (0, "")
    return out


def test_an_end_time_alone_reprints_the_sheet_and_the_role_sheet(
    repo: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool
) -> None:
    valid_base = repo / "procedures" / "testing" / "valid-base.yaml"
    edit(valid_base, ("at: 8:30\n", "at: 8:30\n          until: 9:00\n"))
    commit("a clock range")
    edit(valid_base, ("until: 9:00", "until: 9:30"))
    out = commit_and_diff(capsys, "a later end")
    assert "- **吧台服务** `valid-base`：时间\n" in out
    assert "- **吧台服务员** `bar-attendant`（岗位全天清单）：时间\n" in out
    assert_golden(out, GOLDENS / "end-time.md", update_goldens)


def test_a_renamed_form_is_reported(repo: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool) -> None:
    edit(repo / "procedures" / "handbook.yaml", ("name: 客户接待登记表", "name: 来访客户登记表"))
    out = commit_and_diff(capsys, "rename a form")
    assert "流程没有变化" not in out
    assert "- 表单改名：客户接待登记表 → **来访客户登记表** `visit-register`\n" in out
    assert_golden(out, GOLDENS / "form-rename.md", update_goldens)


def test_a_new_section_is_reported(repo: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool) -> None:
    edit(
        repo / "procedures" / "handbook.yaml",
        ("    title: 测试\n", "    title: 测试\n  - id: lobby\n    title: 大堂\n"),
    )
    (repo / "procedures" / "lobby").mkdir()
    (repo / "procedures" / "lobby" / "opening.yaml").write_text(OPENING, encoding="utf-8")
    out = commit_and_diff(capsys, "a new section")
    assert "- 新增章节：**大堂** `lobby`\n" in out
    assert_golden(out, GOLDENS / "new-section.md", update_goldens)


def test_a_renamed_shared_role_reprints_the_sheets_that_print_it(
    repo: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool
) -> None:
    edit(repo / "procedures" / "handbook.yaml", ("name: 吧台服务员", "name: 吧台员"))
    out = commit_and_diff(capsys, "rename a shared role")
    assert "- 共用角色改名：吧台服务员 → **吧台员** `bar-attendant`\n" in out
    assert "- **吧台员** `bar-attendant`（岗位全天清单）：标题或编号\n" in out
    assert "- **吧台服务** `valid-base`：负责角色\n" in out
    assert_golden(out, GOLDENS / "role-rename.md", update_goldens)
