"""Check a built site: every relative link, script and stylesheet resolves, with its anchor.

Reading a page for its links and ids is most of the check's time; with a build cache, what was read
from a page is kept by the digest of the page's bytes (and of this tool's code), so a warm build reads
again only the pages that changed.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.cache import code_identity, digest
from generator.publish.build_cache import BuildCache

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


_CACHE_KIND = "link-scan"


def _scan(data: bytes) -> _PageScan:
    scan = _PageScan()
    scan.feed(data.decode("utf-8", errors="replace"))
    return scan


def _scan_json(data: bytes) -> str:
    scan = _scan(data)
    return json.dumps({"ids": sorted(scan.ids), "links": scan.links}, ensure_ascii=False)


def _cached_scan(data: bytes, cache: BuildCache) -> _PageScan:
    """The page's scan as kept in ``cache`` (keyed by the page and this tool's code), or made and kept there."""
    record = json.loads(cache.text(_CACHE_KIND, digest(code_identity().encode() + data), lambda: _scan_json(data)))
    return _PageScan(set(record["ids"]), list(record["links"]))


def _external(link: str) -> bool:
    parts = urlsplit(link)
    return bool(parts.scheme or parts.netloc) or link.startswith(("mailto:", "data:", "javascript:"))


@lru_cache(maxsize=1 << 16)
def _not_checked(link: str) -> bool:
    """Links the check leaves alone: a bare "#" and links out of the site. Pages share most link
    texts (navigation, header, footer), so each text is judged once."""
    return link == "#" or _external(link)


def _target(page: str, path: str) -> str:
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))  # root-relative: the 404 page uses these
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page


@dataclass
class _Site:
    """The built site: which files and folders exist (listed once), and each page's scan."""

    root: Path
    cache: BuildCache | None = None
    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=lambda: {"."})
    scans: dict[str, _PageScan] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for directory, dirnames, filenames in os.walk(self.root):
            here = Path(directory).relative_to(self.root).as_posix()
            self.folders.update(posixpath.normpath(f"{here}/{name}") for name in dirnames)
            self.files.update(posixpath.normpath(f"{here}/{name}") for name in filenames)

    def scan(self, page: str) -> _PageScan | None:
        if page not in self.scans and page in self.files:
            data = (self.root / page).read_bytes()
            self.scans[page] = _scan(data) if self.cache is None else _cached_scan(data, self.cache)
        return self.scans.get(page)


def _problem(site: _Site, page: str, link: str) -> str | None:
    parts = urlsplit(link)
    target = _target(page, unquote(parts.path))
    if target.startswith("../") or (target not in site.files and target not in site.folders):
        return "no such file"
    if target in site.folders:
        target = posixpath.join(target, "index.html")
    anchor = unquote(parts.fragment)
    if anchor and target.endswith(".html"):
        scan = site.scan(target)
        if scan is not None and anchor not in scan.ids:
            return f"no element with id '{anchor}'"
    return None


def broken_links(site: Path, cache: BuildCache | None = None) -> list[BrokenLink]:
    """Relative links in the site's HTML pages that point nowhere; pages read before come from ``cache``."""
    built = _Site(site, cache)
    pages = sorted(f for f in built.files if f.endswith(".html"))
    broken: list[BrokenLink] = []
    # Pages in one folder share most of their links (navigation, header, footer): a link with a
    # path means the same from any page of the folder, so it is checked once per folder.
    checked: dict[tuple[str, str], str | None] = {}
    for page in pages:
        scan = built.scan(page)
        assert scan is not None
        folder = posixpath.dirname(page)
        for link in scan.links:
            if _not_checked(link):
                continue
            own_page = not link or link.startswith(("#", "?"))  # no path: a link into the page itself
            key = (page, link) if own_page else (folder, link)
            if key not in checked:
                checked[key] = _problem(built, page, link)
            if checked[key] is not None:
                broken.append(BrokenLink(page, link, str(checked[key])))
    return broken
