"""Check a built site: every relative link, script and stylesheet resolves, with its anchor."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")}


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
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
