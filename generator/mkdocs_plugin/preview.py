"""What a rebuild reuses, so that an edit re-renders only what it touched.

MkDocs' Markdown and theme rendering of a page is skipped when neither its Markdown nor the site
around it (navigation, mkdocs.yml, the hand-written pages) changed, and the search entries of a
page whose HTML did not change are taken over from the last build (indexing every page, with
jieba's Chinese word splitting, was most of a rebuild's time). The live preview keeps them in
memory between rebuilds; ``handbook build`` keeps them on disk in the build cache
(``page_cache``), from one build to the next.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.cache import digest
from generator.mkdocs_plugin.page_cache import (
    PAGE_KIND,
    DiskSearchEntries,
    pack_page,
    packed_text,
    page_key,
    unpack_page,
)
from generator.mkdocs_plugin.site_files import hand_written_pages
from generator.publish.build_cache import BuildCache

UNCHANGED_TEMPLATE = "handbook-unchanged-page.html"


@dataclass(frozen=True)
class BuiltPage:
    """What MkDocs made of one page: kept so that an unchanged page need not be made again.

    The Markdown is kept as its digest and the HTML compressed, so the preview of a large
    handbook does not hold every page's text."""

    markdown: str  # digest of the page's Markdown
    site: str
    packed_content: bytes
    toc: Any
    anchors: frozenset[str]
    title: str | None
    packed_output: bytes

    @property
    def content(self) -> str:
        return zlib.decompress(self.packed_content).decode()

    @property
    def output(self) -> str:
        return zlib.decompress(self.packed_output).decode()


class PreviewPages:
    """The live preview's pages as last built, by source path."""

    def __init__(self) -> None:
        self.site = ""
        self.built: dict[str, BuiltPage] = {}
        self.reused: dict[str, BuiltPage] = {}
        self.incoming: dict[str, str] = {}
        self.seen: set[str] = set()
        self.disk: BuildCache | None = None  # a build's cache on disk; None while serving

    def start(self, config: MkDocsConfig, files: Files, disk: BuildCache | None = None) -> None:
        """A new build: the site key covers the navigation (every page shows it), mkdocs.yml, and the
        hand-written pages, whose titles the navigation shows but does not hold (MkDocs reads them
        from each page).

        With ``disk``, pages are looked up in and added to the build cache instead of memory."""
        config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        hand_written = [f"{file.src_uri}\0{digest(file.content_bytes)}" for file in hand_written_pages(files)]
        self.site = digest(repr(config.nav).encode() + config_text + "\0".join(sorted(hand_written)).encode())
        self.reused, self.incoming, self.seen = {}, {}, set()
        self.disk = disk

    def _kept(self, src: str, markdown: str) -> BuiltPage | None:
        """The page as last built from this Markdown in this site, in memory or on disk."""
        before = self.built.get(src)
        if before is not None and before.markdown == markdown and before.site == self.site:
            return before
        kept = self.disk.get(PAGE_KIND, page_key(self.site, src, markdown)) if self.disk is not None else None
        parts = unpack_page(kept.data) if kept is not None else None
        if parts is None:
            return None
        return BuiltPage(
            markdown,
            self.site,
            parts["packed_content"],
            parts["toc"],
            parts["anchors"],
            parts["title"],
            parts["packed_output"],
        )

    def markdown(self, markdown: str, page: Page) -> str:
        src = page.file.src_uri
        self.seen.add(src)
        before = self._kept(src, digest(markdown.encode()))
        if before is None:
            self.incoming[src] = markdown
            return markdown
        self.reused[src] = before
        page.meta["template"] = UNCHANGED_TEMPLATE
        page.render = _putting_back(page, before)  # type: ignore[method-assign,assignment]
        return ""  # its render (above) puts the kept page back; Markdown has nothing to do

    def output(self, output: str, page: Page) -> str:
        src = page.file.src_uri
        before = self.reused.get(src)
        if before is not None:
            return before.output
        markdown = self.incoming.pop(src, None)
        if markdown is None or page.content is None:
            return output
        anchors = frozenset(page.present_anchor_ids or ())
        if self.disk is not None:  # a build: kept on disk for the next one, not in memory
            key = page_key(self.site, src, digest(markdown.encode()))
            data = pack_page(page.content, output, page.toc, anchors, page._title_from_render)
            self.disk.put(PAGE_KIND, key, data, {})
            return output
        self.built[src] = BuiltPage(
            digest(markdown.encode()),
            self.site,
            packed_text(page.content),
            page.toc,
            anchors,
            page._title_from_render,
            packed_text(output),
        )
        return output

    def finish(self) -> None:
        self.built = {src: page for src, page in self.built.items() if src in self.seen}


def _putting_back(page: Page, before: BuiltPage) -> Callable[[MkDocsConfig, Files], None]:
    """A render for an unchanged page: it puts the last build's results back.

    MkDocs has no event to skip a page's rendering, and setting up Markdown for each page took
    most of a warm build's MkDocs time, so the page's own ``render`` is replaced."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = before.content
        page.toc = before.toc
        page.present_anchor_ids = set(before.anchors)
        page._title_from_render = before.title

    return render


def _search_entry_key(page: Page, surroundings: str) -> str:
    """Everything Material's search reads from a page (the preview's own template name aside)."""
    meta = {k: v for k, v in page.meta.items() if k != "template"}
    parts = (surroundings, page.url, str(page.title), repr(meta), page.content or "")
    return digest("\0".join(parts).encode())


class SearchEntries:
    """Material's search entries of each page as last indexed, by source path, for the live preview."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, list[dict[str, Any]]]] = {}
        self.reused: set[str] = set()
        self.disk: DiskSearchEntries | None = None

    def attach(self, config: MkDocsConfig, surroundings: str, disk: BuildCache | None = None) -> None:
        """Make this build's search index take over unchanged pages' entries.

        ``surroundings`` covers what else shapes an entry: mkdocs.yml, the navigation and the
        words the Chinese search keeps whole."""
        self.reused = set()
        self.disk = DiskSearchEntries(disk) if disk is not None else None
        for name in ("search", "material/search"):
            index = getattr(config.plugins.get(name), "search_index", None)
            if index is not None and isinstance(getattr(index, "entries", None), list):
                index.add_entry_from_context = self._indexer(index, surroundings)

    def _indexer(self, index: Any, surroundings: str) -> Any:
        index_page = index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            src = page.file.src_uri
            key = _search_entry_key(page, surroundings)
            before = self.kept.get(src)
            entries = before[1] if before is not None and before[0] == key else None
            if entries is None and self.disk is not None:
                entries = self.disk.get(key)
            if entries is not None:
                index.entries.extend(entries)
                self.reused.add(src)
                return
            start = len(index.entries)
            index_page(page)
            if self.disk is not None:
                self.disk.put(key, index.entries[start:])
            else:
                self.kept[src] = (key, index.entries[start:])

        return add_entry_from_context

    def finish(self, seen: set[str]) -> None:
        self.kept = {src: kept for src, kept in self.kept.items() if src in seen}


def with_notice(output: str, notice: str) -> str:
    """``output`` with ``notice`` as the first thing inside its body (unchanged without a notice or a body)."""
    if not notice:
        return output
    start = output.find("<body")
    end = output.find(">", start) if start >= 0 else -1
    if end < 0:
        return output
    return output[: end + 1] + notice + output[end + 1 :]
