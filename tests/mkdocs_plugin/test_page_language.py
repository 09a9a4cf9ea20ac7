"""Each page declares its language: <html lang> is the page's, and the site's interface around a page in
another language (header, navigation, footer) says it is in the site's language."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

# The interface parts the theme draws around every page: their element and class.
CHROME = {
    "header": ("header", "md-header"),
    "navigation": ("div", "md-sidebar--primary"),
    "footer": ("footer", "md-footer"),
}


class _Languages(HTMLParser):
    """The lang of <html> and of each part of the interface (None: not said, so inherited)."""

    def __init__(self) -> None:
        super().__init__()
        self.page: str | None = None
        self.chrome: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.page = values.get("lang")
        classes = (values.get("class") or "").split()
        for part, (element, css_class) in CHROME.items():
            if tag == element and css_class in classes:
                self.chrome.setdefault(part, values.get("lang"))


def _languages(page: Path) -> _Languages:
    found = _Languages()
    found.feed(page.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize(
    ("path", "language"), [("editor-guide/en.html", "en"), ("editor-guide/index.html", "zh"), ("index.html", "zh")]
)
def test_html_lang_is_the_page_language(shipped_site: Path, path: str, language: str) -> None:
    assert _languages(shipped_site / path).page == language


def test_the_interface_around_the_english_guide_says_it_is_chinese(shipped_site: Path) -> None:
    assert _languages(shipped_site / "editor-guide/en.html").chrome == dict.fromkeys(CHROME, "zh")


def test_a_page_in_the_site_language_leaves_its_interface_to_inherit_it(shipped_site: Path) -> None:
    found = _languages(shipped_site / "editor-guide/index.html")
    assert set(found.chrome) == set(CHROME) and set(found.chrome.values()) == {None}
