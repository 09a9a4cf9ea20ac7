"""Sections nested up to three levels: validation, pages, navigation, checklists, `handbook new`, `handbook diff`.

The shipped handbook's one-level sections keep their pages byte for byte: the site goldens check that.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.model.handbook import Handbook
from generator.render.flowchart.bridge import flowchart_renderer
from generator.render.site.content import SiteContent, build_site_content
from generator.validate.pipeline import validate_root
from generator.validate.section_checks import MAX_PROCEDURES_PER_SECTION
from tests.helpers.build import build_site
from tests.helpers.git_repo import git, isolate_git
from tests.helpers.nav_titles import nav_titles
from tests.helpers.nested_handbook import procedure_text, write_nested_handbook

TODAY = date(2026, 12, 1)


@pytest.fixture
def nested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_nested_handbook(tmp_path / "hb")
    monkeypatch.chdir(root)
    return root


def _handbook(root: Path) -> Handbook:
    result = validate_root(root / "procedures", TODAY)
    assert [d for d in result.diagnostics if d.severity.value != "notice"] == []
    assert result.handbook is not None
    return result.handbook


def _content(root: Path) -> SiteContent:
    return build_site_content(_handbook(root), TODAY, flowchart_renderer())


def test_the_tree_of_sections_is_read_with_each_procedure_in_its_folder(nested: Path) -> None:
    hb = _handbook(nested)
    assert [(s.path, s.depth) for s in hb.sections] == [
        ("testing", 1),
        ("property", 1),
        ("property/sales-site", 2),
        ("property/sales-site/bar", 3),
        ("property/parking", 2),
    ]
    assert [p.id for p in hb.in_section("property/sales-site/bar")] == ["bar-service"]
    assert hb.count_under("property") == 3
    assert [s.title for s in hb.ancestors("property/sales-site/bar")] == ["物业服务", "案场服务", "吧台"]


def test_navigation_nests_subsections_before_the_procedures_of_a_section(nested: Path) -> None:
    nav = nav_titles(_content(nested).nav)
    property_tree = {"物业服务": [{"案场服务": [{"吧台": ["吧台饮品服务"]}]}, {"停车场": ["停车引导"]}, "物业区域守则"]}
    assert nav[2] == property_tree
    checklists = next(item for item in nav if isinstance(item, dict) and "检查清单" in item)
    assert isinstance(checklists, dict) and property_tree in checklists["检查清单"]


def test_pages_carry_breadcrumbs_that_lead_to_each_section(nested: Path) -> None:
    files = _content(nested).files
    page = files["property/sales-site/bar/bar-service.md"]
    crumbs = re.search(r'<nav class="hb-breadcrumbs" aria-label="所在位置"><ol>(.*?)</ol></nav>', page)
    assert crumbs is not None
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs.group(1)) == [
        ("../../index.html", "物业服务"),
        ("../index.html", "案场服务"),
        ("index.html", "吧台"),
    ]
    assert page.index("hb-breadcrumbs") < page.index("# 吧台饮品服务")
    # A section's own page: its parents only; its title is the heading.
    assert '<li><a href="../index.html">物业服务</a></li></ol>' in files["property/sales-site/index.md"]
    # One-level sections of a nested handbook get a trail of one.
    assert '<ol><li><a href="index.html">测试</a></li></ol>' in files["testing/valid-base.md"]


def test_a_section_page_lists_its_subsections_then_its_own_procedures(nested: Path) -> None:
    page = _content(nested).files["property/index.md"]
    cards = re.findall(r'<p class="hb-card-title"><a href="([^"]+)">([^<]+)</a></p>.*?(\d+) 个流程', page)
    assert cards == [("sales-site/index.html", "案场服务", "1"), ("parking/index.html", "停车场", "1")]
    assert page.index("hb-cards") < page.index('<a href="area-rules.html">物业区域守则</a>')
    # A section with only subsections has no empty table of procedures.
    assert "hb-procedure-table" not in _content(nested).files["property/sales-site/index.md"]


def test_home_counts_every_procedure_below_a_top_level_section(nested: Path) -> None:
    home = _content(nested).files["index.md"]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a></p>(?:<p>[^<]*</p>)?<p class="hb-card-count">(\d+)', home) == [
        ("testing/index.html", "测试", "2"),
        ("property/index.html", "物业服务", "3"),
    ]
    assert "<td>物业服务 / 案场服务 / 吧台</td>" in home


def test_checklists_index_heads_each_nested_section_with_its_trail(nested: Path) -> None:
    index = _content(nested).files["checklists/index.md"]
    assert "### 物业服务 / 案场服务 / 吧台 {#property--sales-site--bar}" in index
    headings = re.findall(r"^### (.*) \{#([a-z-]+)\}$", index, flags=re.MULTILINE)
    assert headings == [
        ("测试", "testing"),
        ("物业服务", "property"),
        ("物业服务 / 案场服务 / 吧台", "property--sales-site--bar"),
        ("物业服务 / 停车场", "property--parking"),
    ]


def test_an_undeclared_subsection_folder_says_where_to_declare_it(nested: Path) -> None:
    folder = nested / "procedures" / "property" / "lobby"
    folder.mkdir()
    (folder / "lobby-watch.yaml").write_text(procedure_text("lobby-watch", "大堂值守", 1), encoding="utf-8")
    problems = [d for d in validate_root(nested / "procedures", TODAY).diagnostics if d.code == "unknown-section"]
    assert [(d.message, d.hint) for d in problems] == [
        (
            "folder 'property/lobby' is not a section in handbook.yaml",
            "declare it in handbook.yaml under the sections of 'property', or move the file into a declared section",
        )
    ]


def test_a_fourth_folder_level_is_refused(nested: Path) -> None:
    folder = nested / "procedures" / "property" / "sales-site" / "bar" / "night"
    folder.mkdir()
    (folder / "night-bar.yaml").write_text(procedure_text("night-bar", "夜间吧台", 3), encoding="utf-8")
    codes = [d.code for d in validate_root(nested / "procedures", TODAY).diagnostics]
    assert "nested-folder" in codes


def test_a_fourth_level_of_sections_in_handbook_yaml_is_a_schema_error(nested: Path) -> None:
    handbook = nested / "procedures" / "handbook.yaml"
    text = handbook.read_text(encoding="utf-8")
    deeper = "            summary: 吧台的饮品服务。\n            sections:\n              - {id: night, title: 夜间}\n"
    handbook.write_text(text.replace("            summary: 吧台的饮品服务。\n", deeper), encoding="utf-8")
    problems = validate_root(nested / "procedures", TODAY).diagnostics
    assert any(d.where.file.endswith("handbook.yaml") and "sections" in d.message for d in problems), problems


def test_the_same_folder_name_under_two_parents_is_allowed_twice_under_one_is_not(nested: Path) -> None:
    handbook = nested / "procedures" / "handbook.yaml"
    text = handbook.read_text(encoding="utf-8")
    twice = "      - id: parking\n        title: 停车场\n      - id: parking\n        title: 第二个停车场\n"
    handbook.write_text(text.replace("      - id: parking\n        title: 停车场\n", twice), encoding="utf-8")
    problems = [d for d in validate_root(nested / "procedures", TODAY).diagnostics if d.severity.value == "error"]
    assert [(d.code, d.where.line) for d in problems] == [
        ("duplicate-section-id", text.count("\n", 0, text.index("      - id: parking")) + 3)
    ]


def test_a_section_with_too_many_procedures_is_warned_about(nested: Path) -> None:
    folder = nested / "procedures" / "property" / "parking"
    for number in range(MAX_PROCEDURES_PER_SECTION):
        procedure_id = f"parking-{number:03d}"
        (folder / f"{procedure_id}.yaml").write_text(procedure_text(procedure_id, f"停车{number}", 2), "utf-8")
    warned = [d for d in validate_root(nested / "procedures", TODAY).diagnostics if d.code == "section-too-large"]
    assert len(warned) == 1
    assert warned[0].where.file.endswith("handbook.yaml")
    assert "'property/parking' holds 101 procedures directly" in warned[0].message
    assert warned[0].hint is not None and "procedures/property/parking/" in warned[0].hint


def test_handbook_new_writes_into_a_subsection_and_declares_a_new_one(nested: Path) -> None:
    assert main(["new", "property/parking/valet", "--title", "代客泊车"]) == 0
    assert (nested / "procedures" / "property" / "parking" / "valet.yaml").is_file()
    assert main(["new", "property/lobby/night-watch", "--title", "夜间值守", "--section-title", "大堂"]) == 0
    text = (nested / "procedures" / "handbook.yaml").read_text(encoding="utf-8")
    assert '      - id: parking\n        title: 停车场\n      - id: lobby\n        title: "大堂"\n' in text
    hb = validate_root(nested / "procedures", TODAY).handbook
    assert hb is not None and hb.section("property/lobby") is not None
    assert [p.id for p in hb.in_section("property/lobby")] == ["night-watch"]


def test_handbook_new_refuses_a_subsection_of_an_undeclared_section(nested: Path) -> None:
    assert main(["new", "nowhere/lobby/night-watch", "--title", "夜间值守", "--section-title", "大堂"]) == 1
    assert not (nested / "procedures" / "nowhere").exists()


def test_handbook_diff_reports_a_new_subsection_and_a_move_between_sections(
    nested: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate_git(monkeypatch)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    assert main(["new", "property/lobby/night-watch", "--title", "夜间值守", "--section-title", "大堂"]) == 0
    capsys.readouterr()
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert "- 新增章节：**大堂** `property/lobby`\n" in out
    assert "- 新增：**夜间值守** `night-watch`（`procedures/property/lobby/night-watch.yaml`），1 个步骤\n" in out
    git("add", "-A")
    git("commit", "-q", "-m", "lobby")
    bar = nested / "procedures" / "property" / "sales-site" / "bar"
    (bar / "bar-service.yaml").rename(nested / "procedures" / "property" / "parking" / "bar-service.yaml")
    assert main(["diff", "main"]) == 0
    out = capsys.readouterr().out
    assert (
        "- 重命名或移动：**吧台饮品服务** `bar-service`：`procedures/property/sales-site/bar/bar-service.yaml`"
        " → `procedures/property/parking/bar-service.yaml`\n"
    ) in out


def test_a_nested_handbook_builds_with_bounded_navigation(nested: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(nested, site)
    html = (site / "property" / "sales-site" / "bar" / "bar-service.html").read_text(encoding="utf-8")
    links = set(re.findall(r'<a href="([^"#]+)" class="md-nav__link', html))
    # The page's own sections are open, with their siblings; the other top-level sections are
    # links to their pages, not their contents.
    assert {"../../parking/index.html", "../../area-rules.html", "../../../testing/index.html"} <= links
    assert "../../../testing/valid-base.html" not in links
    assert "../../parking/parking-guide.html" not in links
    assert 'class="hb-breadcrumbs"' in html
    assert (site / "checklists" / "bar-service.pdf").is_file()
    assert (site / "property" / "sales-site" / "bar" / "bar-service.svg").is_file()
