"""The build cache on disk: trusted only when whole and its own, and a warm build equals a cold one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.publish.build_cache import BuildCache
from generator.publish.pdf import write_checklist_pdfs
from tests.helpers.seed_handbook import seed
from tests.helpers.site_fixture import SITE_URL

KEY = "ab" + "0" * 30


def entry_path(cache: BuildCache) -> Path:
    return cache.folder / "pdf" / KEY[:2] / f"{KEY}.bin"


def test_an_entry_put_is_given_back(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    cache.put("pdf", KEY, b"%PDF-1.7 data", {"pages": 2})
    kept = cache.get("pdf", KEY)
    assert kept is not None
    assert (kept.data, kept.facts) == (b"%PDF-1.7 data", {"pages": 2})
    assert cache.get("pdf", "cd" + "0" * 30) is None


def _age(folder: Path, seconds: float) -> None:
    """Make every entry under ``folder`` look ``seconds`` older: written by an earlier build."""
    for path in folder.rglob("*.*"):
        os.utime(path, (path.stat().st_atime - seconds, path.stat().st_mtime - seconds))


def test_pruning_keeps_what_the_build_used_and_kinds_it_did_not_use(tmp_path: Path) -> None:
    earlier = BuildCache(tmp_path)
    for key in ("aa" + "1" * 30, "bb" + "2" * 30):
        earlier.put("page", key, b"<p>", {})
    earlier.put("pdf", KEY, b"%PDF", {})
    _age(tmp_path, 60)
    build = BuildCache(tmp_path)  # the next build: it reads one page, writes another, makes no PDF
    assert build.get("page", "aa" + "1" * 30) is not None
    build.put("page", "cc" + "3" * 30, b"<p>new", {})
    assert build.prune() == 1
    assert build.get("page", "bb" + "2" * 30) is None
    assert build.get("page", "aa" + "1" * 30) is not None and build.get("page", "cc" + "3" * 30) is not None
    assert build.get("pdf", KEY) is not None
    assert not list(tmp_path.rglob("bb*"))


def test_a_text_is_made_once_and_then_given_back(tmp_path: Path) -> None:
    made: list[str] = []

    def make() -> str:
        made.append("once")
        return "<svg>流程</svg>"

    assert BuildCache(tmp_path).text("chart", KEY, make) == "<svg>流程</svg>"
    assert BuildCache(tmp_path).text("chart", KEY, make) == "<svg>流程</svg>"
    assert made == ["once"]


@pytest.mark.parametrize(
    ("spoil", "said"),
    [
        (lambda record, data: (b"{not json", data), "valid JSON record"),
        (lambda record, data: (json.dumps({**record, "format": "other/9"}).encode(), data), "another version"),
        (lambda record, data: (json.dumps({**record, "key": "ff" * 16}).encode(), data), "another entry"),
        (lambda record, data: (json.dumps(record).encode(), data + b"tampered"), "does not match"),
        (lambda record, data: (b"[1, 2]", data), "not a cache record"),
    ],
)
def test_a_corrupt_or_foreign_entry_is_ignored_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spoil: object, said: str
) -> None:
    cache = BuildCache(tmp_path)
    cache.put("pdf", KEY, b"%PDF-1.7 data", {"pages": 1})
    record_line, _, data = entry_path(cache).read_bytes().partition(b"\n")
    new_record, new_data = spoil(json.loads(record_line), data)  # type: ignore[operator]
    entry_path(cache).write_bytes(new_record + b"\n" + new_data)
    assert cache.get("pdf", KEY) is None
    assert said in capsys.readouterr().err


def all_files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_pdfs_from_a_warm_cache_equal_a_cold_build_even_with_spoilt_entries(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    cache = BuildCache(tmp_path / "cache")
    write_checklist_pdfs(seed(), tmp_path / "cold", SITE_URL, cache)
    sheets, parts = (sorted((tmp_path / "cache" / kind).rglob("*.bin")) for kind in ("pdf", "bundle-part"))
    assert sheets and parts, "the cold build kept each sheet's PDF and its copy into the bundle"
    write_checklist_pdfs(seed(), tmp_path / "warm", SITE_URL, cache)
    for entry, data in ((sheets[0], b"not the PDF"), (parts[0], b"not the part")):
        entry.write_bytes(entry.read_bytes().partition(b"\n")[0] + b"\n" + data)  # the record kept
    write_checklist_pdfs(seed(), tmp_path / "spoilt", SITE_URL, cache)
    assert "does not match" in capfd.readouterr().err  # said by a worker process, hence capfd
    write_checklist_pdfs(seed(), tmp_path / "uncached", SITE_URL)
    cold = all_files(tmp_path / "cold")
    assert cold == all_files(tmp_path / "warm") == all_files(tmp_path / "spoilt") == all_files(tmp_path / "uncached")
