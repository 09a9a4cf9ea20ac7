"""The page filters: what user text becomes in HTML."""

from __future__ import annotations

import pytest

from generator.render.templating import markdown_inline, paragraphs


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (None, ""),
        ("", ""),
        ("  \t ", ""),
        ("  one line  ", "<p>one line</p>"),
        ("a < b & \"c\" 'd'", "<p>a &lt; b &amp; &#34;c&#34; &#39;d&#39;</p>"),
        ("first\nsecond", "<p>first<br>second</p>"),
        ("first\n\n  \nsecond", "<p>first</p><p>second</p>"),
        ("\n\nonly\n\n", "<p>only</p>"),
        ("windows\r\nline", "<p>windows<br>line</p>"),
        ("carriage\rreturn", "<p>carriage<br>return</p>"),
        ("unicode\u2028line\u2029paragraph\x85next", "<p>unicode<br>line<br>paragraph<br>next</p>"),
        ("forbidden\x0bvertical\x0ctab\x1cfile\x00nul", "<p>forbiddenverticaltabfilenul</p>"),
    ],
)
def test_paragraphs_split_blank_lines_into_paragraphs_and_lines_with_br(text: str | None, html: str) -> None:
    assert paragraphs(text) == html


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("plain 文字", "plain 文字"),
        ("*bold* _it_ `code` #1", r"\*bold\* \_it\_ \`code\` \#1"),
        ("[a](b) {x} <y> 1. 2+3-4!", r"\[a\]\(b\) \{x\} &lt;y&gt; 1\. 2\+3\-4\!"),
        ("back\\slash", "back\\\\slash"),
        ("a & 'b'", r"a &amp; &\#39;b&\#39;"),
        ("nul\x00gone", "nulgone"),
    ],
)
def test_markdown_inline_escapes_html_then_makes_markdown_syntax_literal(text: str, markdown: str) -> None:
    assert markdown_inline(text) == markdown
