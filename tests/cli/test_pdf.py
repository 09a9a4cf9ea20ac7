"""Checklist PDFs from the command line: `handbook build` writes them inside its atomic build;
`handbook pdf` rewrites them in a built site; a failure leaves what was there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.diagnostics import HandbookError, Where, error
from generator.model.handbook import Handbook
from generator.publish import pdf as checklist_pdf
from tests.helpers.build import tree_digest
from tests.helpers.file_modes import mode

FIXTURE_PDFS = [
    "checklists/full-example.pdf",
    "checklists/valid-base.pdf",
    "checklists/roles/bar-attendant.pdf",
    "checklists/roles/manager.pdf",
    "checklists/index.pdf",
]


def test_build_writes_the_checklist_pdfs_that_the_pages_link_to(handbook_copy: Path) -> None:
    assert main(["build", "--site-dir", "site"]) == 0
    site = handbook_copy / "site"
    for pdf in FIXTURE_PDFS:
        assert (site / pdf).read_bytes().startswith(b"%PDF-"), pdf
    page = (site / "checklists" / "full-example.html").read_text(encoding="utf-8")
    assert 'href="full-example.pdf"' in page
    role_sheet = (site / "checklists" / "roles" / "bar-attendant.html").read_text(encoding="utf-8")
    assert 'href="bar-attendant.pdf"' in role_sheet


def test_a_failing_pdf_step_fails_the_build_and_keeps_the_old_site(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["build", "--site-dir", "site"]) == 0
    before = tree_digest(handbook_copy / "site")

    def fail(handbook: Handbook, site_dir: Path, site_url: str | None, cache: object = None) -> None:
        (site_dir / "checklists").mkdir(parents=True, exist_ok=True)
        (site_dir / "checklists" / "half-written.pdf").write_bytes(b"%PDF-")
        raise HandbookError([error(Where("checklists"), "pdf-engine", "the PDF engine cannot start")])

    monkeypatch.setattr(checklist_pdf, "write_checklist_pdfs", fail)
    capsys.readouterr()
    assert main(["build", "--site-dir", "site"]) == 1
    err = capsys.readouterr().err
    assert "the PDF engine cannot start" in err and "Traceback" not in err
    assert tree_digest(handbook_copy / "site") == before
    assert not [p.name for p in handbook_copy.iterdir() if p.name.startswith(".site")]


def test_pdf_command_rewrites_the_pdfs_of_a_built_site(handbook_copy: Path) -> None:
    site = handbook_copy / "site"
    (site / "checklists").mkdir(parents=True)
    (site / "checklists" / "full-example.pdf").write_bytes(b"stale")
    assert main(["pdf", "--site-dir", "site"]) == 0
    for pdf in FIXTURE_PDFS:
        assert (site / pdf).read_bytes().startswith(b"%PDF-"), pdf
    assert not [p.name for p in site.iterdir() if p.name.startswith(".")]


def test_pdf_command_with_broken_procedures_changes_nothing(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = handbook_copy / "site"
    (site / "checklists").mkdir(parents=True)
    (site / "checklists" / "full-example.pdf").write_bytes(b"old")
    broken = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "title: [unclosed\n", encoding="utf-8")
    assert main(["pdf", "--site-dir", "site"]) == 1
    err = capsys.readouterr().err
    assert "procedures/testing/valid-base.yaml:" in err and "Traceback" not in err
    assert (site / "checklists" / "full-example.pdf").read_bytes() == b"old"


def test_without_site_url_the_build_warns_that_checklists_have_no_qr_code(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = handbook_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url:", "# site_url:"), encoding="utf-8")
    assert main(["pdf", "--site-dir", "site"]) == 0
    assert "mkdocs.yml has no site_url, so the checklists carry no QR code" in capsys.readouterr().err


def test_a_missing_pdf_engine_is_an_error_with_a_hint_not_a_traceback(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # import fails as it does when the engine is missing
    assert main(["pdf", "--site-dir", "site"]) == 1
    err = capsys.readouterr().err
    assert "the PDF engine (Typst) cannot start" in err and "make build" in err
    assert "Traceback" not in err
    assert not (handbook_copy / "site" / "checklists").exists()


def test_pdf_command_refuses_a_folder_where_a_pdf_goes_and_replaces_none(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklists = handbook_copy / "site" / "checklists"
    (checklists / "index.pdf").mkdir(parents=True)
    (checklists / "full-example.pdf").write_bytes(b"old")
    (checklists / "full-example.pdf").chmod(0o640)
    assert main(["pdf", "--site-dir", "site"]) == 1
    err = capsys.readouterr().err
    assert "handbook pdf: cannot write site/checklists/index.pdf: it is a folder, not a regular file" in err
    assert "Traceback" not in err
    assert (checklists / "full-example.pdf").read_bytes() == b"old", "every target is checked before any is replaced"
    assert not [p.name for p in (handbook_copy / "site").iterdir() if p.name.startswith(".")]
    (checklists / "index.pdf").rmdir()
    assert main(["pdf", "--site-dir", "site"]) == 0
    assert (checklists / "full-example.pdf").read_bytes().startswith(b"%PDF-")
    assert mode(checklists / "full-example.pdf") == 0o640, "a replaced PDF keeps its permissions"
