"""Two builds of the same procedures give byte-identical sites, whatever the clock says.

Whether the build date leaks into the output is a property of the generator, not of the content:
the small fixture handbook (same plugins as the shipped one) proves it. The shipped handbook is
built once per test run (``shipped_site``); one more build of it proves its content builds
reproducibly too.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.validate.pipeline import validate_root
from tests.helpers.build import build_site, tree_digest
from tests.helpers.paths import ROOT


def _build(handbook_root: Path, site: Path) -> dict[str, str]:
    build_site(handbook_root, site)
    return tree_digest(site)


def _epoch(day: date) -> str:
    return str(calendar.timegm(day.timetuple()) + 12 * 3600)


def _differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def _quiet_days(procedures: Path) -> tuple[date, date]:
    """Two different days on which no procedure of the handbook is due for review."""
    result = validate_root(procedures, date.today())
    assert result.handbook is not None
    first_review = min(p.review_by for p in result.handbook.procedures)
    last_effective = max(p.effective for p in result.handbook.procedures)
    assert first_review - last_effective > timedelta(days=2)
    return last_effective + timedelta(days=1), first_review - timedelta(days=1)


def test_same_source_date_epoch_gives_identical_sites_and_the_build_date_is_not_embedded(
    handbook_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early, late = _quiet_days(handbook_copy / "procedures")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(early))
    first = _build(handbook_copy, tmp_path / "one" / "site")
    second = _build(handbook_copy, tmp_path / "two" / "site")
    assert {"index.html", "checklists/full-example.pdf", "search/search_index.json"} <= first.keys()
    assert _differences(first, second) == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(late))
    assert _differences(first, _build(handbook_copy, tmp_path / "later" / "site")) == []


def test_builds_of_the_shipped_handbook_without_source_date_epoch_are_identical(
    shipped_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = tree_digest(shipped_site)
    assert len(first) > 100
    assert _differences(first, _build(ROOT, tmp_path / "again" / "site")) == []


def test_a_malformed_source_date_epoch_is_a_usage_error(
    handbook_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["build", "--site-dir", "site"]) == 2
    err = capsys.readouterr().err
    assert "SOURCE_DATE_EPOCH must be whole seconds since 1970" in err and "'yesterday'" in err
    assert "Traceback" not in err
    assert not (handbook_copy / "site").exists()
