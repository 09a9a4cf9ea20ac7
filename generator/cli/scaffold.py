"""The text of a new procedure, and of handbook.yaml with one more section: pure functions, no files."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import yaml
from jinja2 import Environment

from generator.diagnostics import HandbookError, Where, error
from generator.load.schema_files import PROCEDURE_SCHEMA, schema
from generator.render.templating import package_environment

REVIEW_AFTER = timedelta(days=365)

# Placeholder wording by handbook language; the comments around them in the template say the same in both.
_PLACEHOLDERS: dict[str, dict[str, str]] = {
    "zh": {
        "summary": "待填写：一两句话说明这个流程做什么。",
        "owner": "待填写：负责部门",
        "change": "新建流程。",
        "purpose": "待填写：本流程的目的。",
        "role_name": "待填写：岗位名称",
        "phase_title": "待填写：阶段名称",
        "step_title": "待填写：第一步",
        "step_details": "待填写：具体做法。",
    },
    "en": {
        "summary": "To fill in: one or two sentences on what this procedure does.",
        "owner": "To fill in: owning department",
        "change": "New procedure.",
        "purpose": "To fill in: the purpose of this procedure.",
        "role_name": "To fill in: name of the post",
        "phase_title": "To fill in: phase title",
        "step_title": "To fill in: first step",
        "step_details": "To fill in: how to do it.",
    },
}
PLACEHOLDER_ROLE = "role-1"
_BY_HAND = "cannot find a block list of sections to add to: add the section to handbook.yaml by hand"


class Verbatim(str):
    """Template text written as it is, not quoted: only for values the tool made or checked (ids, dates)."""

    __slots__ = ()


def yaml_string(value: object) -> str:
    """Any value as a YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def _finalize(value: object) -> str:
    if isinstance(value, Verbatim):
        if "\n" in value or "\r" in value:
            raise ValueError("verbatim template values are one line")
        return str(value)
    return yaml_string(value)


@cache
def _environment() -> Environment:
    # YAML, not HTML: instead of HTML autoescaping, every {{ value }} is quoted as a YAML string.
    return package_environment(autoescape=False, finalize=_finalize)


def slug_pattern() -> re.Pattern[str]:
    pattern: str = schema(PROCEDURE_SCHEMA)["definitions"]["slug"]["pattern"]
    return re.compile(pattern)


@dataclass(frozen=True)
class NewProcedure:
    section: str
    id: str
    title: str
    language: str
    today: date
    schema_path: str


def procedure_text(new: NewProcedure) -> str:
    """The YAML of a new procedure that validates as it stands, with comments where to fill in."""
    template = _environment().get_template("new_procedure.yaml.j2")
    text = _PLACEHOLDERS.get(new.language, _PLACEHOLDERS["zh"])
    return template.render(
        id=Verbatim(new.id),
        title=new.title,
        effective=Verbatim(new.today.isoformat()),
        review_by=Verbatim((new.today + REVIEW_AFTER).isoformat()),
        schema_path=Verbatim(new.schema_path),
        role_id=Verbatim(PLACEHOLDER_ROLE),
        text=text,
    )


def _last_line(node: yaml.Node) -> int:
    """The 0-based line of the last character that belongs to ``node``."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value:
        return _last_line(node.value[-1])
    end = node.end_mark
    # A block scalar ends at the start of the line after it.
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _block_list(node: yaml.SequenceNode, file: str) -> yaml.SequenceNode:
    if node.flow_style:
        raise HandbookError([error(Where(file), "sections-flow-style", _BY_HAND)])
    return node


def _sections_node(text: str, file: str) -> yaml.SequenceNode:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "sections" and isinstance(value, yaml.SequenceNode) and value.value:
                return _block_list(value, file)
    raise HandbookError([error(Where(file), "sections-not-found", _BY_HAND)])


def add_section(handbook_text: str, file: str, section_id: str, title: str) -> str:
    """``handbook_text`` with a section appended to its ``sections`` list, comments and layout kept."""
    sections = _sections_node(handbook_text, file)
    lines = handbook_text.splitlines(keepends=True)
    last_item = sections.value[-1]
    start = last_item.start_mark
    prefix = lines[start.line][: start.column]  # e.g. "  - "
    indent = " " * len(prefix)
    entry = f"{prefix}id: {section_id}\n{indent}title: {yaml_string(title)}\n"
    last = _last_line(last_item)
    while last > start.line and not lines[last].strip():  # a block scalar's end takes in blank lines
        last -= 1
    after = last + 1
    if after > len(lines) or (after == len(lines) and not lines[-1].endswith("\n")):
        lines[-1] = lines[-1].rstrip("\n") + "\n"
    return "".join([*lines[:after], entry, *lines[after:]])
