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


def _mapping_value(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, value in node.value:
            if k.value == key:
                found: yaml.Node = value
                return found
    return None


def _section_entry(sections: yaml.Node | None, section_id: str) -> yaml.MappingNode | None:
    """The entry of ``sections`` (a list node) whose id is ``section_id``."""
    if not isinstance(sections, yaml.SequenceNode):
        return None
    for item in sections.value:
        found = _mapping_value(item, "id")
        if isinstance(item, yaml.MappingNode) and isinstance(found, yaml.ScalarNode) and found.value == section_id:
            return item
    return None


def _parent_entry(root: yaml.Node, parent: list[str], file: str) -> yaml.MappingNode:
    """The entry of the section ``parent`` (folder names from the top) in handbook.yaml's tree."""
    entry: yaml.Node = root
    for name in parent:
        found = _section_entry(_mapping_value(entry, "sections"), name)
        if found is None:
            raise HandbookError([error(Where(file), "sections-not-found", _BY_HAND)])
        entry = found
    if not isinstance(entry, yaml.MappingNode) or entry.flow_style:
        raise HandbookError([error(Where(file), "sections-flow-style", _BY_HAND)])
    return entry


def _end_of(node: yaml.Node, lines: list[str]) -> int:
    """The index of the line after ``node``, blank lines a block scalar takes in left out."""
    last = _last_line(node)
    while last > node.start_mark.line and not lines[last].strip():
        last -= 1
    if last + 1 >= len(lines) and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return last + 1


def add_section(handbook_text: str, file: str, section_path: str, title: str) -> str:
    """``handbook_text`` with the section at ``section_path`` ("area" or "area/section") added at the
    end of its parent's ``sections`` list, which is started if the parent has none yet; comments and
    layout kept."""
    *parent, section_id = section_path.split("/")
    root = yaml.compose(handbook_text, Loader=yaml.SafeLoader)
    if root is None:
        raise HandbookError([error(Where(file), "sections-not-found", _BY_HAND)])
    owner = _parent_entry(root, parent, file)
    sections = _mapping_value(owner, "sections")
    lines = handbook_text.splitlines(keepends=True)
    if isinstance(sections, yaml.SequenceNode) and sections.value:
        last_item = _block_list(sections, file).value[-1]
        prefix = lines[last_item.start_mark.line][: last_item.start_mark.column]  # e.g. "  - "
        head = ""
    elif sections is None and parent:
        indent = " " * owner.value[0][0].start_mark.column  # the column of the parent's own keys
        prefix, head = f"{indent}  - ", f"{indent}sections:\n"
        last_item = owner
    else:
        raise HandbookError([error(Where(file), "sections-not-found", _BY_HAND)])
    indent = " " * len(prefix)
    entry = f"{head}{prefix}id: {section_id}\n{indent}title: {yaml_string(title)}\n"
    after = _end_of(last_item, lines)
    return "".join([*lines[:after], entry, *lines[after:]])
