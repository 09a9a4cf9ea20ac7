"""`handbook diagram ID -o FILE.svg`: the standalone flowchart of one procedure."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers.file_modes import mode, umask

SVG = "{http://www.w3.org/2000/svg}"


def test_writes_a_standalone_svg_of_the_procedure(handbook_copy: Path) -> None:
    assert main(["diagram", "valid-base", "-o", "out/valid-base.svg"]) == 0
    root = ET.parse(handbook_copy / "out" / "valid-base.svg").getroot()
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "吧台服务"
    assert "吧台服务员" in "".join(root.itertext())
    assert not [a for a in root.iter(f"{SVG}a")], "a standalone file links to no page"


def test_same_input_gives_the_same_bytes(handbook_copy: Path) -> None:
    assert main(["diagram", "full-example", "-o", "a.svg"]) == 0
    assert main(["diagram", "full-example", "-o", "b.svg"]) == 0
    assert (handbook_copy / "a.svg").read_bytes() == (handbook_copy / "b.svg").read_bytes()


def test_unknown_id_is_a_usage_error_listing_the_ids(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagram", "no-such-procedure", "-o", "x.svg"]) == 2
    assert "full-example, valid-base" in capsys.readouterr().err
    assert not (handbook_copy / "x.svg").exists()


def test_invalid_procedures_write_nothing(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: valid-base", "id: Valid Base"), encoding="utf-8")
    assert main(["diagram", "full-example", "-o", "x.svg"]) == 1
    assert "procedures/testing/valid-base.yaml:" in capsys.readouterr().err
    assert not (handbook_copy / "x.svg").exists()


def _refused(capsys: pytest.CaptureFixture[str], output: str, reason: str) -> None:
    assert main(["diagram", "valid-base", "-o", output]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1 and err.startswith(f"handbook diagram: cannot write {output}: "), err
    assert reason in err


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_a_device_is_refused_and_stays_a_device(
    device: str, handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    before = os.stat(device)
    assert stat.S_ISCHR(before.st_mode)
    _refused(capsys, device, "it is a device, not a regular file")
    after = os.stat(device)  # as root, a rename would have put a regular file in its place
    assert stat.S_ISCHR(after.st_mode) and (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)


def test_a_fifo_is_refused_without_blocking(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(handbook_copy / "pipe.svg")
    _refused(capsys, "pipe.svg", "it is a FIFO (named pipe)")
    assert stat.S_ISFIFO((handbook_copy / "pipe.svg").lstat().st_mode)


def test_a_folder_is_refused_and_left_as_it_was(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (handbook_copy / "out").mkdir()
    (handbook_copy / "out" / "keep.txt").write_text("keep", encoding="utf-8")
    _refused(capsys, "out", "it is a folder")
    assert [p.name for p in (handbook_copy / "out").iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("output", ["/proc/handbook-diagram.svg", "/proc/self/handbook-diagram.svg"])
def test_a_place_nobody_can_write_gives_one_clear_line(
    output: str, handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc file system here")
    _refused(capsys, output, "")
    assert not Path(output).exists()


def test_a_read_only_folder_gives_one_clear_line(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = handbook_copy / "locked"
    locked.mkdir()
    (locked / "old.svg").write_text("old", encoding="utf-8")
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("this user (root) can write into a read-only folder anyway")
        _refused(capsys, "locked/old.svg", "Permission denied")
        assert (locked / "old.svg").read_text(encoding="utf-8") == "old"
        assert [p.name for p in locked.iterdir()] == ["old.svg"]
    finally:
        locked.chmod(0o755)


def test_a_link_out_of_the_target_folder_is_not_followed(
    handbook_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (handbook_copy / "link.svg").symlink_to(tmp_path / "elsewhere.svg")
    _refused(capsys, "link.svg", "a symbolic link leads outside its folder")
    assert not (tmp_path / "elsewhere.svg").exists()
    assert (handbook_copy / "link.svg").is_symlink()


def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_mode(handbook_copy: Path) -> None:
    with umask(0o022):
        assert main(["diagram", "valid-base", "-o", "new.svg"]) == 0
        (handbook_copy / "private.svg").write_text("old", encoding="utf-8")
        (handbook_copy / "private.svg").chmod(0o640)
        assert main(["diagram", "valid-base", "-o", "private.svg"]) == 0
    with umask(0o027):
        assert main(["diagram", "valid-base", "-o", "group.svg"]) == 0
    assert mode(handbook_copy / "new.svg") == 0o644
    assert mode(handbook_copy / "group.svg") == 0o640
    assert mode(handbook_copy / "private.svg") == 0o640
    assert (handbook_copy / "private.svg").read_text(encoding="utf-8").startswith("<svg")
    assert not [p.name for p in handbook_copy.iterdir() if p.name.startswith(".")], "no temporary file is left"
