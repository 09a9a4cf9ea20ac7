"""Check a built site: every relative link, script and stylesheet resolves, with its anchor."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")}
_LINK_TAGS = {tag for tag, _ in _LINK_ATTRS}
# Scanned with regular expressions rather than html.parser, which spent more time on a large
# site than MkDocs spent building it. Comments and the text of scripts and styles are skipped,
# as an HTML parser does; attribute values may be quoted either way or not at all.
_SKIPPED = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
_ATTRIBUTES = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


@dataclass
class _PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)

    def feed(self, text: str) -> None:
        for match in _START_TAG.finditer(_SKIPPED.sub(self._keep_script_tag, text)):
            self._start_tag(match.group(1).lower(), match.group(2))

    @staticmethod
    def _keep_script_tag(match: re.Match[str]) -> str:
        """Drop a comment, or the text of a script or style element but keep its start tag (src)."""
        if match.group(1) is None:
            return ""
        return match.group(0)[: match.group(0).index(">") + 1]

    def _start_tag(self, tag: str, attributes: str) -> None:
        lowered = attributes.lower()
        if tag not in _LINK_TAGS and "id" not in lowered and "name" not in lowered:
            return  # most tags (the flowcharts' shapes, for one) have neither links nor ids
        for match in _ATTRIBUTES.finditer(attributes):
            raw = next((v for v in match.group(2, 3, 4) if v is not None), None)
            if raw is None:  # an attribute without a value
                continue
            name, value = match.group(1).lower(), html.unescape(raw)
            if name in ("id", "name"):
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRS:
                self.links.append(value)


@dataclass(frozen=True)
class BrokenLink:
    page: str
    link: str
    reason: str


def _scan(path: Path) -> _PageScan:
    scan = _PageScan()
    scan.feed(path.read_text(encoding="utf-8", errors="replace"))
    return scan


def _external(link: str) -> bool:
    parts = urlsplit(link)
    return bool(parts.scheme or parts.netloc) or link.startswith(("mailto:", "data:", "javascript:"))


def _check_link(site: Path, page: str, link: str, scans: dict[str, _PageScan]) -> BrokenLink | None:
    parts = urlsplit(link)
    path = unquote(parts.path)
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))  # root-relative: the 404 page uses these
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if target.startswith("../") or not (site / target).exists():
        return BrokenLink(page, link, "no such file")
    if (site / target).is_dir():
        target = posixpath.join(target, "index.html")
    anchor = unquote(parts.fragment)
    if anchor and target.endswith(".html"):
        scan = scans.get(target)
        if scan is None and (site / target).is_file():
            scan = scans[target] = _scan(site / target)
        if scan is not None and anchor not in scan.ids:
            return BrokenLink(page, link, f"no element with id '{anchor}'")
    return None


def broken_links(site: Path) -> list[BrokenLink]:
    """Relative links in the site's HTML pages that point nowhere."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    scans = {page: _scan(site / page) for page in pages}
    broken: list[BrokenLink] = []
    for page in pages:
        for link in scans[page].links:
            if _external(link) or link == "#":
                continue
            problem = _check_link(site, page, link, scans)
            if problem is not None:
                broken.append(problem)
    return broken
