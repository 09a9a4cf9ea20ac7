"""`handbook build`: a good build writes the site; a broken YAML file fails and leaves the old site as it was."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.clock import today
from generator.model.handbook import Handbook
from generator.render import paths
from generator.render.checklist.sheets import all_sheets
from generator.render.site.guide_pages import editor_guide_pages
from generator.validate.pipeline import validate_root
from tests.helpers.build import tree_digest
from tests.helpers.paths import FIXTURE_HANDBOOK, ROOT


def test_build_writes_every_procedure_page_and_diagram(handbook_copy: Path) -> None:
    assert main(["build", "--site-dir", "site"]) == 0
    site = handbook_copy / "site"
    for name in ("index.html", "testing/full-example.html", "testing/full-example.svg", "search/search_index.json"):
        assert (site / name).is_file(), name
    assert not [p.name for p in handbook_copy.iterdir() if p.name.startswith(".site")]


def test_broken_yaml_fails_with_its_position_and_keeps_the_old_site(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--site-dir", "site"]) == 0
    before = tree_digest(handbook_copy / "site")
    broken = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "title: [unclosed\n", encoding="utf-8")
    capsys.readouterr()

    assert main(["build", "--site-dir", "site"]) == 1

    err = capsys.readouterr().err
    assert "procedures/testing/valid-base.yaml:" in err
    first = next(line for line in err.splitlines() if "valid-base.yaml:" in line)
    file_line_col = first.split(": ", 1)[0]
    assert file_line_col.count(":") == 2 and all(part.isdigit() for part in file_line_col.split(":")[1:])
    assert "Traceback" not in err
    assert "the site was left as it was" in err
    assert tree_digest(handbook_copy / "site") == before
    assert not [p.name for p in handbook_copy.iterdir() if p.name.startswith(".site")]


def test_edit_button_opens_the_procedure_yaml(handbook_copy: Path) -> None:
    assert main(["build", "--site-dir", "site"]) == 0
    page = (handbook_copy / "site" / "testing" / "full-example.html").read_text(encoding="utf-8")
    assert (
        'href="https://git.fixture.test/handbook-team/procedure-handbook/edit/main/procedures/testing/full-example.yaml"'
        in page
    )
    index = (handbook_copy / "site" / "forms.html").read_text(encoding="utf-8")
    assert "/edit/main/" not in index, "a generated index has no file to edit"


def test_edit_links_are_url_quoted(handbook_copy: Path) -> None:
    """Themes print the edit link unescaped: a page file name with quotes must not open an attribute."""
    name = 'a" onmouseover="alert(1)" x="'
    (handbook_copy / "docs" / f"{name}.md").write_text("# 引号\n", encoding="utf-8")
    assert main(["build", "--site-dir", "site"]) == 0
    page = (handbook_copy / "site" / f"{name}.html").read_text(encoding="utf-8")
    assert 'href="https://git.fixture.test/handbook-team/procedure-handbook/edit/main/docs/a%22%20onmouseover' in page
    assert "onmouseover=" not in page


def test_no_pdf_build_leaves_out_the_pdfs_only(handbook_copy: Path) -> None:
    assert main(["build", "--no-pdf", "--site-dir", "site"]) == 0
    site = handbook_copy / "site"
    assert (site / "checklists" / "full-example.html").is_file()
    assert not list(site.rglob("*.pdf"))


def _handbook(procedures: Path) -> Handbook:
    result = validate_root(procedures, today())
    assert result.handbook is not None and not result.errors, result.diagnostics
    return result.handbook


def _pdfs(handbook: Handbook) -> set[str]:
    return {sheet.pdf for sheet in all_sheets(handbook)} | {paths.CHECKLISTS_BUNDLE}


def test_procedures_option_builds_that_folder_and_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository, whose mkdocs.yml names procedures/: --procedures wins, PDFs included."""
    monkeypatch.chdir(ROOT)
    site = tmp_path / "site"

    assert main(["build", "--procedures", str(FIXTURE_HANDBOOK / "procedures"), "--site-dir", str(site)]) == 0

    fixture, shipped = _handbook(FIXTURE_HANDBOOK / "procedures"), _handbook(ROOT / "procedures")
    pages = {p: html.unescape(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    # The editor's guide is the same in every handbook: its worked example quotes a shipped procedure.
    guide = {paths.html_path(src) for src in editor_guide_pages()}
    made_from_procedures = {p: text for p, text in pages.items() if p.relative_to(site).as_posix() not in guide}
    entries = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    search = json.dumps([e for e in entries if e["location"].split("#")[0] not in guide], ensure_ascii=False)
    home = pages[site / "index.html"]
    for procedure in fixture.procedures:
        assert procedure.title in home, procedure.title
        assert (site / paths.html_path(paths.procedure_page(procedure))).is_file()
    for title in {p.title for p in shipped.procedures} - {p.title for p in fixture.procedures}:
        assert not [str(page) for page, text in made_from_procedures.items() if title in text], title
        assert title not in search
    assert {p.relative_to(site).as_posix() for p in site.rglob("*.pdf")} == _pdfs(fixture)


def test_edit_buttons_open_the_files_of_the_folder_that_was_built(handbook_copy: Path) -> None:
    shutil.copytree(handbook_copy / "procedures", handbook_copy / "other-procedures")
    assert main(["build", "--no-pdf", "--procedures", "other-procedures", "--site-dir", "site"]) == 0
    page = (handbook_copy / "site" / "testing" / "full-example.html").read_text(encoding="utf-8")
    assert "/edit/main/other-procedures/testing/full-example.yaml" in page


def test_placeholder_addresses_give_one_warning_each_and_no_qr_code_or_edit_button(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = handbook_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("https://handbook.fixture.test/", "https://handbook.example.org/")
    config.write_text(text.replace("git.fixture.test/handbook-team", "github.com/example-org"), encoding="utf-8")
    assert main(["build", "--no-pdf", "--site-dir", "site"]) == 0
    err = capsys.readouterr().err
    assert err.count("site_url in mkdocs.yml is a placeholder") == 1
    assert err.count("repo_url in mkdocs.yml is a placeholder") == 1
    checklist = (handbook_copy / "site" / "checklists" / "full-example.html").read_text(encoding="utf-8")
    assert 'class="hb-qr"' not in checklist and "handbook.example.org/checklists" not in checklist
    page = (handbook_copy / "site" / "testing" / "full-example.html").read_text(encoding="utf-8")
    assert "example-org" not in page and "/edit/" not in page
