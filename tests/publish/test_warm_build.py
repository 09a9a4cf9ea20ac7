"""`handbook build` with its cache: after a one-file edit, a warm build reuses the unchanged pages and
writes the very site a build without the cache writes; a spoilt entry is ignored with a warning."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from generator.cli.main import main
from tests.helpers.build import tree_digest
from tests.helpers.paths import FIXTURE_HANDBOOK

EDITED = "procedures/testing/valid-base.yaml"


def _build(root: Path, site: Path, *cache: str) -> None:
    with contextlib.chdir(root):
        assert main(["build", "--site-dir", str(site), *cache]) == 0


def _age(cache: Path) -> None:
    """Make the cache's entries look a minute old, as a build before this one left them."""
    for path in cache.rglob("*.*"):
        os.utime(path, (path.stat().st_atime - 60, path.stat().st_mtime - 60))


def _entries(cache: Path, kind: str) -> set[Path]:
    return set((cache / kind).rglob("*.bin"))


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import shutil

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    shutil.copytree(FIXTURE_HANDBOOK, tmp_path / "hb")
    return tmp_path / "hb"


def test_a_warm_build_after_one_edit_equals_a_build_without_the_cache(
    handbook: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    _build(handbook, tmp_path / "cold", "--cache-dir", str(cache))
    _age(cache)
    pages, search = _entries(cache, "page"), _entries(cache, "search")
    assert len(pages) > 10 and len(search) > 10
    edited = handbook / EDITED
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("奉上饮品", "为客人奉上饮品"), "utf-8")  # a title and a checklist item
    _build(handbook, tmp_path / "warm", "--cache-dir", str(cache))
    made_again = _entries(cache, "page") - pages
    # Only the pages that show the edited step were made again: its procedure, its checklist, the
    # role's page and sheets; the rest came from the cache.
    assert 0 < len(made_again) < len(pages) / 2, (len(made_again), len(pages))
    # The entries of the pages the edit changed were pruned: the cache keeps the size of one build.
    assert len(_entries(cache, "page")) == len(pages)
    _build(handbook, tmp_path / "uncached", "--no-cache")
    assert tree_digest(tmp_path / "warm") == tree_digest(tmp_path / "uncached")
    assert "warning: build cache" not in capfd.readouterr().err


def test_a_retitled_hand_written_page_shows_its_new_title_in_every_pages_navigation(
    handbook: Path, tmp_path: Path
) -> None:
    """The navigation holds a hand-written page's path, not its title (MkDocs reads that from the page)."""
    cache = tmp_path / "cache"
    _build(handbook, tmp_path / "cold", "--no-pdf", "--cache-dir", str(cache))
    about = handbook / "docs" / "about.md"
    lines = about.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("# ")
    about.write_text("# 关于本手册（修订）\n" + "".join(lines[1:]), encoding="utf-8")
    _build(handbook, tmp_path / "warm", "--no-pdf", "--cache-dir", str(cache))
    _build(handbook, tmp_path / "uncached", "--no-pdf", "--no-cache")
    pages = sorted((tmp_path / "warm").rglob("*.html"))
    assert len(pages) > 10
    assert all("关于本手册（修订）" in page.read_text(encoding="utf-8") for page in pages if page.name != "404.html")
    assert tree_digest(tmp_path / "warm") == tree_digest(tmp_path / "uncached")


def test_a_spoilt_page_entry_is_ignored_with_a_warning(
    handbook: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    _build(handbook, tmp_path / "cold", "--cache-dir", str(cache))
    for entry in sorted(_entries(cache, "page"))[:3] + sorted(_entries(cache, "search"))[:3]:
        record = entry.read_bytes().partition(b"\n")[0]  # the record kept, the data changed
        entry.write_bytes(record + b"\n<html>not what was kept</html>")
    capfd.readouterr()
    _build(handbook, tmp_path / "warm", "--cache-dir", str(cache))
    assert "does not match its data; made again" in capfd.readouterr().err
    assert tree_digest(tmp_path / "warm") == tree_digest(tmp_path / "cold")


def test_pages_kept_by_other_code_of_the_tool_are_all_made_again(
    handbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache a workflow restores may come from an earlier commit of the same version: a page made
    by that code (its plugin or theme overrides may have shaped the HTML otherwise) is not reused."""
    from generator.mkdocs_plugin import page_cache

    cache = tmp_path / "cache"
    _build(handbook, tmp_path / "cold", "--cache-dir", str(cache))
    pages, search = _entries(cache, "page"), _entries(cache, "search")
    monkeypatch.setattr(page_cache, "code_identity", lambda: "another commit of the tool")
    page_cache.engine_versions.cache_clear()
    try:
        _build(handbook, tmp_path / "other-code", "--cache-dir", str(cache))
    finally:
        page_cache.engine_versions.cache_clear()
    assert pages and not pages & _entries(cache, "page")
    assert search and not search & _entries(cache, "search")


# A fresh process that takes the path of a large handbook: its sheets are written by forked workers.
_BUILD_WITH_WORKERS = """
import sys
import generator.render.parallel_map as parallel_map
from generator.cli.main import main
parallel_map.MIN_ITEMS_FOR_WORKERS = 1
raise SystemExit(main(["build", *sys.argv[1:]]))
"""


def test_entries_written_by_workers_are_reused_and_pruned_by_the_next_process(handbook: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    cache = tmp_path / "cache"

    def build(site: str) -> None:
        command = [sys.executable, "-c", _BUILD_WITH_WORKERS, "--site-dir", str(tmp_path / site)]
        subprocess.run([*command, "--cache-dir", str(cache)], cwd=handbook, check=True, capture_output=True)

    build("cold")
    _age(cache)
    pdfs, sheets, documents = (_entries(cache, kind) for kind in ("pdf", "procedure-checklist", "checked-document"))
    edited = handbook / EDITED
    edited.write_text(edited.read_text(encoding="utf-8").replace("奉上饮品", "为客人奉上饮品"), "utf-8")
    build("warm")
    # The sheets that show the edited item were made again and their old entries went.
    assert _entries(cache, "pdf") != pdfs and len(_entries(cache, "pdf")) == len(pdfs)
    # Another process made the same checklist pages from the same procedures: only the edited one is new.
    assert len(sheets) > 1 and len(_entries(cache, "procedure-checklist") - sheets) == 1
    assert len(documents) > 1 and len(_entries(cache, "checked-document") - documents) == 1  # read, checked anew
