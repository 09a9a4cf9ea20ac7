"""Every command reads one procedures folder: --procedures, else the handbook plugin's option in
mkdocs.yml, else procedures/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli.main import main


@pytest.fixture
def moved(handbook_copy: Path) -> Path:
    """The fixture handbook with its procedures in content/handbook, as its mkdocs.yml says."""
    (handbook_copy / "content").mkdir()
    shutil.move(handbook_copy / "procedures", handbook_copy / "content" / "handbook")
    config = handbook_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("procedures: procedures", "procedures: content/handbook"), encoding="utf-8")
    return handbook_copy / "content" / "handbook"


def test_validate_reads_the_folder_of_mkdocs_yml(moved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "2 procedures checked" in capsys.readouterr().err


def test_diagram_and_new_read_the_folder_of_mkdocs_yml(moved: Path, tmp_path: Path) -> None:
    assert main(["diagram", "full-example", "-o", str(tmp_path / "chart.svg")]) == 0
    assert (tmp_path / "chart.svg").read_text(encoding="utf-8").startswith("<svg")
    assert main(["new", "testing/badges", "--title", "胸牌发放"]) == 0
    assert (moved / "testing" / "badges.yaml").is_file()


def test_build_reads_the_folder_of_mkdocs_yml(moved: Path) -> None:
    assert main(["build", "--no-pdf", "--site-dir", "site"]) == 0
    page = (moved.parent.parent / "site" / "testing" / "full-example.html").read_text(encoding="utf-8")
    assert "/edit/main/content/handbook/testing/full-example.yaml" in page


def test_the_option_wins_over_mkdocs_yml(moved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (moved.parent / "empty").mkdir()
    assert main(["diagram", "full-example", "--procedures", str(moved.parent / "empty")]) == 1
    assert "handbook.yaml is missing" in capsys.readouterr().err


def test_without_mkdocs_yml_the_folder_is_procedures(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (handbook_copy / "mkdocs.yml").unlink()
    assert main(["validate"]) == 0
    assert "2 procedures checked" in capsys.readouterr().err
    shutil.rmtree(handbook_copy / "procedures")
    assert main(["validate"]) == 2


def test_a_broken_mkdocs_yml_is_named(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (handbook_copy / "mkdocs.yml").write_text("plugins:\n  - handbook:\n      procedures: [1, 2]\n", encoding="utf-8")
    assert main(["validate"]) == 2
    assert "mkdocs.yml" in capsys.readouterr().err
