"""The strict YAML loader: what it accepts, and that it never fails with a foreign exception."""

from __future__ import annotations

import pickle
import string
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import HandbookError, Where
from generator.load import yaml_events, yaml_loader
from generator.load.positions import MAX_LINE_OR_COLUMN, Positions, entry, point
from generator.load.yaml_loader import MAX_FILE_BYTES, LoadedDocument, load_yaml
from tests.helpers import paths


def test_yaml_1_1_traps_stay_text() -> None:
    """What YAML 1.1 would turn into a time, a boolean or a date is text, as YAML 1.2 tools read it too."""
    doc = load_yaml(b"a: 8:30\nb: no\nc: off\ne: 2026-11-01\ng: yes\n", "f.yaml")
    assert doc.data == {"a": "8:30", "b": "no", "c": "off", "e": "2026-11-01", "g": "yes"}


def test_unquoted_numbers_and_booleans_are_refused_with_the_fix_where_they_are() -> None:
    """YAML 1.2 tools (editors, check-jsonschema) read these as numbers or booleans, which the schema refuses."""
    with pytest.raises(HandbookError) as caught:
        load_yaml(b"d: 0755\nf: 1.0\nh: 1e3\nt: true\nq: '1.0'\n", "f.yaml")
    found = [(d.code, d.where.line, d.where.column, d.hint) for d in caught.value.diagnostics]
    assert found == [
        ("yaml-typed-value", 1, 4, 'put it in quotes: "0755"'),
        ("yaml-typed-value", 2, 4, 'put it in quotes: "1.0"'),
        ("yaml-typed-value", 3, 4, 'put it in quotes: "1e3"'),
        ("yaml-typed-value", 4, 4, 'put it in quotes: "true"'),
    ]


def test_empty_values_are_none() -> None:
    assert load_yaml(b"a:\nb: ~\nc: ''\n", "f.yaml").data == {"a": None, "b": None, "c": ""}


def test_bom_and_crlf_are_accepted() -> None:
    doc = load_yaml("\ufeffid: x\r\ntitle: 吧台\r\n".encode(), "f.yaml")
    assert doc.data == {"id": "x", "title": "吧台"}
    assert doc.where(("title",)).line == 2


def test_positions_point_at_values_and_keys() -> None:
    doc = load_yaml(b"id: x\nphases:\n  - id: p\n    steps: []\n", "f.yaml")
    assert (doc.where(("phases", 0, "id")).line, doc.where(("phases", 0, "id")).column) == (3, 9)
    key = doc.where(("phases", 0, "steps"), key=True)
    assert (key.line, key.column) == (4, 5)


def test_unknown_path_falls_back_to_nearest_ancestor() -> None:
    doc = load_yaml(b"a:\n  b: c\n", "f.yaml")
    assert doc.where(("a", "missing", 3)).line == 2


def _load_or_own_error(data: bytes) -> None:
    try:
        result = load_yaml(data, "fuzz.yaml")
    except HandbookError as exc:
        assert exc.diagnostics
        for d in exc.diagnostics:
            assert d.where.file == "fuzz.yaml" and d.where.line >= 1 and d.where.column >= 1
    else:
        assert isinstance(result, LoadedDocument)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_load_or_raise_own_error(data: bytes) -> None:
    _load_or_own_error(data)


_YAML_ALPHABET = string.ascii_letters + string.digits + " :-[]{}&*!|>'\"#,?%@`\t\n\r\\" + "吧台：\u3000"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_YAML_ALPHABET, max_size=200))
def test_yaml_like_text_loads_or_raises_own_error(text: str) -> None:
    _load_or_own_error(text.encode("utf-8"))


def _outcome(text: str) -> tuple[object, object] | list[str]:
    """What the loader makes of ``text``: data and positions, or its diagnostics."""
    try:
        doc = load_yaml(text.encode("utf-8"), "fuzz.yaml")
    except HandbookError as exc:
        return [str(d) for d in exc.diagnostics]
    return doc.data, doc.positions


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=_YAML_ALPHABET, max_size=200) | st.sampled_from(["a: &x 1\nb: *x\n", "a: 1\na: 2\n", "<<: {}\n"])
)
def test_the_quick_path_gives_what_the_careful_path_gives(text: str) -> None:
    with_quick_path = _outcome(text)
    with mock.patch.object(yaml_loader, "quick_load", lambda *args: None):
        assert _outcome(text) == with_quick_path


def test_folded_chinese_lines_join_without_a_space() -> None:
    doc = load_yaml("a: >-\n  第一行，\n  第二行 VIP\n  客人\nb: 单行 保留\n".encode(), "f.yaml")
    assert doc.data == {"a": "第一行，第二行 VIP 客人", "b": "单行 保留"}


def test_the_quick_path_libyaml_and_pure_python_give_the_same_data_and_positions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert yaml_loader._FastLoader is not None, "PyYAML was installed without libyaml"
    root = paths.ROOT
    fixtures = sorted((root / "tests" / "fixtures").rglob("*.yaml"))
    corpus = root / "tests" / "fixtures" / "verdict_corpus"  # holds files refused on purpose
    sources = sorted((root / "procedures").rglob("*.yaml")) + [p for p in fixtures if corpus not in p.parents]
    fast = [load_yaml(path.read_bytes(), path.name) for path in sources]
    assert all(yaml_events.quick_load(p.read_text("utf-8-sig"), yaml_loader._RULES) for p in sources[:5])
    monkeypatch.setattr(yaml_loader, "quick_load", lambda *args: None)
    composed = [load_yaml(path.read_bytes(), path.name) for path in sources]
    monkeypatch.setattr(yaml_loader, "_FastLoader", None)
    slow = [load_yaml(path.read_bytes(), path.name) for path in sources]
    assert len(sources) > 20
    for quick, via_nodes, pure in zip(fast, composed, slow, strict=True):
        assert quick.data == via_nodes.data == pure.data
        assert quick.positions == via_nodes.positions == pure.positions


def test_schema_references_are_resolved_once_and_refused_when_recursive() -> None:
    from generator.load.schema_files import _inlined

    definitions = {"a": {"type": "string"}, "loop": {"items": {"$ref": "#/definitions/loop"}}}
    assert _inlined({"$ref": "#/definitions/a", "description": "d"}, definitions) == {
        "type": "string",
        "description": "d",
    }
    with pytest.raises(ValueError, match="recursive"):
        _inlined({"$ref": "#/definitions/loop"}, definitions)


def test_positions_pack_the_largest_line_and_column_a_file_can_have() -> None:
    largest = MAX_FILE_BYTES + 1  # a file of newlines only: its last line number
    assert largest <= MAX_LINE_OR_COLUMN
    positions = Positions("f.yaml", {("a",): entry(point(largest, 7), point(largest, largest)), (): entry(point(1, 1))})
    assert positions.at(("a",)) == Where("f.yaml", largest, 7)
    assert positions.at(("a",), key=True) == Where("f.yaml", largest, largest)
    assert positions.at(("a", 3, "b")) == Where("f.yaml", largest, 7)  # the nearest ancestor
    assert positions.at((), key=True) == Where("f.yaml", 1, 1)  # the root has no key
    assert pickle.loads(pickle.dumps(positions, protocol=0)) == positions


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_YAML_ALPHABET, max_size=200))
def test_a_kept_document_reads_back_equal_to_the_loaded_one(text: str) -> None:
    from generator.load.kept_document import document_from_json, document_json

    try:
        doc = load_yaml(text.encode("utf-8"), "fuzz.yaml")
    except HandbookError:
        return
    kept = document_from_json(document_json(doc), "fuzz.yaml")
    assert kept is not None
    assert (kept.data, kept.positions) == (doc.data, doc.positions)
    assert list(kept.positions) == list(doc.positions)  # in the same order: messages come in it


def test_the_shipped_procedures_read_back_equal_when_kept() -> None:
    from generator.load.kept_document import document_from_json, document_json

    for path in sorted((paths.ROOT / "procedures").rglob("*.yaml")):
        doc = load_yaml(path.read_bytes(), path.name)
        assert document_from_json(document_json(doc), path.name) == doc
    assert document_from_json('{"data": {}}', "x.yaml") is None
