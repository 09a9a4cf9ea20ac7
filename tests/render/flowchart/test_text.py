"""Flowchart text: XML-safe cleaning, CJK-aware widths, wrapping that never loses or overflows text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.render.flowchart.diamond import diamond_text
from generator.render.flowchart.text import (
    char_em,
    display_text,
    escape_attribute,
    escape_text,
    spoken,
    text_width,
    wrap,
    wrap_balanced,
    xml_safe,
)


def test_wide_characters_are_one_em_and_latin_narrower() -> None:
    assert char_em("中") == 1.0
    assert char_em("，") == 1.0
    assert char_em("Ａ") == 1.0
    assert 0.3 < char_em("a") < 0.7
    assert text_width("接待流程", 14) == 56
    assert text_width("abcd", 14) < text_width("接待流程", 14)


def test_forbidden_xml_characters_are_removed() -> None:
    assert xml_safe("a\x00b\x08c\x0bd\x1fe\ufffef\uffffg\ud800h") == "abcdefgh"
    assert xml_safe("tab\tnl\ncr\r") == "tab\tnl\ncr\r"


def test_escaping() -> None:
    assert escape_text("</text><script>&") == "&lt;/text&gt;&lt;script&gt;&amp;"
    assert escape_attribute('"x" & <y>') == "&quot;x&quot; &amp; &lt;y&gt;"


def test_display_text_collapses_whitespace() -> None:
    assert display_text("  a\n\tb  c \x01") == "a b c"
    assert display_text("全角　空格") == "全角　空格"


def test_cjk_breaks_anywhere_and_latin_at_spaces() -> None:
    assert wrap("一二三四五六七八", 4 * 14, 14) == ("一二三四", "五六七八")
    assert wrap("alpha beta gamma", 6 * 14 * 0.6, 14) == ("alpha", "beta", "gamma")


def test_closing_punctuation_never_starts_a_line() -> None:
    lines = wrap("一二三，四五六。", 3 * 14, 14)
    assert all(not line.startswith(("，", "。")) for line in lines)
    assert "".join(lines) == "一二三，四五六。"


def test_overlong_words_are_broken_not_truncated() -> None:
    lines = wrap("x" * 100, 50, 14)
    assert "".join(lines) == "x" * 100
    assert all(text_width(line, 14) <= 50 for line in lines)


def test_balanced_wrapping_avoids_a_lone_last_character() -> None:
    text = "确认客户身份后引导客户前往洽谈区"
    assert len(wrap(text, 112, 14)[-1]) == 1
    balanced = wrap_balanced(text, 112, 14)
    assert len(balanced) == len(wrap(text, 112, 14))
    assert min(len(line) for line in balanced) >= 4


@given(st.text(), st.floats(min_value=14, max_value=400))
def test_wrapping_keeps_every_character_and_respects_the_width(text: str, width: float) -> None:
    lines = wrap_balanced(text, width, 14)
    assert "".join(lines).replace(" ", "") == display_text(text).replace(" ", "")
    assert all(text_width(line, 14) <= width + 1e-6 for line in lines)


@given(st.text(max_size=120))
def test_diamond_text_fits_inside_the_diamond(text: str) -> None:
    lines, width, height = diamond_text(text, 14, 20)
    assert "".join(lines).replace(" ", "") == display_text(text).replace(" ", "")
    top = -len(lines) * 20 / 2
    for index, line in enumerate(lines):
        half = text_width(line, 14) / 2
        far = max(abs(top + index * 20), abs(top + index * 20 + 20))
        assert half / (width / 2) + far / (height / 2) <= 1 + 1e-9


CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=60)
WORDS = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=8), min_size=1, max_size=12).map(" ".join)


@given(st.one_of(CJK, WORDS), st.floats(min_value=8 * 14, max_value=300))
def test_wrapped_lines_are_spoken_as_the_text(text: str, width: float) -> None:
    """What a screen reader is given for a wrapped label: no space inside Chinese, spaces between words
    (a word too long for the width is broken, and spoken as two)."""
    assert spoken(wrap_balanced(text, width, 14)) == text


def test_spoken_joins_chinese_without_and_mixed_text_with_a_space() -> None:
    assert spoken(("第一责任售前能否", "立即支持？")) == "第一责任售前能否立即支持？"
    assert spoken(("Call the", "client")) == "Call the client"
    assert spoken(("联系", "VIP 客户")) == "联系 VIP 客户"
    assert spoken(()) == ""
