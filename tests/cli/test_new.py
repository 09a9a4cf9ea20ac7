"""`handbook new SECTION/ID --title TITLE`: a new procedure that validates at once, never over another."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.cli.scaffold import NewProcedure, add_section, procedure_text
from generator.load.yaml_loader import load_yaml
from generator.validate.pipeline import validate_root
from tests.helpers.file_modes import mode, umask

MODELINE = "# yaml-language-server: $schema="


def test_new_procedure_validates_at_once_and_shows_where_to_fill_in(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "testing/visitor-badges", "--title", "访客证管理流程", "--root", "procedures"]) == 0
    path = handbook_copy / "procedures" / "testing" / "visitor-badges.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    assert "填写 / fill in" in text
    result = validate_root(handbook_copy / "procedures", date(2026, 11, 28))
    assert result.ok(), result.diagnostics
    assert result.handbook is not None
    procedure = next(p for p in result.handbook.procedures if p.id == "visitor-badges")
    assert (procedure.title, procedure.section) == ("访客证管理流程", "testing")
    err = capsys.readouterr().err
    assert "wrote procedures/testing/visitor-badges.yaml; 7 values are placeholders to fill in" in err


def test_placeholders_are_warnings_until_filled_in(handbook_copy: Path) -> None:
    assert main(["new", "testing/visitor-badges", "--title", "访客证管理流程"]) == 0
    path = handbook_copy / "procedures" / "testing" / "visitor-badges.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    result = validate_root(handbook_copy / "procedures", date(2026, 11, 28))
    assert not result.ok(strict=True)
    assert {d.code for d in result.warnings} == {"placeholder"}
    flagged = [d.where.line for d in result.warnings]
    assert flagged == [n for n, line in enumerate(lines, start=1) if "待填写" in line]
    path.write_text("\n".join(lines).replace("待填写：", "") + "\n", encoding="utf-8")
    assert validate_root(handbook_copy / "procedures", date(2026, 11, 28)).ok(strict=True)


def test_modeline_points_at_the_procedure_schema_from_the_new_file(handbook_copy: Path) -> None:
    assert main(["new", "testing/visitor-badges", "--title", "访客证"]) == 0
    path = handbook_copy / "procedures" / "testing" / "visitor-badges.yaml"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    schema = (path.parent / first_line.removeprefix(MODELINE)).resolve()
    assert schema.name == "procedure.schema.json" and schema.is_file()


@pytest.mark.parametrize(
    "title", ['引号 "和" 冒号: 井号 # 与 {花括号}', "- 以短横开头", "yes", "{{ not a template }}", "1.0"]
)
def test_any_title_is_kept_exactly(title: str) -> None:
    text = procedure_text(NewProcedure("testing", "x", title, "zh", date(2026, 1, 2), "../s.json"))
    data = load_yaml(text.encode("utf-8"), "x.yaml").data
    assert data["title"] == title and data["source"]["document"] == title
    assert (data["effective"], data["review_by"]) == ("2026-01-02", "2027-01-02")


def test_english_handbook_gets_english_placeholders() -> None:
    text = procedure_text(NewProcedure("testing", "x", "Visitors", "en", date(2026, 1, 2), "../s.json"))
    data = load_yaml(text.encode("utf-8"), "x.yaml").data
    assert data["owner"].startswith("To fill in")


def test_refuses_to_overwrite_an_existing_file(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    before = path.read_bytes()
    assert main(["new", "testing/valid-base", "--title", "新"]) == 1
    assert path.read_bytes() == before
    assert "already exists" in capsys.readouterr().err


def test_refuses_an_id_used_in_another_section(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "other/full-example", "--title", "新", "--section-title", "其他"]) == 1
    assert "already used by procedures/testing/full-example.yaml" in capsys.readouterr().err
    assert not (handbook_copy / "procedures" / "other").exists()
    assert "other" not in (handbook_copy / "procedures" / "handbook.yaml").read_text(encoding="utf-8")


def test_refuses_an_id_used_inside_a_file_of_another_name(handbook_copy: Path) -> None:
    testing = handbook_copy / "procedures" / "testing"
    (testing / "valid-base.yaml").rename(testing / "renamed.yaml")
    assert main(["new", "testing/valid-base", "--title", "新"]) == 1
    assert not (testing / "valid-base.yaml").exists()


@pytest.mark.parametrize(
    "name", ["Testing/x", "testing/Visitor Badges", "testing", "a/b/c/d/e", "testing/-x", "测试/x"]
)
def test_names_must_be_section_slash_slug(name: str, handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", name, "--title", "新"]) == 2
    assert "handbook new:" in capsys.readouterr().err
    assert sorted(p.name for p in (handbook_copy / "procedures").iterdir()) == ["handbook.yaml", "testing"]


def test_blank_title_is_a_usage_error(handbook_copy: Path) -> None:
    assert main(["new", "testing/x", "--title", "  "]) == 2
    assert not (handbook_copy / "procedures" / "testing" / "x.yaml").exists()


def test_new_section_without_a_title_writes_nothing_and_says_what_to_do(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "hr/onboarding", "--title", "入职流程"]) == 1
    err = capsys.readouterr().err
    assert "'hr' is not a section" in err and "--section-title" in err
    assert not (handbook_copy / "procedures" / "hr").exists()


def test_new_section_with_a_title_is_added_to_the_handbook(handbook_copy: Path) -> None:
    handbook_file = handbook_copy / "procedures" / "handbook.yaml"
    before = handbook_file.read_text(encoding="utf-8")
    assert main(["new", "hr/onboarding", "--title", "入职流程", "--section-title", "人事: 入职"]) == 0
    after = handbook_file.read_text(encoding="utf-8")
    assert after.startswith(before.split("roles:")[0].rstrip("\n"))  # the comment and earlier lines are kept
    result = validate_root(handbook_copy / "procedures", date(2026, 11, 28))
    assert result.ok() and not result.errors, result.diagnostics
    assert result.handbook is not None
    assert [(s.id, s.title) for s in result.handbook.sections] == [("testing", "测试"), ("hr", "人事: 入职")]
    assert [p.id for p in result.handbook.in_section("hr")] == ["onboarding"]


def test_add_section_keeps_comments_and_block_scalars() -> None:
    text = (
        "# top comment\n"
        "sections:\n"
        "    -   id: a\n"
        "        title: A\n"
        "        summary: >-\n"
        "          folded\n"
        "          text\n"
        "\n"
        "# roles follow\n"
        "roles: []\n"
    )
    updated = add_section(text, "handbook.yaml", "b", "B")
    assert updated == text.replace("          text\n", '          text\n    -   id: b\n        title: "B"\n')
    data = load_yaml(updated.encode("utf-8"), "handbook.yaml").data
    assert [s["id"] for s in data["sections"]] == ["a", "b"]
    assert data["sections"][0]["summary"] == "folded text"


def test_add_section_to_a_file_without_a_final_newline() -> None:
    updated = add_section("sections:\n  - id: a\n    title: A", "handbook.yaml", "b", "B")
    assert load_yaml(updated.encode("utf-8"), "h.yaml").data["sections"][1] == {"id": "b", "title": "B"}


def test_flow_style_sections_are_left_to_the_editor(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handbook_file = handbook_copy / "procedures" / "handbook.yaml"
    text = handbook_file.read_text(encoding="utf-8")
    handbook_file.write_text(
        text.replace("sections:\n  - id: testing\n    title: 测试\n", "sections: [{id: testing, title: 测试}]\n"),
        encoding="utf-8",
    )
    assert main(["new", "hr/onboarding", "--title", "入职", "--section-title", "人事"]) == 1
    assert "add the section to handbook.yaml by hand" in capsys.readouterr().err
    assert not (handbook_copy / "procedures" / "hr").exists()


def test_a_section_folder_linking_out_of_the_procedures_is_refused(
    handbook_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (handbook_copy / "procedures" / "hr").symlink_to(outside, target_is_directory=True)
    handbook_file = handbook_copy / "procedures" / "handbook.yaml"
    before = handbook_file.read_bytes()
    assert main(["new", "hr/onboarding", "--title", "入职流程", "--section-title", "人事"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "handbook new: cannot write procedures/hr/onboarding.yaml: "
        "a symbolic link leads outside procedures; nothing was written\n"
    )
    assert list(outside.iterdir()) == []
    assert handbook_file.read_bytes() == before


def test_the_new_file_gets_the_umask_mode_and_handbook_yaml_keeps_its_mode(handbook_copy: Path) -> None:
    handbook_file = handbook_copy / "procedures" / "handbook.yaml"
    handbook_file.chmod(0o664)
    with umask(0o022):
        assert main(["new", "hr/onboarding", "--title", "入职流程", "--section-title", "人事"]) == 0
    assert mode(handbook_copy / "procedures" / "hr" / "onboarding.yaml") == 0o644
    assert mode(handbook_copy / "procedures" / "hr") == 0o755
    assert mode(handbook_file) == 0o664
    assert "id: hr" in handbook_file.read_text(encoding="utf-8")


def test_a_handbook_file_that_cannot_be_replaced_takes_the_new_procedure_back(
    handbook_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    procedures = handbook_copy / "procedures"
    shared = tmp_path / "shared-handbook.yaml"
    (procedures / "handbook.yaml").rename(shared)
    (procedures / "handbook.yaml").symlink_to(shared)  # readable, but a link out of the procedures folder
    before = shared.read_bytes()
    assert main(["new", "hr/onboarding-2", "--title", "入职流程", "--section-title", "人事"]) == 1
    err = capsys.readouterr().err
    assert "cannot write procedures/handbook.yaml: a symbolic link leads outside procedures" in err
    assert shared.read_bytes() == before
    assert not (procedures / "hr" / "onboarding-2.yaml").exists()


def test_a_title_that_is_not_text_writes_no_file(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = b"\xff\xfe".decode("utf-8", errors="surrogateescape")  # what a non-UTF-8 command line gives
    assert main(["new", "testing/visitors", "--title", title]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("handbook new: ")
    assert sorted(p.name for p in (handbook_copy / "procedures" / "testing").iterdir()) == [
        "full-example.yaml",
        "valid-base.yaml",
    ], "no file, not even an empty one, blocks a second try"
