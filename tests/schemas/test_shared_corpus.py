"""One verdict: the schema as editors' tools and CI checkers apply it (check-jsonschema, YAML 1.2)
and ``handbook validate``'s schema stage agree on every document of a shared corpus.

Each file of tests/fixtures/verdict_corpus is named for its verdict (``valid-…`` or ``invalid-…``),
so the test also fails if both tools were wrong the same way. The corpus holds the values YAML
versions read differently: ``1.0``, ``1``, ``true``, ``.inf``, ``0x1F`` (numbers and booleans in
YAML 1.2, so refused where text belongs), ``8:30``, ``no``, ``yes`` and dates (text in YAML 1.2),
and empty lists where the schema does or does not allow them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from generator.diagnostics import HandbookError
from generator.load.schema_files import PROCEDURE_SCHEMA, SCHEMA_DIR
from generator.load.yaml_loader import load_yaml
from generator.validate.schema_check import check_schema
from tests.helpers.paths import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "verdict_corpus"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*.yaml"))


def _checker() -> list[str]:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("check-jsonschema is missing; under CI=true the shared corpus must run")
        pytest.skip("check-jsonschema is not installed (make installs it with the dev extra)")
    return [found]


@cache
def _refused_by_check_jsonschema() -> frozenset[str]:
    """The corpus files check-jsonschema refuses against the procedure schema, in one run."""
    command = [*_checker(), "-o", "json", "--schemafile", str(SCHEMA_DIR / PROCEDURE_SCHEMA), *DOCUMENTS]
    ran = subprocess.run(command, cwd=CORPUS, capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(ran.stdout)
    return frozenset(e["filename"] for e in report["errors"]) | frozenset(e["filename"] for e in report["parse_errors"])


def _refused_by_handbook(name: str) -> bool:
    try:
        document = load_yaml((CORPUS / name).read_bytes(), name)
    except HandbookError:
        return True
    return bool(check_schema(document, PROCEDURE_SCHEMA))


def test_the_corpus_is_large_and_holds_both_verdicts() -> None:
    assert len(DOCUMENTS) >= 30
    assert {name.split("-", 1)[0] for name in DOCUMENTS} == {"valid", "invalid"}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_check_jsonschema_and_handbook_validate_agree(name: str) -> None:
    expected = name.startswith("invalid-")
    assert (name in _refused_by_check_jsonschema()) is expected, "check-jsonschema"
    assert _refused_by_handbook(name) is expected, "handbook validate"
