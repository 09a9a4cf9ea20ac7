"""The editor's guide, in Chinese and in English: prose from templates, fields from the schema.

The field reference is generated from the procedure schema and the worked example is a real
procedure file shipped with the tool (and validated by the tests), so the guide cannot drift
from the format it explains.
"""

from __future__ import annotations

import re
from importlib import resources

from generator.load.schema_files import HANDBOOK_SCHEMA, PROCEDURE_SCHEMA, schema
from generator.load.yaml_loader import MAX_DEPTH, MAX_FILE_BYTES
from generator.render import paths
from generator.render.flowchart.bridge import MAX_FLOWCHART_STEPS
from generator.render.labels import LANGUAGES, labels_for
from generator.render.site.schema_reference import FieldDoc, field_groups
from generator.render.templating import environment

WORKED_EXAMPLE = "guide/worked-example.yaml"


def worked_example() -> str:
    return resources.files("generator").joinpath(WORKED_EXAMPLE).read_text(encoding="utf-8")


def field_anchor(path: str, prefix: str = "fields") -> str:
    """The heading anchor of a group of fields, e.g. "fields-phases-steps" for "phases[].steps[]"."""
    words = [w for w in re.split(r"[^a-z0-9]+", path.lower()) if w]
    return "-".join([prefix, *words]) if words else f"{prefix}-top"


def format_limits() -> dict[str, int]:
    """The limits the checks hold every file to, by name, as the guide states them."""
    procedure = schema(PROCEDURE_SCHEMA)
    definitions = procedure["definitions"]
    return {
        "file_bytes": MAX_FILE_BYTES,
        "file_mib": MAX_FILE_BYTES // 1024**2,
        "nesting": MAX_DEPTH,
        "line": definitions["line"]["maxLength"],
        "text": definitions["text"]["maxLength"],
        "tags": procedure["properties"]["tags"]["maxItems"],
        "steps": definitions["phase"]["properties"]["steps"]["maxItems"],
        "list": procedure["properties"]["roles"]["maxItems"],
        "flowchart": MAX_FLOWCHART_STEPS,
    }


def editor_guide_page(language: str) -> str:
    labels = labels_for(language)
    page = paths.editor_guide(language)

    def kind(field: FieldDoc) -> str:
        if field.kind == "list":
            item = labels.get(f"field_kind_{field.item_kind}")
            return labels.format("field_kind_list", item=item)
        return labels.get(f"field_kind_{field.kind}")

    def limits(field: FieldDoc) -> str:
        said = [labels.format("guide_max_items", count=field.max_items)] if field.max_items else []
        length = "guide_max_item_length" if field.kind == "list" else "guide_max_length"
        said += [labels.format(length, count=field.max_length)] if field.max_length else []
        return labels.get("diff_semicolon").join(said)

    others = [
        {"language": other, "href": paths.relative_url(page, paths.editor_guide(other))}
        for other in LANGUAGES
        if other != language
    ]
    # The page's language in its front matter: the theme declares it in <html lang> (overrides/partials/language.html).
    return f"---\nlang: {language}\n---\n" + (
        environment()
        .get_template(f"editor_guide.{language}.md.j2")
        .render(
            L=labels,
            procedure_fields=field_groups(schema(PROCEDURE_SCHEMA), language),
            handbook_fields=field_groups(schema(HANDBOOK_SCHEMA), language),
            anchor=field_anchor,
            kind=kind,
            limits=limits,
            limit=format_limits(),
            example=worked_example(),
            others=others,
        )
    )


def editor_guide_pages() -> dict[str, str]:
    return {paths.editor_guide(language): editor_guide_page(language) for language in LANGUAGES}
