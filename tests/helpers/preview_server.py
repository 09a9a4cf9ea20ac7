"""A real `handbook serve` of a handbook copy, for the tests that drive it by HTTP or in Chromium."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

PAGE = "testing/valid-base.html"
NOTICE = 'class="hb-preview-problems"'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except OSError:
        return ""


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def serving(
    handbook_copy: Path, tmp_path: Path, ready: str = "吧台服务", package: Path | None = None
) -> Iterator[tuple[str, Path]]:
    """``handbook serve`` of the copy, with TMPDIR a fresh folder of ``tmp_path``; stopped as a service manager does.

    It is up once the page PAGE shows ``ready``."""
    port = free_port()
    log = tmp_path / "serve.log"
    temp = tmp_path / "tmp"
    temp.mkdir()
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(temp)}
    if package is not None:  # a copy of the package, run instead of the installed one
        environment["PYTHONPATH"] = str(package)
    with log.open("w", encoding="utf-8") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--address", f"127.0.0.1:{port}"],
            cwd=handbook_copy,
            stdout=stream,
            stderr=subprocess.STDOUT,
            env=environment,
        )
        url = f"http://127.0.0.1:{port}/{PAGE}"
        try:
            assert wait_for(lambda: ready in fetch(url)), log.read_text(encoding="utf-8")
            yield url, log
        finally:
            process.terminate()
            process.wait(timeout=30)


def run_new(handbook_copy: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "generator", "new", "testing/visitor-badges", "--title", "访客证管理流程"],
        cwd=handbook_copy,
        check=True,
        capture_output=True,
        timeout=120,
    )
