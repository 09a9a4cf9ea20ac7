"""One sheet's share of the checklist bundle, made once and kept: its objects with their references
left to be numbered, its pages and its bookmarks.

Copying a sheet into the bundle means reading its PDF, finding every object its pages use and
writing each one renumbered: nearly all the bundle's time. The copy is first written as a *part*,
numbered from a placeholder, and the part is then numbered into the bundle where it lands. A build
cache keeps the part by the digest of the sheet's PDF, so a warm build joins the sheets that did
not change without reading their PDFs again. Cached or not, every part goes the same way into the
bundle, which keeps the same bytes either way.
"""

from __future__ import annotations

import io
import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    Destination,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from generator.cache import code_identity, digest
from generator.publish.build_cache import BuildCache

_FIRST = 900_000_000_000  # a part's objects are numbered from here until they land in the bundle
_PARENT = _FIRST - 1  # stands for the bundle's page tree
_REFERENCE = re.compile(rb"(\d{12}) 0 R")  # the placeholders: no other reference has twelve digits
_CACHE_KIND = "bundle-part"


def _ref(number: int) -> IndirectObject:
    return IndirectObject(number, 0, None)  # type: ignore[arg-type,unused-ignore]  # written, never resolved


@dataclass(frozen=True)
class PartObject:
    head: bytes  # the object as written, up to its stream; references still placeholders
    stream: bytes | None  # a stream object's encoded data


@dataclass(frozen=True)
class PartBookmark:
    title: str
    page: int  # the index of its page among the part's pages
    top: float | None  # where on the page
    children: tuple[PartBookmark, ...] = ()


@dataclass(frozen=True)
class Part:
    objects: tuple[PartObject, ...]
    pages: tuple[int, ...]  # which objects are the pages, in order
    bookmarks: tuple[PartBookmark, ...]


class _Recorder:
    """Stands in for the bundle while a sheet is copied: objects numbered from the placeholder."""

    def __init__(self) -> None:
        self.objects: list[PartObject | None] = []

    def reserve(self) -> int:
        self.objects.append(None)
        return _FIRST + len(self.objects) - 1

    def write(self, number: int, value: PdfObject) -> None:
        head = io.BytesIO()
        if isinstance(value, StreamObject):
            value[NameObject("/Length")] = NumberObject(len(value._data))
            DictionaryObject.write_to_stream(value, head)
            self.objects[number - _FIRST] = PartObject(head.getvalue(), value._data)
        else:
            value.write_to_stream(head)
            self.objects[number - _FIRST] = PartObject(head.getvalue(), None)


class _PartCopy:
    """One sheet's objects, numbered into the part as they are reached from its pages."""

    def __init__(self, out: _Recorder, reader: PdfReader) -> None:
        self.out, self.reader = out, reader
        self.numbers: dict[int, int] = {}
        self.waiting: list[tuple[int, IndirectObject]] = []

    def _ref(self, old: IndirectObject) -> IndirectObject:
        number = self.numbers.get(old.idnum)
        if number is None:
            number = self.numbers[old.idnum] = self.out.reserve()
            self.waiting.append((number, old))
        return _ref(number)

    def remap(self, value: PdfObject) -> PdfObject:
        if isinstance(value, IndirectObject):
            return self._ref(value)
        if isinstance(value, StreamObject):
            stream = type(value)()
            stream._data = value._data  # the encoded bytes, copied as they are
            stream.update({key: self.remap(item) for key, item in value.items()})
            return stream
        if isinstance(value, DictionaryObject):
            return DictionaryObject({key: self.remap(item) for key, item in value.items()})
        if isinstance(value, ArrayObject):
            return ArrayObject(self.remap(item) for item in value)
        return value

    def pages(self) -> list[int]:
        """Copy every page of the sheet and what it uses; the pages' numbers in the part."""
        pages = list(self.reader.pages)
        numbers = [self.out.reserve() for _ in pages]
        for page, number in zip(pages, numbers, strict=True):
            assert page.indirect_reference is not None
            self.numbers[page.indirect_reference.idnum] = number
        for page, number in zip(pages, numbers, strict=True):
            copy = DictionaryObject({key: self.remap(value) for key, value in page.items() if key != "/Parent"})
            copy[NameObject("/Parent")] = _ref(_PARENT)
            self.out.write(number, copy)
            while self.waiting:
                new, old = self.waiting.pop()
                value = old.get_object()
                self.out.write(new, self.remap(value if value is not None else NullObject()))
        return [number - _FIRST for number in numbers]


def _bookmarks(reader: PdfReader, outline: list[Any], page_count: int) -> tuple[PartBookmark, ...]:
    found: list[PartBookmark] = []
    for entry in outline:
        if isinstance(entry, list):
            if found:
                last = found[-1]
                children = last.children + _bookmarks(reader, entry, page_count)
                found[-1] = PartBookmark(last.title, last.page, last.top, children)
            continue
        if not isinstance(entry, Destination):
            continue
        index = reader.get_destination_page_number(entry)
        if index is None or not 0 <= index < page_count:
            continue
        top = entry.get("/Top")
        where = None if top is None or isinstance(top, NullObject) else float(top)
        found.append(PartBookmark(str(entry.title), index, where))
    return tuple(found)


def made_part(pdf: bytes) -> Part:
    """The part of the sheet whose PDF is ``pdf``."""
    reader = PdfReader(io.BytesIO(pdf))
    recorder = _Recorder()
    pages = _PartCopy(recorder, reader).pages()
    objects = tuple(o if o is not None else PartObject(b"null", None) for o in recorder.objects)
    return Part(objects, tuple(pages), _bookmarks(reader, list(reader.outline), len(pages)))


def sheet_part(path: Path, cache: BuildCache | None) -> Part:
    """The part of the sheet at ``path``: from ``cache`` when it holds one for these very bytes."""
    pdf = path.read_bytes()
    if cache is None:
        return made_part(pdf)
    key = digest(code_identity().encode() + pdf)
    kept = cache.get(_CACHE_KIND, key)
    part = _unpacked(kept.data) if kept is not None else None
    if part is None:
        part = made_part(pdf)
        cache.put(_CACHE_KIND, key, packed(part), {})
    return part


def place(out_stream: BinaryIO, offsets: list[int], part: Part, parent: int) -> list[int]:
    """Number ``part`` into the bundle after its last object and write it; the bundle numbers of its pages.

    ``offsets`` is the bundle's cross-reference list by object number, extended here."""
    base = len(offsets)

    def numbered(match: re.Match[bytes]) -> bytes:
        placeholder = int(match.group(1))
        return b"%d 0 R" % (parent if placeholder == _PARENT else base + placeholder - _FIRST)

    for index, item in enumerate(part.objects):
        offsets.append(out_stream.tell())
        out_stream.write(b"%d 0 obj\n" % (base + index))
        out_stream.write(_REFERENCE.sub(numbered, item.head))
        if item.stream is not None:
            out_stream.write(b"\nstream\n" + item.stream + b"\nendstream")
        out_stream.write(b"\nendobj\n")
    return [base + index for index in part.pages]


def packed(part: Part) -> bytes:
    """``part`` as bytes for the build cache: a JSON header, then the objects' bytes."""
    sizes = [[len(o.head), -1 if o.stream is None else len(o.stream)] for o in part.objects]
    header = json.dumps({"sizes": sizes, "pages": part.pages, "bookmarks": _bookmark_data(part.bookmarks)})
    blobs = b"".join(o.head + (o.stream or b"") for o in part.objects)
    return struct.pack(">I", len(header)) + header.encode() + blobs


def _bookmark_data(bookmarks: tuple[PartBookmark, ...]) -> list[Any]:
    return [[b.title, b.page, b.top, _bookmark_data(b.children)] for b in bookmarks]


def _bookmarks_from(data: list[Any]) -> tuple[PartBookmark, ...]:
    return tuple(
        PartBookmark(str(title), int(page), None if top is None else float(top), _bookmarks_from(kids))
        for title, page, top, kids in data
    )


def _unpacked(data: bytes) -> Part | None:
    """The part ``packed`` wrote, or None when ``data`` is not one."""
    try:
        (length,) = struct.unpack(">I", data[:4])
        header = json.loads(data[4 : 4 + length])
        position, objects = 4 + length, []
        for head_size, stream_size in header["sizes"]:
            head = data[position : position + head_size]
            position += head_size
            stream = None if stream_size < 0 else data[position : position + stream_size]
            position += max(stream_size, 0)
            objects.append(PartObject(head, stream))
        if position != len(data):
            return None
        return Part(tuple(objects), tuple(int(p) for p in header["pages"]), _bookmarks_from(header["bookmarks"]))
    except (struct.error, ValueError, KeyError, TypeError):
        return None
