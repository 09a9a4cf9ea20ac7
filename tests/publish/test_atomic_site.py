"""A build that fails at any point leaves the previous site byte-for-byte as it was, and no staging folder.

A build killed midway leaves folders that the next build recognises and removes; nothing else is
touched. Two builds at once run one after the other. The site gets the umask's permissions.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli.main import main
from generator.publish.atomic_site import MARKER
from tests.helpers.build import tree_digest
from tests.helpers.file_modes import umask, unexpected_modes


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site"))


@pytest.fixture
def built_once(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    assert main(["build", "--site-dir", "site"]) == 0
    capsys.readouterr()
    return tree_digest(handbook_copy / "site")


def _fail_build(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["build", "--site-dir", "site"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "the previous site was left as it was" in err
    return err


def test_disk_full_midway_keeps_the_old_site(
    handbook_copy: Path, built_once: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs import utils

    written: list[str] = []
    original: Callable[[bytes, str], None] = utils.write_file

    def write_until_full(content: bytes, path: str) -> None:
        if len(written) == 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        written.append(path)
        original(content, path)

    monkeypatch.setattr(utils, "write_file", write_until_full)
    err = _fail_build(capsys)

    assert len(written) == 5, "pages were written into staging before the failure"
    assert "cannot write the site" in err and os.strerror(errno.ENOSPC) in err
    assert tree_digest(handbook_copy / "site") == built_once
    assert _leftovers(handbook_copy) == []


def test_broken_link_found_after_all_pages_were_written_keeps_the_old_site(
    handbook_copy: Path, built_once: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    # MkDocs does not check links in raw HTML; the final link check does, after every page was written.
    (handbook_copy / "docs" / "about.md").write_text('# 关于\n\n<p><a href="missing.html">别处</a></p>\n', "utf-8")
    err = _fail_build(capsys)

    assert "broken link 'missing.html'" in err
    assert tree_digest(handbook_copy / "site") == built_once
    assert _leftovers(handbook_copy) == []


def test_failing_swap_puts_the_old_site_back(
    handbook_copy: Path, built_once: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = os.replace

    def refuse_the_new_site(source: str | Path, target: str | Path) -> None:
        if Path(source).parent.name.startswith(".site-build-"):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        original(source, target)

    monkeypatch.setattr(os, "replace", refuse_the_new_site)
    _fail_build(capsys)

    assert tree_digest(handbook_copy / "site") == built_once
    assert _leftovers(handbook_copy) == []


@pytest.mark.parametrize(("mask", "folders", "files"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_the_site_gets_the_permissions_the_umask_gives(
    mask: int, folders: int, files: int, handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with umask(mask):
        assert main(["build", "--site-dir", "site"]) == 0
    site = handbook_copy / "site"
    assert (site / "checklists" / "index.pdf").is_file() and (site / "index.html").is_file()
    assert unexpected_modes(site, folders, files) == {}


def test_an_old_site_that_cannot_be_removed_is_a_warning_and_the_next_build_removes_it(
    handbook_copy: Path, built_once: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    about = handbook_copy / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    original = shutil.rmtree

    def refuse_the_old_site(path: str | Path, *args: Any, **kwargs: Any) -> None:
        if Path(path).parent.name.startswith(".site-old-"):
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(path))
        original(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", refuse_the_old_site)
    assert main(["build", "--site-dir", "site"]) == 0
    err = capsys.readouterr().err
    assert "warning: the previous site could not be removed" in err and "handbook build: site written to site" in err
    assert "failed" not in err and "left as it was" not in err
    assert "新的一段。" in (handbook_copy / "site" / "about.html").read_text(encoding="utf-8"), "the new site is in"
    left = _leftovers(handbook_copy)
    assert len(left) == 1 and left[0].startswith(".site-old-")

    monkeypatch.setattr(shutil, "rmtree", original)
    assert main(["build", "--site-dir", "site"]) == 0
    assert f"removed 1 folder(s) left by interrupted builds: {left[0]}" in capsys.readouterr().err
    assert _leftovers(handbook_copy) == []


def test_folders_that_only_look_like_ours_are_left_alone(
    handbook_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    look_alikes = {
        ".site-build-abc123": None,  # no marker
        ".site-old-abc123": "my own notes\n",  # a file of the marker's name, but not our marker
        ".site-build-with-dash": None,
        ".sitex-build-abc123": None,
    }
    for name, marker in look_alikes.items():
        (handbook_copy / name).mkdir()
        (handbook_copy / name / "keep.txt").write_text("keep", encoding="utf-8")
        if marker is not None:
            (handbook_copy / name / MARKER).write_text(marker, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (handbook_copy / ".site-build-link12").symlink_to(elsewhere, target_is_directory=True)
    assert main(["build", "--site-dir", "site", "--no-pdf"]) == 0
    assert "interrupted builds" not in capsys.readouterr().err
    for name in look_alikes:
        assert (handbook_copy / name / "keep.txt").read_text(encoding="utf-8") == "keep", name
    assert (handbook_copy / ".site-build-link12").is_symlink() and elsewhere.is_dir()


def test_a_build_killed_with_sigkill_leaves_staging_that_the_next_build_removes(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--site-dir", "site"],
        cwd=handbook_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        staging = _wait_for_staging(handbook_copy, build)
        build.send_signal(signal.SIGKILL)
    finally:
        build.wait()
    assert staging.is_dir(), "the killed build left its staging folder"
    assert main(["build", "--site-dir", "site"]) == 0
    assert f"removed 1 folder(s) left by interrupted builds: {staging.name}" in capsys.readouterr().err
    assert _leftovers(handbook_copy) == []
    site = handbook_copy / "site"
    for name in ("index.html", "testing/full-example.html", "checklists/index.pdf", "search/search_index.json"):
        assert (site / name).is_file(), name


def _wait_for_staging(folder: Path, build: subprocess.Popen[bytes]) -> Path:
    """The staging folder of a running build, once the build has started writing into it."""
    deadline = time.monotonic() + 300  # only so that a hung build cannot hang the suite
    while build.poll() is None and time.monotonic() < deadline:
        for staging in folder.glob(".site-build-*"):
            if any((staging / "site").glob("*")):
                return staging
        time.sleep(0.005)
    pytest.fail("the build ended before it was seen writing its staging folder")


def test_two_builds_at_once_both_succeed_one_after_the_other(handbook_copy: Path) -> None:
    command = [sys.executable, "-m", "generator", "build", "--site-dir", "site", "--no-pdf"]
    builds = [subprocess.Popen(command, cwd=handbook_copy, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [build.communicate()[1] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert all("site written to site" in err and "failed" not in err for err in outputs)
    assert _leftovers(handbook_copy) == []
    assert (handbook_copy / "site" / "index.html").is_file()
