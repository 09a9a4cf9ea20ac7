"""The bundle of every checklist: the sheets' own PDF files joined, with an outline and page labels.

It is streamed: each sheet's file is read, its pages and everything they use are copied into the
bundle (object numbers renumbered, see ``pdf_bundle_part``) and written out, and the sheet is let
go before the next one is read. No sheet's layout is held; what the end of the file needs stays:
each object's offset, each page's number and every bookmark with its destination (about 7 KB a
sheet of Python objects). Measured at ten thousand sheets, the process's resident memory still
grew by about 240 MB while it wrote the bundle; where the rest goes is not yet known. Each sheet keeps its
bookmarks (the sheet's title with its pause points under it, closed) and its own "page x of y";
the viewer's page numbers restart at each sheet, prefixed with the sheet's key. The same input
gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
    TextStringObject,
)

from generator.publish.build_cache import BuildCache
from generator.publish.pdf_bundle_part import PartBookmark, place, sheet_part

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
        written = BytesIO()  # pypdf writes a string byte by byte: collected here, written to the file at once
        value.write_to_stream(written)
        self.offsets[number] = self.stream.tell()
        self.stream.write(b"%d 0 obj\n%b\nendobj\n" % (number, written.getvalue()))

    def finish(self, root: int, info: int) -> None:
        start = self.stream.tell()
        lines = [f"xref\n0 {len(self.offsets)}\n", "0000000000 65535 f \n"]
        lines += [f"{offset:010d} 00000 n \n" for offset in self.offsets[1:]]
        self.stream.write("".join(lines).encode())
        self.stream.write(f"trailer\n<< /Size {len(self.offsets)} /Root {root} 0 R /Info {info} 0 R >>\n".encode())
        self.stream.write(f"startxref\n{start}\n%%EOF\n".encode())


def _bookmarks(items: tuple[PartBookmark, ...], pages: list[int]) -> list[_Bookmark]:
    """A part's bookmarks, pointing at its pages' numbers in the bundle."""
    return [
        _Bookmark(
            item.title,
            ArrayObject(
                [
                    _ref(pages[item.page]),
                    NameObject("/XYZ"),
                    NullObject(),
                    FloatObject(item.top) if item.top is not None else NullObject(),
                    NullObject(),
                ]
            ),
            _bookmarks(item.children, pages),
        )
        for item in items
    ]


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


def write_bundle(
    target: Path, parts: Sequence[BundlePart], title: str, newest: date, cache: BuildCache | None = None
) -> int:
    """Join ``parts`` into ``target``, one sheet in memory at a time; return its page count.

    With a ``cache``, the copy of a sheet that did not change is taken from it (``pdf_bundle_part``)."""
    with target.open("wb") as stream:
        out = _Output(stream)
        page_tree = out.reserve()
        pages: list[int] = []
        labels: list[PdfObject] = []
        outline: list[_Bookmark] = []
        for part in parts:
            copied = sheet_part(part.path, cache)
            labels += [NumberObject(len(pages)), _label(part.key)]
            numbers = place(stream, out.offsets, copied, page_tree)
            outline += _bookmarks(copied.bookmarks, numbers)
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
