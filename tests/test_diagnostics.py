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
