"""`handbook diagram ID -o FILE.svg`: the standalone flowchart of one procedure."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.cli.main import main

SVG = "{http://www.w3.org/2000/svg}"


def test_writes_a_standalone_svg_of_the_procedure(handbook_copy: Path) -> None:
    assert main(["diagram", "valid-base", "-o", "out/valid-base.svg"]) == 0
    root = ET.parse(handbook_copy / "out" / "valid-base.svg").getroot()
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "吧台服务"
    assert "吧台服务员" in "".join(root.itertext())
    assert not [a for a in root.iter(f"{SVG}a")], "a standalone file links to no page"


def test_same_input_gives_the_same_bytes(handbook_copy: Path) -> None:
    assert main(["diagram", "full-example", "-o", "a.svg"]) == 0
    assert main(["diagram", "full-example", "-o", "b.svg"]) == 0
    assert (handbook_copy / "a.svg").read_bytes() == (handbook_copy / "b.svg").read_bytes()


def test_unknown_id_is_a_usage_error_listing_the_ids(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagram", "no-such-procedure", "-o", "x.svg"]) == 2
    assert "full-example, valid-base" in capsys.readouterr().err
    assert not (handbook_copy / "x.svg").exists()


def test_invalid_procedures_write_nothing(handbook_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = handbook_copy / "procedures" / "testing" / "valid-base.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: valid-base", "id: Valid Base"), encoding="utf-8")
    assert main(["diagram", "full-example", "-o", "x.svg"]) == 1
    assert "procedures/testing/valid-base.yaml:" in capsys.readouterr().err
    assert not (handbook_copy / "x.svg").exists()
