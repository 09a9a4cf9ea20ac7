"""The editor experience, proven with the real yaml-language-server (the engine of VS Code's YAML extension).

The server runs over stdio as an editor would run it: the procedure schema reaches it through the
modeline at the top of each file, or through the workspace settings in .vscode/settings.json.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from generator.cli.scaffold import NewProcedure, procedure_text
from generator.clock import today
from generator.model.handbook import Handbook
from generator.publish.id_schema_file import write_id_schema
from generator.validate.pipeline import validate_root
from tests.helpers.lsp_client import LspClient, Message
from tests.helpers.paths import ROOT

SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
PROCEDURES = ROOT / "procedures"
MODELINE = "# yaml-language-server: $schema=../../schemas/generated/procedure.schema.json\n"
# What an editor sends; the schema store is off so that nothing is fetched from the network.
BASE_SETTINGS: dict[str, Any] = {
    "validate": True,
    "completion": True,
    "hover": True,
    "schemaStore": {"enable": False},
    "format": {"enable": False},
    "schemas": {},
}
STEP_KEYS = {"title", "role", "details", "timing", "forms", "say", "standards", "notes", "warnings", "next"}
STEP_KEYS |= {"decision", "checklist"}


def _server_command() -> list[str]:
    node = shutil.which("node")
    if node and SERVER.is_file():
        return [node, str(SERVER), "--stdio"]
    what = "node" if not node else "yaml-language-server (npm ci)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; under CI=true the editor tests must run")
    pytest.skip(f"{what} is not installed (make installs it)")


def _start(settings: dict[str, Any]) -> LspClient:
    client = LspClient(_server_command(), {"yaml": settings})
    client.initialize(ROOT)
    return client


@pytest.fixture(scope="module")
def shipped() -> Handbook:
    """The shipped handbook, its schema with ids written as `handbook validate` writes it."""
    handbook = validate_root(PROCEDURES, today()).handbook
    assert handbook is not None
    write_id_schema(PROCEDURES, handbook)
    return handbook


@pytest.fixture(scope="module")
def server(shipped: Handbook) -> Iterator[LspClient]:
    client = _start(BASE_SETTINGS)
    yield client
    client.close()


def _uri(relative: str) -> str:
    """A document inside the repository's procedures folder (it need not exist on disk)."""
    return (ROOT / relative).as_uri()


def _line_of(text: str, needle: str) -> int:
    """0-based line of the first line containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines()) if needle in line)


def _messages(diagnostics: list[Message]) -> str:
    return "\n".join(f"{d['range']['start']['line']}: {d['message']}" for d in diagnostics)


def _scaffold(procedure_id: str) -> str:
    new = NewProcedure("reception", procedure_id, "访客证管理流程", "zh", date(2026, 11, 28), "x")
    return procedure_text(new).replace("$schema=x\n", "$schema=../../schemas/procedure.schema.json\n", 1)


def test_unknown_key_and_wrong_type_are_reported_on_their_lines(server: LspClient) -> None:
    text = _scaffold("lsp-errors")
    text = text.replace("version: ", "tags: 接待\nversion: ", 1)  # tags must be a list
    text = text.replace("        role: role-1\n", "        role: role-1\n        titel: 拼错的键\n", 1)
    uri = _uri("procedures/reception/lsp-errors.yaml")
    server.open(uri, text)
    diagnostics = server.diagnostics(uri)
    by_line = {d["range"]["start"]["line"]: d["message"] for d in diagnostics}
    assert set(by_line) == {_line_of(text, "tags: 接待"), _line_of(text, "titel:")}, _messages(diagnostics)
    assert "array" in by_line[_line_of(text, "tags: 接待")].lower()
    assert "titel" in by_line[_line_of(text, "titel:")] and "not allowed" in by_line[_line_of(text, "titel:")]


def test_a_bad_value_gets_the_schema_message(server: LspClient) -> None:
    text = _scaffold("lsp-pattern").replace('version: "0.1"\neffective', 'version: "v1"\neffective', 1)
    uri = _uri("procedures/reception/lsp-pattern.yaml")
    server.open(uri, text)
    diagnostics = server.diagnostics(uri)
    assert [d["range"]["start"]["line"] for d in diagnostics] == [_line_of(text, 'version: "v1"')]
    assert "1.0.2" in diagnostics[0]["message"], "the schema's own wording, not a bare regular expression"


@pytest.mark.parametrize("escape", ["\\r", "\\n", "\\N", "\\L", "\\P"])
def test_a_line_break_in_a_title_is_underlined_in_the_editor(server: LspClient, escape: str) -> None:
    text = _scaffold("lsp-line-break")
    text = text.replace('title: "访客证管理流程"', f'title: "访客证{escape}管理流程"', 1)
    assert escape in text
    uri = _uri(f"procedures/reception/lsp-line-break-{ord(escape[1])}.yaml")
    server.open(uri, text)
    diagnostics = server.diagnostics(uri)
    assert [d["range"]["start"]["line"] for d in diagnostics] == [_line_of(text, "访客证")], _messages(diagnostics)


def test_new_procedure_from_the_scaffold_is_clean_in_the_editor(server: LspClient) -> None:
    uri = _uri("procedures/reception/lsp-scaffold.yaml")
    server.open(uri, _scaffold("lsp-scaffold"))
    assert server.diagnostics(uri) == []


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for p in PROCEDURES.glob("*/*.yaml")))
def test_every_shipped_procedure_is_clean_in_the_editor(server: LspClient, path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    server.open(_uri(path), text)
    assert server.diagnostics(_uri(path)) == []


def test_completion_inside_a_step_offers_the_step_keys(server: LspClient) -> None:
    text = _scaffold("lsp-complete")
    text = text.replace('        details: "待填写：具体做法。"\n', "        \n", 1)
    line = _line_of(text, "role: role-1") + 1
    assert text.splitlines()[line] == "        "
    uri = _uri("procedures/reception/lsp-complete.yaml")
    server.open(uri, text)
    labels = {item["label"] for item in server.completion(uri, line, 8)}
    assert labels >= STEP_KEYS - {"title", "role"}, sorted(labels)
    assert "id" not in labels and "phases" not in labels, "only the keys a step still lacks"


def test_completion_documents_each_key_in_both_languages(server: LspClient) -> None:
    text = _scaffold("lsp-docs").replace('        details: "待填写：具体做法。"\n', "        \n", 1)
    line = _line_of(text, "role: role-1") + 1
    uri = _uri("procedures/reception/lsp-docs.yaml")
    server.open(uri, text)
    items = {item["label"]: item for item in server.completion(uri, line, 8)}
    documentation = json.dumps(items["timing"].get("documentation", ""), ensure_ascii=False)
    assert "时间要求" in documentation and "deadline" in documentation


def test_completion_of_an_enum_offers_its_values(server: LspClient) -> None:
    text = _scaffold("lsp-enum").replace("  completeness: complete\n", "  completeness: \n", 1)
    line = _line_of(text, "completeness:")
    uri = _uri("procedures/reception/lsp-enum.yaml")
    server.open(uri, text)
    labels = {item["label"] for item in server.completion(uri, line, len("  completeness: "))}
    assert labels >= {"complete", "truncated", "excerpt"}, sorted(labels)


ID_FILE = "procedures/reception/visitor-reception-process.yaml"


def _shipped_with(old: str, new: str, name: str) -> tuple[str, str, int]:
    """The uri, text and line of a copy of ID_FILE (as the file ``name``) with the first ``old`` made ``new``."""
    original = (ROOT / ID_FILE).read_text(encoding="utf-8")
    at = original.index(old)
    text = original[:at] + new + original[at + len(old) :]
    uri = _uri(f"procedures/reception/{name}.yaml")
    return uri, text, text[:at].count("\n")


def test_a_role_is_completed_from_the_procedure_s_own_roles_with_their_names(
    server: LspClient, shipped: Handbook
) -> None:
    procedure = shipped.procedure("visitor-reception-process")
    assert procedure is not None
    step_role = f"role: {procedure.steps[0].role}\n"
    uri, text, line = _shipped_with(step_role, "role: \n", "lsp-role")
    server.open(uri, text)
    column = len(text.splitlines()[line])
    items = {item["label"]: item for item in server.completion(uri, line, column)}
    assert set(items) == {role.id for role in procedure.roles}, sorted(items)
    first = procedure.roles[0]
    assert first.name in json.dumps(items[first.id], ensure_ascii=False)


def test_an_unknown_role_is_underlined_and_the_message_names_the_roles_that_exist(
    server: LspClient, shipped: Handbook
) -> None:
    procedure = shipped.procedure("visitor-reception-process")
    assert procedure is not None
    uri, text, line = _shipped_with(f"role: {procedure.steps[0].role}\n", "role: receptionist\n", "lsp-unknown")
    server.open(uri, text)
    diagnostics = server.diagnostics(uri)
    assert diagnostics and {d["range"]["start"]["line"] for d in diagnostics} == {line}, _messages(diagnostics)
    assert procedure.roles[0].id in _messages(diagnostics), "the message names the roles that exist"


def test_a_next_step_is_completed_from_the_procedure_s_steps(server: LspClient, shipped: Handbook) -> None:
    procedure = shipped.procedure("visitor-reception-process")
    assert procedure is not None
    role = f"role: {procedure.steps[0].role}\n"
    uri, text, line = _shipped_with(role, role, "lsp-next")
    indent = text.splitlines()[line].index("role:")
    uri, text, line = _shipped_with(role, f"{role}{' ' * indent}next: \n", "lsp-next")
    line += 1
    server.open(uri, text)
    labels = {item["label"] for item in server.completion(uri, line, len(text.splitlines()[line]))}
    assert labels == {step.id for step in procedure.steps} | {"end"}, sorted(labels)


def _workspace_settings() -> dict[str, Any]:
    """The yaml.* settings of .vscode/settings.json, nested as the server receives them."""
    flat = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    settings = dict(BASE_SETTINGS)
    settings["schemas"] = {(ROOT / path).resolve().as_uri(): globs for path, globs in flat["yaml.schemas"].items()}
    settings["schemaStore"] = {"enable": flat["yaml.schemaStore.enable"]}
    return settings


@pytest.fixture(scope="module")
def workspace_server() -> Iterator[LspClient]:
    client = _start(_workspace_settings())
    yield client
    client.close()


def test_workspace_settings_check_a_procedure_without_a_modeline(workspace_server: LspClient) -> None:
    text = _scaffold("lsp-settings").split("\n", 1)[1].replace("owner:", "ownr:", 1)
    uri = _uri("procedures/reception/lsp-settings.yaml")
    workspace_server.open(uri, text)
    messages = _messages(workspace_server.diagnostics(uri))
    assert "ownr" in messages and f"{_line_of(text, 'ownr:')}:" in messages


def test_workspace_settings_give_the_handbook_file_its_own_schema(workspace_server: LspClient) -> None:
    text = (PROCEDURES / "handbook.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
    uri = _uri("procedures/handbook.yaml")
    workspace_server.open(uri, text)
    assert workspace_server.diagnostics(uri) == []
    broken = text.replace("language: zh", "language: fr", 1)
    workspace_server.change(uri, broken, 2)
    diagnostics = workspace_server.diagnostics(uri, 2)
    assert [d["range"]["start"]["line"] for d in diagnostics] == [_line_of(broken, "language: fr")]


def test_a_new_list_item_under_steps_offers_step_snippets(server: LspClient) -> None:
    text = _scaffold("lsp-snippet").replace(
        '        details: "待填写：具体做法。"\n', '        details: "x"\n      - \n', 1
    )
    line = text.splitlines().index("      - ")
    uri = _uri("procedures/reception/lsp-snippet.yaml")
    server.open(uri, text)
    snippets = {item["label"]: item.get("insertText", "") for item in server.completion(uri, line, 8)}
    assert snippets["步骤 step"].startswith("id: $1\n  title: $2\n  role: $3"), snippets
    assert "decision:" in snippets["判断步骤 decision step"]


def test_the_guide_s_worked_example_is_clean_in_the_editor(server: LspClient) -> None:
    from generator.render.site.guide_pages import worked_example

    uri = _uri("procedures/reception/visitor-badge.yaml")
    server.open(uri, worked_example())
    assert server.diagnostics(uri) == []
