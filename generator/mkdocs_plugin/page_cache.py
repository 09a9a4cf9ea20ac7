"""Built pages kept on disk between builds, in the build cache: an edit rebuilds only what it touched.

A page is kept under the digest of everything that makes its HTML: its Markdown, its place in the
site, the navigation and mkdocs.yml (``PreviewPages.site``), the versions of MkDocs and the theme,
and this tool's own files (``code_identity``: a page is never reused by other code of the tool, even
of the same version). Entries are JSON (never pickle) and go through ``BuildCache``, which
ignores, with a warning, anything corrupt or written for another key. Material's search entries
of a page are kept the same way, under the digest of what search reads from it.
"""

from __future__ import annotations

import json
import struct
import zlib
from functools import cache
from importlib import metadata
from typing import Any

from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.cache import code_identity, digest
from generator.publish.build_cache import BuildCache

PAGE_KIND = "page"
SEARCH_KIND = "search"


@cache
def engine_versions() -> str:
    """What besides a page's own input decides its HTML: MkDocs, the theme, the search's word splitter,
    and this tool's own files (its plugin, templates and theme overrides, even between two commits
    of one version)."""
    names = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jieba")
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    return digest("\n".join([*versions, code_identity()]).encode())


def _toc_data(items: list[AnchorLink]) -> list[dict[str, Any]]:
    return [{"t": a.title, "i": a.id, "l": a.level, "c": _toc_data(a.children)} for a in items]


def _toc_items(data: list[dict[str, Any]]) -> list[AnchorLink]:
    items = []
    for entry in data:
        link = AnchorLink(str(entry["t"]), str(entry["i"]), int(entry["l"]))
        link.children = _toc_items(entry["c"])
        items.append(link)
    return items


def page_key(site: str, src: str, markdown: str) -> str:
    return digest("\0".join((engine_versions(), site, src, markdown)).encode())


_MAGIC = b"handbook-page/2\n"


def packed_text(text: str) -> bytes:
    """``text`` compressed (quickly): how pages are held, in the preview's memory and in the cache."""
    return zlib.compress(text.encode(), 1)


def pack_page(content: str, output: str, toc: Any, anchors: frozenset[str], title: str | None) -> bytes:
    """The page as kept: its table of contents, anchors and title, then its content and its output,
    each compressed apart so that a build can hold them as they are until it writes them."""
    items = list(toc) if toc is not None else []
    meta = json.dumps({"toc": _toc_data(items), "anchors": sorted(anchors), "title": title}, ensure_ascii=False)
    blobs = [packed_text(meta), packed_text(content), packed_text(output)]
    return _MAGIC + struct.pack(">II", len(blobs[0]), len(blobs[1])) + b"".join(blobs)


def unpack_page(data: bytes) -> dict[str, Any] | None:
    """A kept page's parts (its content and output still compressed, as ``packed_text`` makes them),
    or None when the entry is not one (the cache checked its digest, not its shape)."""
    if not data.startswith(_MAGIC):
        return None
    try:
        start = len(_MAGIC) + 8
        meta_size, content_size = struct.unpack(">II", data[len(_MAGIC) : start])
        record = json.loads(zlib.decompress(data[start : start + meta_size]))
        toc = TableOfContents(_toc_items(record["toc"]))
        parts = {
            "anchors": frozenset(str(a) for a in record["anchors"]),
            "title": record["title"] if isinstance(record["title"], str) else None,
            "packed_content": data[start + meta_size : start + meta_size + content_size],
            "packed_output": data[start + meta_size + content_size :],
        }
    except (ValueError, KeyError, TypeError, zlib.error, struct.error):
        return None
    return {**parts, "toc": toc}


class DiskSearchEntries:
    """Material's search entries of each page, kept in the build cache by what search reads from the page."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache

    def get(self, key: str) -> list[dict[str, Any]] | None:
        kept = self.cache.get(SEARCH_KIND, digest(f"{engine_versions()}\0{key}".encode()))
        if kept is None:
            return None
        try:
            entries = json.loads(zlib.decompress(kept.data))
        except (ValueError, zlib.error):
            return None
        return entries if isinstance(entries, list) and all(isinstance(e, dict) for e in entries) else None

    def put(self, key: str, entries: list[dict[str, Any]]) -> None:
        data = zlib.compress(json.dumps(entries, ensure_ascii=False).encode(), 1)
        self.cache.put(SEARCH_KIND, digest(f"{engine_versions()}\0{key}".encode()), data, {})
