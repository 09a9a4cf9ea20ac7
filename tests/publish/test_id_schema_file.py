"""The schema with ids is written beside the procedures' own schema, only when it changes, and a place
it cannot be written never stops a build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.publish.id_schema_file import id_schema_path, write_id_schema
from tests.helpers.site_fixture import fixture_handbook


def test_written_into_schemas_generated_and_rewritten_only_when_it_changes(handbook_copy: Path) -> None:
    procedures = handbook_copy / "procedures"
    (handbook_copy / "schemas").mkdir()
    target = id_schema_path(procedures)
    assert target == (handbook_copy / "schemas" / "generated" / "procedure.schema.json").resolve()
    assert write_id_schema(procedures, fixture_handbook()) == target
    assert "do not edit" in json.loads(target.read_text(encoding="utf-8"))["$comment"]
    assert write_id_schema(procedures, fixture_handbook()) is None, "unchanged: not written again"


def test_no_schemas_folder_beside_the_procedures_means_no_file(handbook_copy: Path) -> None:
    assert id_schema_path(handbook_copy / "procedures") is None
    assert write_id_schema(handbook_copy / "procedures", fixture_handbook()) is None


def test_validate_writes_it_and_a_place_it_cannot_go_is_only_a_notice(
    handbook_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (handbook_copy / "schemas").mkdir()
    assert main(["validate"]) == 0
    generated = handbook_copy / "schemas" / "generated" / "procedure.schema.json"
    assert generated.is_file()
    generated.unlink()
    generated.mkdir()  # a folder where the file goes: refused, and the run still passes
    capsys.readouterr()
    assert main(["validate", "--strict"]) == 0
    assert "notice: cannot write schemas/generated/procedure.schema.json" in capsys.readouterr().out
    shutil.rmtree(generated)
