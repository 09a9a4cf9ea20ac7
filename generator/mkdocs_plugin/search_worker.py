"""Two corrections to Material's search for Chinese, made to the built site's copy of its worker.

Material 9.x splits a Chinese query into the words its index knows, but its loop never tries a
word that ends at the query's last character: ``吧台`` is searched as ``吧*`` (every word
starting with 吧 matches, and the page then highlights every 吧). And ``3分钟`` is one token
while the pages say ``3 分钟``. The worker is corrected where those two lines are; when a
Material release no longer has them, nothing is changed and the build says so once.
"""

from __future__ import annotations

import re
from pathlib import Path

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"

# for(let o=s+1;o<t.length;o++)t.slice(s,o)in e  ->  o<=t.length: the last character counts too
_SEGMENT_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
# search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu"),  ->  a space between digits and Chinese first
_QUERY_START = re.compile(r'search\((\w+)\)\{if\(\1=\1\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\)')
_QUERY_SPACING = r'.replace(new RegExp("(\\d)(?=\\p{sc=Han})|(\\p{sc=Han})(?=\\d)","gu"),"$1$2 ")'
# The same boundary for the index: a digit next to a Chinese character separates two words.
DIGIT_HAN_BOUNDARY = r"(?<=\d)(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=\d)"


def _with_query_spacing(match: re.Match[str]) -> str:
    query = match.group(1)
    head = f"search({query}){{if({query}={query}"
    return head + _QUERY_SPACING + match.group(0)[len(head) :]


def corrected_worker(code: str) -> str | None:
    """``code`` with both corrections made, or None when either place is not found exactly once."""
    if len(_SEGMENT_LOOP.findall(code)) != 1 or len(_QUERY_START.findall(code)) != 1:
        return None
    code = _SEGMENT_LOOP.sub(lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1), code)
    return _QUERY_START.sub(_with_query_spacing, code)


def correct_search_worker(site_dir: Path) -> list[str]:
    """Correct each Material search worker under ``site_dir``; the workers that could not be, by name."""
    missed: list[str] = []
    for worker in sorted(site_dir.glob(WORKER_GLOB)):
        code = worker.read_text(encoding="utf-8")
        if _QUERY_SPACING in code:  # corrected already (a preview rebuild keeps the copy)
            continue
        corrected = corrected_worker(code)
        if corrected is None:
            missed.append(worker.name)
        else:
            worker.write_text(corrected, encoding="utf-8")
    return missed
