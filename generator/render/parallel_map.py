"""Run independent jobs on every core the process may use, results in order.

Rendering one procedure needs nothing from the others, so a large handbook's pages, flowcharts
and checklists can be made by worker processes. Workers are forked: they start with the
parent's handbook model already in memory and send back only their results (text), so
nothing has to be pickled on the way in. Small jobs, machines with one core, platforms
without ``fork`` and processes that run threads (the live preview's server, a native library's
workers) stay in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting workers costs more than it saves.
MIN_ITEMS_FOR_WORKERS = 64
_CHUNKS_PER_WORKER = 8


def usable_cores() -> int:
    """How many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# The job the forked workers run: set in the parent just before the pool forks.
_current_job: list[Callable[[Any], Any]] = []


def _run_current(item: Any) -> Any:
    return _current_job[0](item)


def _thread_count() -> int:
    """Every thread of this process, those of native libraries too (a Python count misses them)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:  # no /proc: only Python's own threads can be counted
        return threading.active_count()


def _may_fork() -> bool:
    """Fork only a single-threaded process: a lock another thread holds would stay locked in the child.

    Native libraries start threads of their own (the PDF engine does after its first sheet), so the
    count includes them."""
    return "fork" in multiprocessing.get_all_start_methods() and _thread_count() == 1


def map_in_workers(job: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """``[job(item) for item in items]``, spread over the usable cores when that pays."""
    # Two workers from MIN_ITEMS_FOR_WORKERS items up, one more per half as many again.
    workers = min(usable_cores(), 2 * len(items) // MIN_ITEMS_FOR_WORKERS)
    if workers < 2 or not _may_fork():
        return [job(item) for item in items]
    _current_job[:] = [job]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, len(items) // (workers * _CHUNKS_PER_WORKER))
            results: list[Result] = pool.map(_run_current, items, chunksize=chunk)
    finally:
        _current_job.clear()
    return results
