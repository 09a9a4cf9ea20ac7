"""Shared test options and fixtures; the helpers they use live in tests/helpers/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.build import build_site
from tests.helpers.paths import FIXTURE_HANDBOOK, ROOT
from tests.helpers.payloads import PAYLOAD_HANDBOOK


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


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped handbook, built once per test run with `handbook build` and no SOURCE_DATE_EPOCH.

    Tests only read it; a test that changes a site builds its own.
    """
    site = tmp_path_factory.mktemp("shipped") / "site"
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        build_site(ROOT, site)
    return site


@pytest.fixture(scope="session")
def fixture_handbook_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture handbook (real site and repository addresses), built once per test run."""
    site = tmp_path_factory.mktemp("fixture") / "site"
    build_site(FIXTURE_HANDBOOK, site)
    return site


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payload handbook (every text field carries a script), built once per test run."""
    site = tmp_path_factory.mktemp("payload") / "site"
    build_site(PAYLOAD_HANDBOOK, site)
    return site


@pytest.fixture
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagnostics worded in English whatever the handbook's language, in this process and the commands
    it starts (HANDBOOK_MESSAGES): for tests about what is refused, not about its wording."""
    monkeypatch.setenv("HANDBOOK_MESSAGES", "en")
