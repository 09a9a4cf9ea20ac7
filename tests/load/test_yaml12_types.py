"""The loader's idea of which plain scalars YAML 1.2 reads as numbers or booleans is ruamel.yaml's
(the parser check-jsonschema uses), for any short scalar made of the characters that matter."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.yaml12_types import yaml12_kind

ruamel_yaml = pytest.importorskip("ruamel.yaml", reason="ruamel.yaml comes with check-jsonschema (dev extra)")
_PARSER = ruamel_yaml.YAML(typ="safe")


def _ruamel_kind(plain: str) -> str | bool | None:
    """What ruamel makes of ``x: plain``; False when it is not one plain scalar there."""
    try:
        loaded = _PARSER.load(f"x: {plain}\n")
    except Exception:
        return False
    if not isinstance(loaded, dict) or list(loaded) != ["x"]:
        return False
    value = loaded["x"]
    if isinstance(value, bool):
        return "boolean"
    return "number" if isinstance(value, (int, float)) else None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789._-+eExXoObBinfaNTtrueFls: ", min_size=1, max_size=7))
def test_numbers_and_booleans_are_what_yaml_1_2_says(plain: str) -> None:
    expected = _ruamel_kind(plain)
    if expected is not False and plain == plain.strip():
        assert yaml12_kind(plain) == expected, plain


@pytest.mark.parametrize(
    ("plain", "kind"),
    [("1.0", "number"), ("1", "number"), ("0x1F", "number"), (".inf", "number"), ("true", "boolean")]
    + [("8:30", None), ("no", None), ("yes", None), ("2026-01-01", None), ("off", None), ("1,000", None)],
)
def test_the_cases_editors_meet(plain: str, kind: str | None) -> None:
    assert yaml12_kind(plain) == kind
