"""A sheet's copy into the bundle, as the build cache keeps it: what is packed is given back whole,
and anything else is refused rather than trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.publish.pdf import write_checklist_pdfs
from generator.publish.pdf_bundle_part import _unpacked, made_part, packed
from tests.helpers.site_fixture import SITE_URL, fixture_handbook


@pytest.fixture(scope="module")
def sheet_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    site = tmp_path_factory.mktemp("sheets")
    written = write_checklist_pdfs(fixture_handbook(), site, SITE_URL)
    return [(site / pdf.path).read_bytes() for pdf in written[:-1]]  # the last is the bundle itself


def test_a_packed_part_is_given_back_whole(sheet_pdfs: list[bytes]) -> None:
    for pdf in sheet_pdfs:
        part = made_part(pdf)
        assert part.pages and part.bookmarks, "each sheet has pages and its title as a bookmark"
        assert _unpacked(packed(part)) == part


@pytest.mark.parametrize("spoil", [lambda d: d[:-1], lambda d: d + b"x", lambda d: b"\xff" * 8 + d, lambda d: b""])
def test_bytes_that_are_not_a_packed_part_are_refused(sheet_pdfs: list[bytes], spoil: object) -> None:
    data = packed(made_part(sheet_pdfs[0]))
    assert _unpacked(spoil(data)) is None  # type: ignore[operator]


def test_the_bundle_from_kept_parts_equals_the_bundle_made_afresh(tmp_path: Path) -> None:
    from generator.publish.build_cache import BuildCache

    cache = BuildCache(tmp_path / "cache")
    write_checklist_pdfs(fixture_handbook(), tmp_path / "cold", SITE_URL, cache)
    write_checklist_pdfs(fixture_handbook(), tmp_path / "warm", SITE_URL, cache)
    write_checklist_pdfs(fixture_handbook(), tmp_path / "plain", SITE_URL)
    bundles = [(tmp_path / name / "checklists" / "index.pdf").read_bytes() for name in ("cold", "warm", "plain")]
    assert bundles[0] == bundles[1] == bundles[2]
    assert list((tmp_path / "cache" / "bundle-part").rglob("*.bin"))
