"""A large organisation's roles are grouped by area, so that a role page's navigation lists its area's roles.

Up to ``ROLES_BEFORE_GROUPING`` roles the list stays flat, as the shipped handbook's is (its site goldens
check that); the tests here lower the limit to see the grouping on a small handbook.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

import generator.model.role_index as role_index
from generator.model.handbook import Handbook
from generator.render.site.content import SiteContent, build_site_content
from generator.render.site.guide_pages import editor_guide_page
from generator.validate.pipeline import validate_root
from tests.helpers.nav_titles import nav_titles
from tests.helpers.nested_handbook import NESTED_PROCEDURES, write_nested_handbook

TODAY = date(2026, 12, 1)
ACROSS_AREAS = "跨区域角色"


@pytest.fixture
def handbook(tmp_path: Path) -> Handbook:
    """The nested fixture with a manager of its own in the property area: 主管 is the testing area's,
    物业主管 the property area's, and the bar attendant works in both."""
    root = write_nested_handbook(tmp_path / "hb")
    for procedure_id, (folder, _title) in NESTED_PROCEDURES.items():
        path = root / "procedures" / folder / f"{procedure_id}.yaml"
        text = path.read_text(encoding="utf-8")
        assert "    name: 主管\n" in text
        path.write_text(text.replace("    name: 主管\n", "    name: 物业主管\n"), encoding="utf-8")
    result = validate_root(root / "procedures", TODAY)
    assert [d.message for d in result.diagnostics if d.severity.value == "error"] == []
    assert result.handbook is not None
    return result.handbook


def _content(handbook: Handbook) -> SiteContent:
    return build_site_content(handbook, TODAY)


def _section(items: Sequence[object], title: str) -> Sequence[object]:
    """The children of the navigation section called ``title``, searched at any depth."""
    for item in items:
        if isinstance(item, dict):
            ((name, value),) = item.items()
            if name == title and isinstance(value, list):
                return value
            if isinstance(value, list) and (found := _section(value, title)):
                return found
    return []


def test_up_to_the_limit_the_roles_are_one_list(handbook: Handbook) -> None:
    nav = _content(handbook).nav
    assert nav_titles(_section(nav, "按角色")) == ["吧台服务员", "物业主管", "主管"]


def test_over_the_limit_each_role_is_listed_under_its_area(handbook: Handbook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(role_index, "ROLES_BEFORE_GROUPING", 2)
    content = _content(handbook)
    # In the order of the areas; a role of several areas is listed once, after them.
    expected = [{"测试": ["主管"]}, {"物业服务": ["物业主管"]}, {ACROSS_AREAS: ["吧台服务员"]}]
    assert nav_titles(_section(content.nav, "按角色")) == expected
    assert _section(content.nav, "按角色")[0] == "roles/index.md"
    # The whole-day sheets follow the same groups, with only the roles that have a sheet (物业主管 has none).
    by_role = nav_titles(_section(content.nav, "按岗位（全天一张）"))
    assert by_role == [{"测试": ["主管"]}, {ACROSS_AREAS: ["吧台服务员"]}]


def test_over_the_limit_the_roles_index_has_a_table_for_each_area(
    handbook: Handbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(role_index, "ROLES_BEFORE_GROUPING", 2)
    page = _content(handbook).files["roles/index.md"]
    assert re.findall(r"^## (.+)$", page, re.M) == ["测试", "物业服务", ACROSS_AREAS]
    assert page.count("<table>") == 3
    for name in ("主管", "物业主管", "吧台服务员"):
        assert len(re.findall(rf">{name}</a>", page)) == 1, name


def test_roles_all_in_one_area_stay_one_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Grouping that would give one group only adds a level: the list stays flat."""
    monkeypatch.setattr(role_index, "ROLES_BEFORE_GROUPING", 0)
    result = validate_root(Path(__file__).parents[2] / "fixtures" / "handbook" / "procedures", TODAY)
    assert result.handbook is not None
    entries = role_index.role_entries(result.handbook)
    assert role_index.roles_by_area(result.handbook, entries) == ()


@pytest.mark.parametrize(("language", "group"), [("zh", ACROSS_AREAS), ("en", "Roles across areas")])
def test_the_editors_guide_states_when_roles_are_grouped(language: str, group: str) -> None:
    page = editor_guide_page(language)
    paragraph = next(p for p in page.split("\n\n") if group in p)
    assert re.search(rf"\b{role_index.ROLES_BEFORE_GROUPING}\b", paragraph)
