"""Diagnostics as printed: names and values never reach the terminal with their control characters."""

from __future__ import annotations

import json

from generator.diagnostics import Where, error, format_github, format_json, format_text, printable

ESCAPE = "\x1b[31m"
NASTY = f"evil{ESCAPE}\u202ename\x9b\u2028\udcff.yaml"


def test_printable_text_is_left_as_it_is() -> None:
    for text in ("吧台服务", "emoji ✅ and العربية", "tab\tand space", ""):
        assert printable(text) == text


def test_control_format_and_separator_characters_are_escaped() -> None:
    assert printable(NASTY) == "evil\\x1b[31m\\u202ename\\x9b\\u2028\\xff.yaml"


def test_text_format_escapes_file_message_and_hint() -> None:
    shown = format_text(error(Where(NASTY, 2, 3), "code", f"bad {ESCAPE}", f"fix {ESCAPE}"))
    assert "\x1b" not in shown and "\u202e" not in shown
    assert shown == (
        "evil\\x1b[31m\\u202ename\\x9b\\u2028\\xff.yaml:2:3: error: bad \\x1b[31m [code]\n    hint: fix \\x1b[31m"
    )


def test_github_format_escapes_file_and_message() -> None:
    shown = format_github(error(Where(NASTY, 2, 3), "code", f"bad {ESCAPE}\r\n", "hint"))
    assert all(c.isprintable() for c in shown)
    assert shown == (
        "::error file=evil\\x1b[31m\\u202ename\\x9b\\u2028\\xff.yaml,line=2,col=3,title=code::"
        "bad \\x1b[31m\\x0d\\x0a%0Ahint"
    )


def test_json_format_keeps_the_text_and_shows_no_control_character() -> None:
    shown = format_json([error(Where(NASTY), "code", f"bad {ESCAPE}\x9b")])
    assert all(c.isprintable() or c in "\n" for c in shown)
    row = json.loads(shown)["diagnostics"][0]
    assert row["message"] == f"bad {ESCAPE}\x9b"
    assert row["where"]["file"] == NASTY


def _codes_in_source() -> set[str]:
    """Every literal code the loading, model and validation stages give a diagnostic."""
    import ast

    from tests.helpers.paths import ROOT

    found: set[str] = set()
    for stage in ("load", "model", "validate"):
        for module in (ROOT / "generator" / stage).glob("*.py"):
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("error", "warning", "notice"):
                    code = node.args[1] if len(node.args) > 1 else None
                    if isinstance(code, ast.Constant) and isinstance(code.value, str):
                        found.add(code.value)
    return found


def test_every_code_of_the_validator_has_chinese_wording() -> None:
    from generator.diagnostics import _catalogue

    messages, _, _ = _catalogue()
    codes = _codes_in_source()
    assert len(codes) > 40
    assert codes - set(messages) == set()


def test_a_chinese_handbook_shows_chinese_first_and_the_english_after() -> None:
    from generator.diagnostics import Where, error, localized

    d = error(Where("a.yaml", 3, 4), "unknown-role", "unknown role 'receptionist'", "declared: a, b; use one")
    shown = localized(d, "zh")
    assert shown.message == "角色“receptionist”没有声明 (unknown role 'receptionist')"
    assert shown.hint == "已声明：a, b；use one (declared: a, b; use one)"
    assert localized(d, "en") is d


def test_a_value_in_a_message_is_data_never_a_template() -> None:
    from generator.diagnostics import Where, error, localized

    d = error(Where("a.yaml"), "unknown-role", "unknown role '{i}{0}'")
    assert localized(d, "zh").message.startswith("角色“{i}{0}”没有声明")
