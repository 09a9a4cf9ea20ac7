"""The bundle of every checklist: the sheets' own PDF files joined, with an outline and page labels.

It is streamed: each sheet's file is read, its pages and everything they use are copied into the
bundle (object numbers renumbered) and written out, and the sheet is let go before the next one is
read. What stays in memory until the end is a few numbers per page and the outline's titles, so
the bundle of ten thousand sheets needs no more memory than that of ten. Each sheet keeps its
bookmarks (the sheet's title with its pause points under it, closed) and its own "page x of y";
the viewer's page numbers restart at each sheet, prefixed with the sheet's key. The same input
gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

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
    TextStringObject,
)

_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@dataclass(frozen=True)
class BundlePart:
    path: Path
    key: str


@dataclass
class _Bookmark:
    title: str
    destination: ArrayObject
    children: list[_Bookmark] = field(default_factory=list)


def pdf_date(day: date) -> str:
    return f"D:{day.strftime('%Y%m%d')}000000Z"


def _ref(number: int) -> IndirectObject:
    return IndirectObject(number, 0, None)  # type: ignore[arg-type,unused-ignore]  # written, never resolved


class _Output:
    """Numbered objects written one after another, with the offsets the cross-reference table needs."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.offsets: list[int] = [0]  # by object number; number 0 is the free list's head
        stream.write(_HEADER)

    def reserve(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets) - 1

    def write(self, number: int, value: PdfObject) -> None:
        self.offsets[number] = self.stream.tell()
        self.stream.write(f"{number} 0 obj\n".encode())
        value.write_to_stream(self.stream)
        self.stream.write(b"\nendobj\n")

    def finish(self, root: int, info: int) -> None:
        start = self.stream.tell()
        lines = [f"xref\n0 {len(self.offsets)}\n", "0000000000 65535 f \n"]
        lines += [f"{offset:010d} 00000 n \n" for offset in self.offsets[1:]]
        self.stream.write("".join(lines).encode())
        self.stream.write(f"trailer\n<< /Size {len(self.offsets)} /Root {root} 0 R /Info {info} 0 R >>\n".encode())
        self.stream.write(f"startxref\n{start}\n%%EOF\n".encode())


class _PartCopy:
    """One sheet's objects, renumbered into the bundle as they are reached from its pages."""

    def __init__(self, out: _Output, reader: PdfReader) -> None:
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

    def pages(self, parent: int) -> list[int]:
        """Write every page of the sheet under ``parent`` (the bundle's page tree); their numbers."""
        pages = list(self.reader.pages)
        numbers = [self.out.reserve() for _ in pages]
        for page, number in zip(pages, numbers, strict=True):
            assert page.indirect_reference is not None
            self.numbers[page.indirect_reference.idnum] = number
        for page, number in zip(pages, numbers, strict=True):
            copy = DictionaryObject({key: self.remap(value) for key, value in page.items() if key != "/Parent"})
            copy[NameObject("/Parent")] = _ref(parent)
            self.out.write(number, copy)
            while self.waiting:
                new, old = self.waiting.pop()
                value = old.get_object()
                self.out.write(new, self.remap(value if value is not None else NullObject()))
        return numbers


def _bookmarks(reader: PdfReader, outline: list[object], pages: list[int]) -> list[_Bookmark]:
    found: list[_Bookmark] = []
    for entry in outline:
        if isinstance(entry, list):
            if found:
                found[-1].children.extend(_bookmarks(reader, entry, pages))
            continue
        if not isinstance(entry, Destination):
            continue
        index = reader.get_destination_page_number(entry)
        if index is None or not 0 <= index < len(pages):
            continue
        top = entry.get("/Top")
        where = [NameObject("/XYZ"), NullObject(), top if top is not None else NullObject(), NullObject()]
        found.append(_Bookmark(str(entry.title), ArrayObject([_ref(pages[index]), *where])))
    return found


def _write_outline(out: _Output, items: list[_Bookmark], parent: int) -> tuple[int, int]:
    """Write ``items`` (each closed) under ``parent``; the numbers of the first and the last."""
    numbers = [out.reserve() for _ in items]
    for index, (item, number) in enumerate(zip(items, numbers, strict=True)):
        entry = DictionaryObject(
            {
                NameObject("/Title"): TextStringObject(item.title),
                NameObject("/Parent"): _ref(parent),
                NameObject("/Dest"): item.destination,
            }
        )
        if index > 0:
            entry[NameObject("/Prev")] = _ref(numbers[index - 1])
        if index + 1 < len(numbers):
            entry[NameObject("/Next")] = _ref(numbers[index + 1])
        if item.children:
            first, last = _write_outline(out, item.children, number)
            entry[NameObject("/First")], entry[NameObject("/Last")] = _ref(first), _ref(last)
            entry[NameObject("/Count")] = NumberObject(-len(item.children))
        out.write(number, entry)
    return numbers[0], numbers[-1]


def _finish(out: _Output, page_tree: int, pages: list[int], labels: list[PdfObject], outline: list[_Bookmark]) -> int:
    """The page tree, the outline, the labels and the catalog; the catalog's number."""
    kids = ArrayObject(_ref(number) for number in pages)
    tree = {NameObject("/Type"): NameObject("/Pages"), NameObject("/Kids"): kids}
    out.write(page_tree, DictionaryObject({**tree, NameObject("/Count"): NumberObject(len(pages))}))
    catalog = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Catalog"),
            NameObject("/Pages"): _ref(page_tree),
            NameObject("/PageLabels"): DictionaryObject({NameObject("/Nums"): ArrayObject(labels)}),
        }
    )
    if outline:
        root = out.reserve()
        first, last = _write_outline(out, outline, root)
        fields = {NameObject("/Type"): NameObject("/Outlines"), NameObject("/Count"): NumberObject(len(outline))}
        out.write(
            root, DictionaryObject({**fields, NameObject("/First"): _ref(first), NameObject("/Last"): _ref(last)})
        )
        catalog[NameObject("/Outlines")] = _ref(root)
        catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    number = out.reserve()
    out.write(number, catalog)
    return number


def write_bundle(target: Path, parts: Sequence[BundlePart], title: str, newest: date) -> int:
    """Join ``parts`` into ``target``, one sheet in memory at a time; return its page count."""
    with target.open("wb") as stream:
        out = _Output(stream)
        page_tree = out.reserve()
        pages: list[int] = []
        labels: list[PdfObject] = []
        outline: list[_Bookmark] = []
        for part in parts:
            reader = PdfReader(part.path)
            labels += [NumberObject(len(pages)), _label(part.key)]
            numbers = _PartCopy(out, reader).pages(page_tree)
            outline += _bookmarks(reader, list(reader.outline), numbers)
            pages += numbers
        catalog = _finish(out, page_tree, pages, labels, outline)
        info = out.reserve()
        stamp = TextStringObject(pdf_date(newest))
        fields = {"/Title": TextStringObject(title), "/CreationDate": stamp, "/ModDate": stamp}
        out.write(
            info,
            DictionaryObject(
                {NameObject(k): v for k, v in {**fields, "/Producer": TextStringObject("handbook")}.items()}
            ),
        )
        out.finish(catalog, info)
    return len(pages)


def _label(key: str) -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/D"), NameObject("/P"): TextStringObject(f"{key} ")})
