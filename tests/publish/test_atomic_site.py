"""A build that fails at any point leaves the previous site byte-for-byte as it was, and no staging folder."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers.build import tree_digest


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
        if Path(source).name.startswith(".site-build-"):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(target))
        original(source, target)

    monkeypatch.setattr(os, "replace", refuse_the_new_site)
    _fail_build(capsys)

    assert tree_digest(handbook_copy / "site") == built_once
    assert _leftovers(handbook_copy) == []
