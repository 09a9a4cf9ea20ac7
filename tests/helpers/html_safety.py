"""Find markup in built pages that could run a payload: scripts, event handlers, script URLs."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from tests.helpers.payloads import MARKER

# Elements a payload might smuggle in; the theme itself uses none of them with our marker.
_ACTIVE_TAGS = {"script", "iframe", "object", "embed", "img", "svg", "style", "details", "a", "base", "link", "meta"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


@dataclass
class Finding:
    where: str
    what: str


class _Scanner(HTMLParser):
    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.findings: list[Finding] = []
        self.texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag in ("script", "style")
        for name, value in attrs:
            text = value or ""
            if name.startswith("on"):
                self.findings.append(Finding(self.where, f"<{tag} {name}={text!r}>"))
            if name in _URL_ATTRIBUTES and text.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                self.findings.append(Finding(self.where, f"<{tag} {name}={text!r}>"))
            if MARKER in text and tag in _ACTIVE_TAGS and name not in ("title", "aria-label", "alt"):
                self.findings.append(Finding(self.where, f"<{tag} {name}={text!r}>"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_script = False

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and MARKER in data:
            self.findings.append(Finding(self.where, f"script or style holding a payload: {data[:80]!r}"))
        elif not self._in_script:
            self.texts.append(data)


@dataclass(frozen=True)
class ScanResult:
    findings: tuple[Finding, ...]
    text: str


def scan_html(html: str, where: str) -> ScanResult:
    """Executable markup carrying a payload, and the page's visible text."""
    scanner = _Scanner(where=where)
    scanner.feed(html)
    scanner.close()
    return ScanResult(tuple(scanner.findings), "".join(scanner.texts))
