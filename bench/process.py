"""Run one command in a fresh process and record its wall time and peak memory."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    wall_s: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False


class CommandFailed(Exception):
    """A measured command exited with an error."""


def run_measured(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, time_limit_s: float | None = None
) -> Run:
    """Run ``command``; peak RSS is that of the process tree, from wait4's resource usage.

    With ``time_limit_s``, the command's whole process group is killed once it has run that long,
    and the run comes back with ``timed_out`` set.
    """
    out_path, err_path = cwd / ".bench-stdout", cwd / ".bench-stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, stdout=out, stderr=err, env=env, start_new_session=True)
        killed = threading.Event()
        limit = threading.Timer(time_limit_s, _kill_group, (process.pid, killed)) if time_limit_s else None
        if limit is not None:
            limit.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if limit is not None:
            limit.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    out_path.unlink()
    err_path.unlink()
    return Run(wall, usage.ru_maxrss / 1024, process.returncode, stdout, stderr, killed.is_set())


def _kill_group(pid: int, killed: threading.Event) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:  # it ended just before its limit: not a stop
        return
    killed.set()


def checked(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise CommandFailed(f"{what} failed with exit code {run.returncode}:\n{run.stderr[-4000:]}")
    return run


def tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


_PRIMARY_NAV = '<nav class="md-nav md-nav--primary"'
_NAV_TAGS = re.compile(r"<nav\b|</nav>")


def primary_nav_bytes(html: str) -> int:
    """Bytes of the page's primary navigation (Material's left-hand nav, nested navs included)."""
    start = html.find(_PRIMARY_NAV)
    if start < 0:
        return 0
    depth = 0
    for tag in _NAV_TAGS.finditer(html, start):
        depth += 1 if tag.group() == "<nav" else -1
        if depth == 0:
            return len(html[start : tag.end()].encode("utf-8"))
    return len(html[start:].encode("utf-8"))


def nav_bytes_per_page(site: Path) -> float:
    """Mean bytes of navigation in each page of a built site: what every page repeats."""
    sizes = [primary_nav_bytes(page.read_text(encoding="utf-8")) for page in sorted(site.rglob("*.html"))]
    sizes = [size for size in sizes if size]
    return round(sum(sizes) / len(sizes), 1) if sizes else 0.0
