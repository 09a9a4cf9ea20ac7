"""Rendering on several cores gives exactly what rendering in one process gives."""

from __future__ import annotations

import multiprocessing
import os
import threading
from datetime import date
from typing import Any

import pytest

from generator.render import parallel_map
from generator.render.flowchart.bridge import flowchart_renderer
from generator.render.parallel_map import map_in_workers
from generator.render.site.content import build_site_content
from generator.validate.pipeline import validate_root
from tests.helpers import paths

REPO = paths.ROOT
DAY = date(2026, 11, 28)


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for any job of two items or more, on any machine."""
    monkeypatch.setattr(parallel_map, "MIN_ITEMS_FOR_WORKERS", 2)
    monkeypatch.setattr(parallel_map, "usable_cores", lambda: 2)


@pytest.fixture
def two_workers(two_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """As two_cores, and threads other tests left running do not keep the workers away."""
    monkeypatch.setattr(parallel_map, "_thread_count", lambda: 1)


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


@pytest.mark.usefixtures("two_workers")
def test_results_come_back_in_order_from_worker_processes() -> None:
    results = map_in_workers(_pid_and_square, range(200))
    assert [square for _, square in results] == [n * n for n in range(200)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_small_jobs_stay_in_this_process() -> None:
    results = map_in_workers(_pid_and_square, range(parallel_map.MIN_ITEMS_FOR_WORKERS - 1))
    assert {pid for pid, _ in results} == {os.getpid()}


@pytest.mark.usefixtures("two_cores")
def test_no_workers_are_forked_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = map_in_workers(_pid_and_square, range(200))
    finally:
        stop.set()
        thread.join()
    assert {pid for pid, _ in results} == {os.getpid()}


def _site_files() -> dict[str, str]:
    result = validate_root(REPO / "procedures", DAY)
    assert result.handbook is not None
    content = build_site_content(result.handbook, DAY, flowchart_renderer(), site_url="https://example.org/")
    return dict(content.files)


def test_the_handbook_rendered_by_workers_equals_the_one_rendered_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    in_process = _site_files()
    monkeypatch.setattr(parallel_map, "MIN_ITEMS_FOR_WORKERS", 2)
    monkeypatch.setattr(parallel_map, "usable_cores", lambda: 2)
    monkeypatch.setattr(parallel_map, "_thread_count", lambda: 1)
    pools: list[int] = []
    real_context = multiprocessing.get_context

    def counting_context(method: str) -> Any:
        pools.append(1)
        return real_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", counting_context)
    assert _site_files() == in_process
    assert pools  # the pages were made by worker processes
