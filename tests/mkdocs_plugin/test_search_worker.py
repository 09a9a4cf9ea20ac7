"""The built site's copy of Material's search worker tries a query's last characters as a word, and
spaces digits from Chinese; a worker it does not recognise is left alone and reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import material

from generator.mkdocs_plugin.search_words import rewrite_index
from generator.mkdocs_plugin.search_worker import DIGIT_HAN_BOUNDARY, WORKER_GLOB, correct_search_worker

THEME = Path(material.__file__).parent / "templates"


def _site_with_material_worker(tmp_path: Path) -> Path:
    (worker,) = THEME.glob(WORKER_GLOB)
    target = tmp_path / worker.relative_to(THEME)
    target.parent.mkdir(parents=True)
    shutil.copyfile(worker, target)
    return tmp_path


def test_the_pinned_material_worker_is_corrected_once(tmp_path: Path) -> None:
    site = _site_with_material_worker(tmp_path)
    (worker,) = site.glob(WORKER_GLOB)
    original = worker.read_text(encoding="utf-8")
    assert correct_search_worker(site) == []
    corrected = worker.read_text(encoding="utf-8")
    assert "<=t.length;" in corrected and "<=t.length;" not in original
    assert '"(\\\\d)(?=\\\\p{sc=Han})|(\\\\p{sc=Han})(?=\\\\d)","gu"),"$1$2 ")' in corrected
    assert correct_search_worker(site) == []  # a preview rebuild keeps the corrected copy as it is
    assert worker.read_text(encoding="utf-8") == corrected


def test_an_unknown_worker_is_left_alone_and_named(tmp_path: Path) -> None:
    worker = tmp_path / "assets" / "javascripts" / "workers" / "search.0123abcd.min.js"
    worker.parent.mkdir(parents=True)
    worker.write_text("function search(q){return q}", encoding="utf-8")
    assert correct_search_worker(tmp_path) == [worker.name]
    assert worker.read_text(encoding="utf-8") == "function search(q){return q}"


def test_the_index_separates_digits_from_chinese_and_keeps_its_data(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    docs = [{"location": "a.html", "title": "吧台", "text": "3分钟内"}]
    index.write_text(json.dumps({"config": {"separator": "[\\s]+"}, "docs": docs}), encoding="utf-8")
    rewrite_index(tmp_path)
    rewrite_index(tmp_path)  # twice: the boundary is added once
    data = json.loads(index.read_text(encoding="utf-8"))
    assert data["config"]["separator"] == f"[\\s]+|{DIGIT_HAN_BOUNDARY}"
    assert data["docs"] == docs
    assert "吧台" in index.read_text(encoding="utf-8")
