"""The editor's schema with ids: the procedure schema, plus the ids that exist, each with its name."""

from __future__ import annotations

from typing import Any

import jsonschema

from generator.load.schema_files import PROCEDURE_SCHEMA, schema
from generator.render.id_schema import id_schema
from tests.helpers.site_fixture import fixture_handbook


def _own(generated: dict[str, Any], procedure_id: str) -> dict[str, Any]:
    (branch,) = [b for b in generated["allOf"] if b["if"]["properties"]["id"]["const"] == procedure_id]
    then: dict[str, Any] = branch["then"]
    return then


def test_forms_and_procedures_are_listed_with_their_names() -> None:
    handbook = fixture_handbook()
    generated = id_schema(handbook, schema(PROCEDURE_SCHEMA))
    forms = generated["definitions"]["formRef"]
    assert forms["enum"] == [f.id for f in handbook.forms]
    assert forms["enumDescriptions"] == [f.name for f in handbook.forms]
    assert generated["properties"]["related"]["items"]["enum"] == [p.id for p in handbook.procedures]
    assert "do not edit" in generated["$comment"] and "$id" not in generated


def test_each_procedure_s_file_gets_its_own_roles_and_steps() -> None:
    handbook = fixture_handbook()
    generated = id_schema(handbook, schema(PROCEDURE_SCHEMA))
    for procedure in handbook.procedures:
        steps = _own(generated, procedure.id)["allOf"]
        text = repr(steps)
        assert repr([r.id for r in procedure.roles]) in text
        assert repr([s.id for s in procedure.steps] + ["end"]) in text


def test_a_file_is_checked_against_its_own_ids_only() -> None:
    handbook = fixture_handbook()
    procedure = handbook.procedures[0]
    validator = jsonschema.Draft7Validator(id_schema(handbook, schema(PROCEDURE_SCHEMA)))
    step = {"id": "s", "title": "t", "role": procedure.roles[0].id, "next": procedure.steps[0].id}
    document = {"id": procedure.id, "phases": [{"id": "p", "title": "阶段", "steps": [step]}]}
    paths = {tuple(e.absolute_path) for e in validator.iter_errors(document) if e.validator == "enum"}
    assert paths == set()
    step |= {"role": "receptionist", "next": "nowhere"}
    paths = {tuple(e.absolute_path) for e in validator.iter_errors(document) if e.validator == "enum"}
    assert paths == {("phases", 0, "steps", 0, "role"), ("phases", 0, "steps", 0, "next")}
    other = {**document, "id": "another-procedure"}  # not in the handbook yet: no list to hold it to
    assert not [e for e in validator.iter_errors(other) if e.validator == "enum"]
