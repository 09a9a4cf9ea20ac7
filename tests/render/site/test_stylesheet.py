"""The handbook's stylesheet: long unbroken values wrap inside the content column (seen in Chromium in
tests/browser/test_long_values_in_chromium.py)."""

from __future__ import annotations

import re

from tests.helpers.paths import ROOT

STYLESHEET = ROOT / "generator" / "assets" / "handbook.css"


def _rules() -> dict[str, str]:
    """Each selector of the stylesheet with the declarations of its rule."""
    text = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    rules: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        for selector in selectors.split(","):
            rules[" ".join(selector.split())] = rules.get(" ".join(selector.split()), "") + body
    return rules


def test_content_text_tables_and_list_items_wrap_anywhere() -> None:
    rules = _rules()
    for selector in (".md-typeset", ".md-typeset td", ".md-typeset th", ".md-typeset li"):
        assert re.search(r"overflow-wrap:\s*anywhere", rules.get(selector, "")), selector


def test_no_rule_turns_wrapping_off_again_for_text() -> None:
    for selector, body in _rules().items():
        assert not re.search(r"overflow-wrap:\s*normal|word-break:\s*keep-all.*overflow-wrap", body), selector
