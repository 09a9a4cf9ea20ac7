"""Sources are read only as regular files, checked on the opened file: nothing can make a read block."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.diagnostics import HandbookError
from generator.load.reading import read_source
from generator.load.yaml_loader import MAX_FILE_BYTES


def _refusal(path: Path) -> str:
    with pytest.raises(HandbookError) as caught:
        read_source(str(path), "shown.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.where.file == "shown.yaml"
    return f"{diagnostic.code}: {diagnostic.message}"


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"id: a\n")
    assert read_source(str(tmp_path / "a.yaml"), "a.yaml") == b"id: a\n"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    assert _refusal(tmp_path / "pipe.yaml") == "not-a-file: a named pipe (FIFO), not a regular file: not read"


def test_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "null.yaml").symlink_to("/dev/null")
    assert _refusal(tmp_path / "null.yaml") == "not-a-file: a character device, not a regular file: not read"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    assert _refusal(tmp_path / "folder.yaml") == "not-a-file: a folder, not a regular file: not read"


def test_a_link_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    assert _refusal(tmp_path / "loop.yaml") == "symlink-loop: symbolic link loop: the link leads back to itself"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with (tmp_path / "huge.yaml").open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    assert _refusal(tmp_path / "huge.yaml").startswith("file-too-large: ")
