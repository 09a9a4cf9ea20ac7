"""Every command's last line of defence: an unexpected error is one line and exit status 2, never a traceback."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import validate as validate_command
from generator.cli.main import main


def _fail_with(monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    def broken(*_args: object) -> object:
        raise exc

    monkeypatch.setattr(validate_command, "validate_paths", broken)


def test_an_unexpected_error_is_one_line_and_exit_status_2(
    handbook_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HANDBOOK_DEBUG", raising=False)
    _fail_with(monkeypatch, RuntimeError("the model is\ninconsistent \x1b[2J"))
    assert main(["validate"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "handbook validate: failed unexpectedly: RuntimeError: the model is inconsistent \\x1b[2J "
        "(set HANDBOOK_DEBUG=1 to see the traceback)\n"
    )


def test_an_unexpected_file_error_names_the_file(
    handbook_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("HANDBOOK_DEBUG", raising=False)
    _fail_with(monkeypatch, OSError(errno.ENOSPC, "No space left on device", "site/checklists/a.pdf"))
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "failed unexpectedly: OSError: No space left on device: site/checklists/a.pdf" in err
    assert err.count("\n") == 1


def test_developers_see_the_traceback_with_handbook_debug(handbook_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_DEBUG", "1")
    _fail_with(monkeypatch, RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        main(["validate"])


def test_a_title_that_is_not_utf8_is_refused_before_anything_is_written(handbook_copy: Path) -> None:
    before = sorted(p.relative_to(handbook_copy) for p in handbook_copy.rglob("*"))
    handbook_file = (handbook_copy / "procedures" / "handbook.yaml").read_bytes()
    process = subprocess.run(
        [sys.executable, "-m", "generator", "new", "brand-new/x", "--title", b"bad \xff title", "--section-title", "x"],
        cwd=handbook_copy,
        capture_output=True,
        timeout=120,
    )
    assert process.returncode == 2
    assert process.stdout == b""
    assert process.stderr == (
        b"handbook new: --title is not valid UTF-8 text: bad \\xff title; "
        b"check the terminal's character encoding (e.g. LANG=C.UTF-8)\n"
    )
    assert sorted(p.relative_to(handbook_copy) for p in handbook_copy.rglob("*")) == before
    assert (handbook_copy / "procedures" / "handbook.yaml").read_bytes() == handbook_file


def test_a_missing_path_with_terminal_escapes_is_shown_escaped(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "x\x1b]0;owned\x07.yaml"]) == 2
    assert capsys.readouterr().err == "handbook validate: no such file or folder: x\\x1b]0;owned\\x07.yaml\n"
