"""Decode a procedure file's bytes as UTF-8, or explain precisely why not."""

from __future__ import annotations

from generator.diagnostics import HandbookError, Where, error

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _where_of_offset(data: bytes, offset: int, file: str) -> Where:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Where(file, line, column)


def _guess_encoding(data: bytes) -> str | None:
    if data.startswith(_UTF16_BOMS) or b"\x00" in data[:4096]:
        return "UTF-16"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "GBK"


def decode_utf8(data: bytes, file: str) -> str:
    """Return the text of ``data``; raise HandbookError naming the first bad byte."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    guess = _guess_encoding(data) if data.startswith(_UTF16_BOMS) else None
    if guess is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            where = _where_of_offset(data, exc.start, file)
            guess = _guess_encoding(data)
    else:
        where = Where(file, 1, 1)
    looks = f" (looks like {guess})" if guess else ""
    raise HandbookError(
        [
            error(
                where,
                "encoding",
                f"not UTF-8{looks}: re-save as UTF-8",
                "在编辑器中选择“以 UTF-8 编码保存” / in your editor choose 'Save with encoding: UTF-8'",
            )
        ]
    )
