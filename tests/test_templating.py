"""The page filters: what user text becomes in HTML."""

from __future__ import annotations

import pytest

from generator.templating import paragraphs


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
