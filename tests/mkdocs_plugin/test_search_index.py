"""The search index is written as UTF-8: Chinese costs three bytes a character, not six escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

ESCAPED_CJK = re.compile(r"\\u[4-9][0-9a-f]{3}")


def test_the_search_index_holds_chinese_as_utf8_and_the_offline_copy_matches(shipped_site: Path) -> None:
    index = (shipped_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not ESCAPED_CJK.search(index.split('"docs":', 1)[1])  # (the config's separator is a regex with \\u ranges)
    data = json.loads(index)
    assert any("吧台" in doc["title"] for doc in data["docs"])
    inline = (shipped_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert inline == f"var __index = {index}"
