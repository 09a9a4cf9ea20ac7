"""`handbook diff` against revisions crafted to write outside its temporary folder: read, never followed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers.git_repo import Tree, commit_with_entries, git, isolate_git
from tests.helpers.paths import FIXTURE_HANDBOOK

PROCEDURE = (FIXTURE_HANDBOOK / "procedures" / "testing" / "valid-base.yaml").read_bytes()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture handbook, committed once; temporary folders go to ``tmp_path/tmp/a/b``."""
    isolate_git(monkeypatch)
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE_HANDBOOK, root)
    monkeypatch.chdir(root)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    temp = tmp_path / "tmp" / "a" / "b"  # two levels of room above it, for entries named '..'
    temp.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    (tmp_path / "outside").mkdir()
    return root


def _everything(folder: Path) -> set[tuple[str, bool]]:
    """Every path under ``folder``, with whether it is a link; git's own store left out."""
    return {(str(p.relative_to(folder)), p.is_symlink()) for p in folder.rglob("*") if ".git" not in p.parts}


def _diff(capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: Tree) -> tuple[int, str, str]:
    commit = commit_with_entries("procedures", extra)
    before = _everything(tmp_path)
    code = main(["diff", "HEAD", commit])
    captured = capsys.readouterr()
    assert _everything(tmp_path) == before, "nothing is written outside the temporary folder, which is removed"
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err.replace(commit, "CRAFTED")


def test_a_symlinked_folder_with_a_file_under_it_is_refused(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = str(tmp_path / "outside").encode()
    code, out, err = _diff(
        capsys,
        tmp_path,
        [(b"evil", ("120000", outside)), (b"evil", [(b"x.yaml", ("100644", PROCEDURE))])],
    )
    assert code == 1
    assert "CRAFTED:procedures/evil:1:1: error: a symbolic link: not followed [unsafe-git-entry]" in err
    assert list((tmp_path / "outside").iterdir()) == []
    assert out.startswith("## "), "the rest is still compared"


def test_entries_named_dot_dot_are_refused(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _diff(
        capsys,
        tmp_path,
        [(b"..", [(b"..", [(b"escaped.yaml", ("100644", PROCEDURE))]), (b"up.yaml", ("100644", PROCEDURE))])],
    )
    assert code == 1
    for path in ("procedures/../../escaped.yaml", "procedures/../up.yaml"):
        assert f"CRAFTED:{path}:1:1: error: a path with an empty, '.' or '..' part: not read" in err
    assert not list((tmp_path / "tmp").rglob("*.yaml"))


def test_empty_and_odd_names_are_refused_and_shown_escaped(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _diff(
        capsys,
        tmp_path,
        [
            (b"..\\..\\win.yaml", ("100644", PROCEDURE)),
            (b"C:", [(b"drive.yaml", ("100644", PROCEDURE))]),
            (b"\x1b[31mred", [(b"x.yaml", ("100644", PROCEDURE))]),
            (b"testing", [(b"caf\xe9.yaml", ("100644", PROCEDURE))]),
        ],
    )
    assert code == 1, err
    assert "CRAFTED:procedures/C:/drive.yaml:1:1: error: a name with control characters, backslashes" in err
    assert "CRAFTED:procedures/..\\..\\win.yaml:1:1: error: a name with control characters, backslashes" in err
    assert "CRAFTED:procedures/\\x1b[31mred/x.yaml:1:1: error: a name with control characters" in err
    assert "CRAFTED:procedures/testing/caf\\xe9.yaml:1:1: error: a name that is not UTF-8" in err
    assert "\x1b" not in err


def test_an_empty_name_that_makes_a_path_look_absolute_stops_with_git_s_message(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _diff(capsys, tmp_path, [(b"", [(b"abs.yaml", ("100644", PROCEDURE))])])  # procedures//abs.yaml
    assert (code, out) == (2, "")
    assert err.startswith("handbook diff: cannot list procedures at ") and "empty filename" in err


def test_a_linked_procedure_file_and_a_submodule_are_refused_and_not_compared(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "outside" / "secret.yaml"
    secret.write_bytes(PROCEDURE.replace(b"id: valid-base", b"id: secret"))
    code, out, err = _diff(
        capsys,
        tmp_path,
        [
            (b"linked", [(b"secret.yaml", ("120000", str(secret).encode()))]),
            (b"vendor", ("160000", b"0123456789abcdef0123456789abcdef01234567")),
        ],
    )
    assert code == 1
    assert "CRAFTED:procedures/linked/secret.yaml:1:1: error: a symbolic link: not followed" in err
    assert "CRAFTED:procedures/vendor:1:1: error: a submodule: not read" in err
    assert "- `procedures/linked/secret.yaml`" in out, "listed among the files that were not compared"
    assert "secret" not in out.replace("procedures/linked/secret.yaml", "")


def test_hidden_and_other_files_are_skipped_unread(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _diff(
        capsys,
        tmp_path,
        [(b".hidden.yaml", ("100644", b"[broken")), (b"README.md", ("100644", b"# notes\n"))],
    )
    assert (code, err) == (0, "")
    assert "两个版本之间，流程没有变化。" in out


def test_a_procedures_folder_that_is_the_repository_root(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo / "procedures")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "procedures alone")
    (repo / "procedures" / "testing" / "valid-base.yaml").write_bytes(PROCEDURE.replace(b"at: 8:30", b"at: 9:00"))
    code = main(["diff", "HEAD", "--procedures", "."])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert "时间改变 **检查茶水备品**：8:30 → 9:00" in captured.out
