"""Shared test options and fixtures."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_HANDBOOK = Path(__file__).resolve().parent / "fixtures" / "handbook"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def handbook_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small fixture handbook; the working directory is its parent."""
    shutil.copytree(FIXTURE_HANDBOOK, tmp_path / "hb")
    monkeypatch.chdir(tmp_path / "hb")
    return tmp_path / "hb"


def build_site(handbook_root: Path, site: Path) -> None:
    """``handbook build`` of the handbook at ``handbook_root`` into ``site``; it must succeed."""
    from generator.cli.main import main

    with contextlib.chdir(handbook_root):
        assert main(["build", "--site-dir", str(site)]) == 0
