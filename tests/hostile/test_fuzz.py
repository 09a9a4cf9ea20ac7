"""Fuzzing loader, validator and page rendering: random documents and bytes never raise anything
but HandbookError (from the loader) and never break validation or rendering.

Runs a bounded number of examples; under CI=true the examples are derandomized so the suite is stable.
A failure prints the example and a reproduction blob.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.diagnostics import HandbookError, format_json, format_text
from generator.load.yaml_loader import LoadedDocument, load_yaml
from generator.render.site.content import build_site_content
from generator.validate.pipeline import validate_root
from tests.helpers.paths import FIXTURE_HANDBOOK, ROOT
from tests.helpers.site_fixture import TODAY

FUZZ = settings(
    max_examples=int(os.environ.get("HANDBOOK_FUZZ_EXAMPLES", "100")),
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
BASE = yaml.safe_load((FIXTURE_HANDBOOK / "procedures" / "testing" / "full-example.yaml").read_text("utf-8"))


def _schema_keys() -> list[str]:
    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    yield from value
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    schemas = [json.loads((ROOT / "schemas" / name).read_text("utf-8")) for name in ("procedure.schema.json",)]
    return sorted({key for schema in schemas for key in walk(schema)})


HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    "</text><svg onload=alert(1)>",
    "]]>",
    "{{ 7*7 }}",
    "{% raw %}",
    "[x](javascript:alert(1))",
    "\u202eevil",
    "👩‍👩‍👧",
    "end",
    "index",
    "con",
    "../../etc/passwd",
    "",
    " ",
    "8:30",
    "2026-02-30",
    "1.0",
    "-",
    "a" * 300,
]
KEYS = _schema_keys()
free_texts = st.one_of(
    st.sampled_from([t for t in HOSTILE_TEXT if t.strip()]),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60).filter(str.strip),
)
texts = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40), st.sampled_from(KEYS))
scalars = st.one_of(texts, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=12,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _value_at(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


# Keys whose values are ids, dates, versions or choices rather than free text.
NOT_FREE_TEXT = {"id", "version", "effective", "review_by", "date", "role", "read_by", "confirmed_by", "next"}
NOT_FREE_TEXT |= {"type", "completeness", "forms", "related", "at", "until", "code", "language"}


class Target:
    """A document to mutate: every path into it, and the paths that hold free text."""

    def __init__(self, base: Any) -> None:
        self.base = base
        self.paths = [p for p in _paths(base) if p]
        self.text_paths = [
            p
            for p in self.paths
            if isinstance(_value_at(base, p), str) and not NOT_FREE_TEXT & {part for part in p if isinstance(part, str)}
        ]


PROCEDURE = Target(BASE)
HANDBOOK = Target(yaml.safe_load((FIXTURE_HANDBOOK / "procedures" / "handbook.yaml").read_text("utf-8")))


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(doc, dict) and head in doc:
        return {**doc, head: _replace(doc[head], rest, value)}
    if isinstance(doc, list) and isinstance(head, int) and head < len(doc):
        return [*doc[:head], _replace(doc[head], rest, value), *doc[head + 1 :]]
    return doc


@st.composite
def mutated(draw: st.DrawFn, target: Target) -> str:
    """The document with a few values replaced by hostile ones, dumped as YAML."""
    doc: Any = target.base
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):  # hostile text where text belongs: often valid, so the pages get rendered
            doc = _replace(doc, draw(st.sampled_from(target.text_paths)), draw(free_texts))
        else:  # anything anywhere: wrong types, unknown keys, missing parts
            doc = _replace(doc, draw(st.sampled_from(target.paths)), draw(values))
    text = yaml.safe_dump(doc, allow_unicode=draw(st.booleans()), sort_keys=False)
    if draw(st.integers(0, 3)) == 0:  # now and then a raw edit that may break the syntax
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(RAW_EDITS)) + text[at:]
    return text


RAW_EDITS = ["\t", ": ", "- ", "'", '"', "[", "&a ", "*a", "!x ", "\\", "\n  ", "<<: ", "? "]


def _fixture_with(root: Path, procedure: bytes, handbook: bytes | None = None) -> None:
    """The fixture handbook with one more procedure file holding ``procedure`` (and maybe another handbook.yaml)."""
    (root / "testing").mkdir(parents=True)
    for name in ("handbook.yaml", "testing/valid-base.yaml"):  # the example links to valid-base
        shutil.copy(FIXTURE_HANDBOOK / "procedures" / name, root / name)
    (root / "testing" / "fuzzed.yaml").write_bytes(procedure)
    if handbook is not None:
        (root / "handbook.yaml").write_bytes(handbook)


def _check_result(root: Path) -> None:
    result = validate_root(root, TODAY)
    for diagnostic in result.diagnostics:
        format_text(diagnostic).encode("utf-8")
    format_json(result.diagnostics).encode("utf-8")
    event("valid" if result.ok() else "invalid")
    if result.ok() and result.handbook is not None:
        for text in build_site_content(result.handbook, TODAY).files.values():
            text.encode("utf-8")


@FUZZ
@given(mutated(PROCEDURE))
def test_mutated_procedures_validate_and_render_without_crashing(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "procedures"
        _fixture_with(root, text.encode("utf-8"))
        _check_result(root)


@FUZZ
@given(mutated(HANDBOOK))
def test_mutated_handbook_files_validate_and_render_without_crashing(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "procedures"
        _fixture_with(root, yaml.safe_dump(BASE, allow_unicode=True).encode("utf-8"), text.encode("utf-8"))
        _check_result(root)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_only_ever_give_handbook_errors(data: bytes) -> None:
    try:
        document = load_yaml(data, "fuzz.yaml")
    except HandbookError as exc:
        assert exc.diagnostics
        for diagnostic in exc.diagnostics:
            format_text(diagnostic).encode("utf-8")
    else:
        assert isinstance(document, LoadedDocument)


@FUZZ
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.sampled_from(HOSTILE_TEXT))
def test_random_text_as_a_procedure_file_never_crashes_validation(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "procedures"
        _fixture_with(root, text.encode("utf-8", errors="surrogatepass"))
        _check_result(root)
