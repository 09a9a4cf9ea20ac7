"""One build at a time per site folder: a second one waits for the lock beside the site, or gives up clearly."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.publish.atomic_site import SiteBuilder, build_atomically
from generator.publish.site_lock import SiteBusy, lock_file


def _write_page(text: str) -> SiteBuilder:
    def builder(staging: Path) -> None:
        (staging / "index.html").write_text(text, encoding="utf-8")

    return builder


@pytest.fixture
def held(tmp_path: Path) -> Iterator[int]:
    """The lock of ``tmp_path/site``, held by someone else (another open file) until released."""
    handle = os.open(lock_file(tmp_path / "site"), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(handle, fcntl.LOCK_EX)
    yield handle
    os.close(handle)


def test_a_build_waits_for_the_lock_and_says_so_once(tmp_path: Path, held: int) -> None:
    told: list[str] = []

    def release_when_told(message: str) -> None:
        told.append(message)
        fcntl.flock(held, fcntl.LOCK_UN)  # the other build ends now

    build_atomically(tmp_path / "site", _write_page("new"), check_links=False, on_wait=release_when_told)
    assert told == ["another build of site is running; waiting up to 600 seconds for it to finish"]
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no lock file or staging folder is left"


def test_a_build_that_cannot_get_the_lock_in_time_gives_up_and_changes_nothing(tmp_path: Path, held: int) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("old", encoding="utf-8")
    told: list[str] = []
    with pytest.raises(SiteBusy, match=r"another build of site still holds \.site\.lock after 0\.3 seconds"):
        build_atomically(
            tmp_path / "site", _write_page("new"), check_links=False, lock_timeout=0.3, on_wait=told.append
        )
    assert len(told) == 1
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"], "the holder's lock file is kept"
