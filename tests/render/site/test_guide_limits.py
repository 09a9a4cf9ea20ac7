"""The editor's guide states every limit the checks hold a file to: in its own section and field by field."""

from __future__ import annotations

import re

import pytest

from generator.load.schema_files import HANDBOOK_SCHEMA, PROCEDURE_SCHEMA, schema
from generator.load.yaml_loader import MAX_DEPTH, MAX_FILE_BYTES
from generator.render.flowchart.bridge import MAX_FLOWCHART_STEPS
from generator.render.site.guide_pages import editor_guide_page
from generator.render.site.schema_reference import field_groups


def _limits_section(page: str) -> str:
    start = page.index("{#limits}")
    return page[start : page.index("\n## ", start)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_limits_section_states_the_limits_of_the_checks(language: str) -> None:
    section = _limits_section(editor_guide_page(language))
    definitions = schema(PROCEDURE_SCHEMA)["definitions"]
    for number in (
        MAX_FILE_BYTES,
        MAX_DEPTH,
        MAX_FLOWCHART_STEPS,
        definitions["line"]["maxLength"],
        definitions["text"]["maxLength"],
        schema(PROCEDURE_SCHEMA)["properties"]["tags"]["maxItems"],
        definitions["phase"]["properties"]["steps"]["maxItems"],
    ):
        assert re.search(rf"\b{number}\b", section), number
    assert "U+2028" in section and "U+E0000" in section


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_field_with_a_limit_states_it_in_the_field_reference(language: str) -> None:
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", editor_guide_page(language))
    checked = 0
    for schema_name in (PROCEDURE_SCHEMA, HANDBOOK_SCHEMA):
        for group in field_groups(schema(schema_name), language):
            for field in group.fields:
                for limit in (field.max_items, field.max_length):
                    if limit is not None:
                        name = f"<code>{field.name}</code>"
                        assert any(name in row and f" {limit} " in row for row in rows), (group.path, field.name)
                        checked += 1
    assert checked > 50
