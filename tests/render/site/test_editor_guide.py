"""The editor's guide: its field reference is the schema's, and its worked example validates."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.load.schema_files import HANDBOOK_SCHEMA, PROCEDURE_SCHEMA, schema
from generator.render import paths
from generator.render.site.content import build_site_content
from generator.render.site.guide_pages import editor_guide_page, field_anchor, worked_example
from generator.render.site.schema_reference import field_groups, in_language
from generator.validate.pipeline import validate_root
from tests.helpers import paths as test_paths
from tests.helpers.golden import assert_golden
from tests.helpers.paths import FIXTURE_HANDBOOK, ROOT
from tests.helpers.site_fixture import TODAY, fixture_handbook, fixture_site

GOLDENS = test_paths.GOLDENS / "site"
LANGUAGES = ["zh", "en"]
FIELD_ROW = re.compile(r'<th scope="row"><code>([^<]+)</code>')


def _properties(node: object) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property the schema declares anywhere, with its own node."""
    if isinstance(node, dict):
        yield from (node.get("properties") or {}).items()
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


def _documented(page: str) -> list[str]:
    return FIELD_ROW.findall(page)


def _reference(language: str, schema_name: str) -> str:
    """The part of the guide that documents one schema's fields."""
    procedure_part, _, handbook_part = editor_guide_page(language).partition("{#handbook-fields}")
    return handbook_part if schema_name == HANDBOOK_SCHEMA else procedure_part


SCHEMAS = [PROCEDURE_SCHEMA, HANDBOOK_SCHEMA]


@pytest.mark.parametrize("schema_name", SCHEMAS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_schema_field_is_documented_and_nothing_else(language: str, schema_name: str) -> None:
    declared = {name for name, _ in _properties(schema(schema_name))}
    documented = set(_documented(_reference(language, schema_name)))
    assert declared == documented


@pytest.mark.parametrize("schema_name", SCHEMAS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_field_row_carries_the_schema_description_in_the_page_language(language: str, schema_name: str) -> None:
    rows: dict[str, list[str]] = {}
    for row in re.findall(r'<tr><th scope="row">.*?</tr>', _reference(language, schema_name)):
        rows.setdefault(FIELD_ROW.findall(row)[0], []).append(html.unescape(row))
    for name, prop in _properties(schema(schema_name)):
        if "description" in prop:
            text = in_language(prop["description"], language)
            assert any(text in row for row in rows[name]), (name, text)


def test_descriptions_are_split_by_language() -> None:
    assert in_language("编号。\nThe id.", "zh") == "编号。"
    assert in_language("编号。\nThe id.", "en") == "The id."
    assert in_language("只有中文", "en") == "只有中文"
    assert in_language("一行文字 / one line", "en", " / ") == "one line"


def test_groups_follow_the_format_from_the_top() -> None:
    paths_in_order = [g.path for g in field_groups(schema(PROCEDURE_SCHEMA), "en")]
    assert paths_in_order[0] == ""
    assert {"source", "roles[]", "phases[]", "phases[].steps[]", "phases[].steps[].decision.options[]"} <= set(
        paths_in_order
    )
    assert paths_in_order.index("phases[]") < paths_in_order.index("phases[].steps[]")
    steps = next(g for g in field_groups(schema(PROCEDURE_SCHEMA), "en") if g.path == "phases[].steps[]")
    required = {f.name for f in steps.fields if f.required}
    assert required == {"id", "title", "role"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_inside_the_guide_has_its_target(language: str) -> None:
    page = editor_guide_page(language)
    anchors = re.findall(r"\{#([a-z0-9-]+)\}", page)
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= set(anchors)
    assert len(anchors) == len(set(anchors)), "every heading has an anchor of its own"
    assert {"fields-phases-steps", "handbook-fields-forms"} <= targets
    assert field_anchor("phases[].steps[]") == "fields-phases-steps" and field_anchor("") == "fields-top"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_shows_the_worked_example_as_it_is(language: str) -> None:
    page = editor_guide_page(language)
    shown = re.search(r'<pre class="hb-example"><code class="language-yaml">(.*?)</code></pre>', page, re.S)
    assert shown is not None
    assert html.unescape(shown.group(1)) == worked_example()


@pytest.mark.parametrize("procedures", [FIXTURE_HANDBOOK / "procedures", ROOT / "procedures"], ids=["fixture", "real"])
def test_worked_example_validates_in_a_handbook(procedures: Path, tmp_path: Path) -> None:
    root = tmp_path / "procedures"
    shutil.copytree(procedures, root)
    section = next(p for p in sorted(root.iterdir()) if p.is_dir())
    (section / "visitor-badge.yaml").write_text(worked_example(), encoding="utf-8")
    result = validate_root(root, date(2026, 12, 1))
    assert result.ok(strict=True), result.diagnostics
    assert result.handbook is not None
    example = next(p for p in result.handbook.procedures if p.id == "visitor-badge")
    steps = [s for phase in example.phases for s in phase.steps]
    assert any(s.decision for s in steps) and any(s.checklist for s in steps) and any(s.say for s in steps)
    assert any(s.timing for s in steps) and any(s.next for s in steps)


def test_worked_example_modeline_reaches_the_schema_from_a_section_folder() -> None:
    first = worked_example().splitlines()[0]
    relative = first.removeprefix("# yaml-language-server: $schema=")
    assert (
        ROOT / "procedures" / "reception" / relative
    ).resolve() == ROOT / "schemas" / "generated" / "procedure.schema.json"


@pytest.mark.parametrize("page", [paths.editor_guide("zh"), paths.editor_guide("en")])
def test_guide_page_matches_golden(page: str, update_goldens: bool) -> None:
    assert_golden(fixture_site().files[page], GOLDENS / page, update_goldens)


def test_guide_is_last_in_the_navigation_in_the_handbook_language_first() -> None:
    last = fixture_site().nav[-1]
    assert last == {"编辑指南": ["editor-guide/index.md", "editor-guide/en.md"]}
    english = dataclasses.replace(fixture_handbook(), language="en")
    assert build_site_content(english, TODAY).nav[-1] == {
        "Editor's guide": ["editor-guide/en.md", "editor-guide/index.md"]
    }


def test_pages_link_to_each_other() -> None:
    zh, en = editor_guide_page("zh"), editor_guide_page("en")
    assert 'href="en.html" hreflang="en" lang="en">English version</a>' in zh
    assert 'href="index.html" hreflang="zh" lang="zh">中文版</a>' in en
