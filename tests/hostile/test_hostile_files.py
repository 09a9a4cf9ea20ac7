"""Hostile things in the procedures folder that are not files to read: FIFOs, sockets, link loops, broken
links, file names with terminal escapes. Each is reported once with its place; nothing blocks or crashes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.bad_inputs import run_validate

pytestmark = pytest.mark.usefixtures("english_messages")  # about what is refused, not its wording

SECONDS = 120  # a hang fails the test instead of the run


def _handbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``handbook ARGS`` in a process of its own, bounded in time."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        env={**os.environ, "HANDBOOK_DEBUG": ""},
    )


FIFO_MESSAGE = (
    "procedures/testing/pipe.yaml:1:1: error: a named pipe (FIFO), not a regular file: not read [not-a-file]\n"
    "    hint: procedures and handbook.yaml must be ordinary files\n"
)


def test_a_fifo_named_like_a_procedure_is_refused_by_validate_and_build(handbook_copy: Path) -> None:
    os.mkfifo(handbook_copy / "procedures" / "testing" / "pipe.yaml")
    validated = _handbook("validate", "--strict", "procedures", cwd=handbook_copy)
    assert (validated.returncode, validated.stdout) == (1, FIFO_MESSAGE)
    built = _handbook("build", "--no-pdf", "--site-dir", "site", cwd=handbook_copy)
    assert built.returncode == 1
    assert FIFO_MESSAGE in built.stderr and "Traceback" not in built.stderr
    assert not (handbook_copy / "site").exists()


def test_a_fifo_as_handbook_yaml_is_refused(handbook_copy: Path) -> None:
    handbook = handbook_copy / "procedures" / "handbook.yaml"
    handbook.unlink()
    os.mkfifo(handbook)
    validated = _handbook("validate", "procedures", cwd=handbook_copy)
    assert validated.returncode == 1
    assert validated.stdout.startswith(
        "procedures/handbook.yaml:1:1: error: a named pipe (FIFO), not a regular file: not read [not-a-file]\n"
    )
    assert "handbook.yaml is missing" not in validated.stdout


def test_a_socket_named_like_a_procedure_is_refused(handbook_copy: Path) -> None:
    # AF_UNIX paths are short: bind from inside the folder with a relative name.
    os.chdir(handbook_copy / "procedures" / "testing")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock.yaml")
        os.chdir(handbook_copy)
        code, output = run_validate("procedures")
    assert output == (
        "procedures/testing/sock.yaml:1:1: error: a socket, not a regular file: not read [not-a-file]\n"
        "    hint: procedures and handbook.yaml must be ordinary files\n"
    )
    assert code == 1


LOOP_HINT = "    hint: remove the link or fix its target\n"


def test_symbolic_link_loops_are_reported_not_raised(handbook_copy: Path) -> None:
    testing = handbook_copy / "procedures" / "testing"
    (testing / "self.yaml").symlink_to("self.yaml")
    (testing / "ping.yaml").symlink_to("pong.yaml")
    (testing / "pong.yaml").symlink_to("ping.yaml")
    code, output = run_validate("procedures")
    loop = "error: symbolic link loop: the link leads back to itself [symlink-loop]\n"
    assert output == "".join(
        f"procedures/testing/{name}.yaml:1:1: {loop}{LOOP_HINT}" for name in ("ping", "pong", "self")
    )
    assert code == 1
    built = _handbook("build", "--no-pdf", "--site-dir", "site", cwd=handbook_copy)
    assert built.returncode == 1 and "Traceback" not in built.stderr and "RuntimeError" not in built.stderr


def test_handbook_yaml_as_a_link_loop_is_reported(handbook_copy: Path) -> None:
    handbook = handbook_copy / "procedures" / "handbook.yaml"
    handbook.unlink()
    handbook.symlink_to("handbook.yaml")
    code, output = run_validate("procedures")
    assert output.startswith(
        "procedures/handbook.yaml:1:1: error: symbolic link loop: the link leads back to itself [symlink-loop]\n"
    )
    assert code == 1


def test_links_to_folders_are_not_entered_and_a_loop_by_any_name_is_reported(handbook_copy: Path) -> None:
    (handbook_copy / "procedures" / "testing" / "again.yaml").symlink_to(".", target_is_directory=True)
    (handbook_copy / "procedures" / "round").symlink_to("round", target_is_directory=True)
    code, output = run_validate("procedures")
    assert (
        output
        == f"procedures/round:1:1: error: symbolic link loop: the link leads back to itself [symlink-loop]\n{LOOP_HINT}"
    )
    assert code == 1


def test_a_broken_link_is_reported(handbook_copy: Path) -> None:
    (handbook_copy / "procedures" / "testing" / "gone.yaml").symlink_to("nowhere.yaml")
    code, output = run_validate("procedures")
    assert output == (
        "procedures/testing/gone.yaml:1:1: error: symbolic link to a file that does not exist [broken-symlink]\n"
        "    hint: remove the link\n"
    )
    assert code == 1


ESCAPE_NAME = "evil\x1b]0;owned\x07\x1b[2J.yaml"
SHOWN_NAME = "procedures/testing/evil\\x1b]0;owned\\x07\\x1b[2J.yaml"


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        (
            "text",
            f"{SHOWN_NAME}:1:1: error: a procedure file name uses only lower-case letters, digits and hyphens, "
            "then .yaml [file-name]\n    hint: rename it like its id, e.g. bar-counter-service.yaml\n",
        ),
        (
            "github",
            f"::error file={SHOWN_NAME},line=1,col=1,title=file-name::a procedure file name uses only lower-case "
            "letters, digits and hyphens, then .yaml%0Arename it like its id, e.g. bar-counter-service.yaml\n",
        ),
    ],
)
def test_a_file_name_with_terminal_escapes_is_printed_escaped(
    handbook_copy: Path, output_format: str, expected: str
) -> None:
    (handbook_copy / "procedures" / "testing" / ESCAPE_NAME).write_text("id: x\n", encoding="utf-8")
    code, output = run_validate("--format", output_format, "procedures")
    assert output == expected
    assert "\x1b" not in output and "\x07" not in output
    assert code == 1
