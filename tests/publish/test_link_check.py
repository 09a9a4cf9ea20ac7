"""The built site's link check: what it reads from a page as links and anchors, and what it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.publish.build_cache import BuildCache
from generator.publish.link_check import _PageScan, broken_links

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="assets/a.css"><script src='assets/b.js'></script>
<script>var s = '<a href="inside-script.html">'; if (a < b) {}</script>
<style>.x > a { }</style>
</head><body>
<!-- <a href="commented.html"> -->
<H2 ID="Upper">x</H2><a name=bare-name></a>
<a class="x" title="a > b" href="target.html?x=1&amp;y=2#sec">t</a>
<a href="">empty</a><a hidden>no value</a>
<svg><g><path d="M0 0"/></g></svg><img src="pic.svg" alt="p"/>
</body></html>"""


def test_page_scan_reads_links_and_ids_as_an_html_parser_does() -> None:
    scan = _PageScan()
    scan.feed(PAGE)
    assert scan.links == ["assets/a.css", "assets/b.js", "target.html?x=1&y=2#sec", "", "pic.svg"]
    assert scan.ids == {"Upper", "bare-name"}


def test_broken_links_reports_missing_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html#here">b</a><a href="c.html">c</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h1 id="there">b</h1><a href="a.html">a</a>', encoding="utf-8")
    found = {(b.page, b.link, b.reason) for b in broken_links(tmp_path)}
    assert found == {
        ("a.html", "b.html#here", "no element with id 'here'"),
        ("a.html", "c.html", "no such file"),
    }


def test_links_shared_by_pages_of_a_folder_are_reported_for_each_page(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    for name in ("one", "two"):
        (tmp_path / "d" / f"{name}.html").write_text(
            f'<h1 id="{name}">x</h1><a href="gone.html">g</a><a href="#one">a</a>', encoding="utf-8"
        )
    found = sorted((b.page, b.link, b.reason) for b in broken_links(tmp_path))
    assert found == [
        ("d/one.html", "gone.html", "no such file"),
        ("d/two.html", "#one", "no element with id 'one'"),
        ("d/two.html", "gone.html", "no such file"),
    ]


def _site_with_links(root: Path) -> None:
    (root / "a.html").write_text('<a href="b.html#here">b</a><a href="c.html">c</a>', encoding="utf-8")
    (root / "b.html").write_text('<h1 id="there">b</h1><a href="a.html">a</a>', encoding="utf-8")


def _found(site: Path, cache: BuildCache | None) -> set[tuple[str, str, str]]:
    return {(b.page, b.link, b.reason) for b in broken_links(site, cache)}


def test_a_cached_check_reads_each_page_once_and_finds_what_an_uncached_one_finds(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", BuildCache(tmp_path / "cache")
    site.mkdir()
    _site_with_links(site)
    first = _found(site, cache)
    assert first == _found(site, None) == _found(site, cache)
    assert len(list((tmp_path / "cache").rglob("*.bin"))) == 2  # one entry per page, reused the second time


def test_a_page_changed_since_it_was_cached_is_read_again(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", BuildCache(tmp_path / "cache")
    site.mkdir()
    _site_with_links(site)
    _found(site, cache)
    (site / "b.html").write_text('<h1 id="here">b</h1><a href="gone.html">a</a>', encoding="utf-8")
    assert (
        _found(site, cache)
        == _found(site, None)
        == {
            ("a.html", "c.html", "no such file"),
            ("b.html", "gone.html", "no such file"),
        }
    )


def test_a_spoilt_scan_entry_is_ignored_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site, cache = tmp_path / "site", BuildCache(tmp_path / "cache")
    site.mkdir()
    _site_with_links(site)
    expected = _found(site, cache)
    for entry in (tmp_path / "cache").rglob("*.bin"):
        record = entry.read_bytes().partition(b"\n")[0]  # the record kept, the data changed
        entry.write_bytes(record + b'\n{"ids": ["here"], "links": []}')  # would hide both broken links if trusted
    assert _found(site, cache) == expected
    assert "does not match its data" in capsys.readouterr().err
