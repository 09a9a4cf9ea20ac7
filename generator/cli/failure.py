"""The last line of defence of every command: an unexpected error is one line on stderr, never a traceback.

A traceback tells an editor nothing they can act on and may fill the terminal; developers who need
it set ``HANDBOOK_DEBUG=1`` and the exception is raised as it is.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from generator.cli.options import Exit
from generator.diagnostics import printable

DEBUG_VARIABLE = "HANDBOOK_DEBUG"
# Options whose text is written into files: they must be text, not undecodable bytes from the command line.
TEXT_OPTIONS = {"title": "--title", "section_title": "--section-title"}


def debugging() -> bool:
    """Whether the developer asked for tracebacks."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def describe(exc: BaseException) -> str:
    """What failed, on one line: the kind of error, its message and, when known, the file."""
    if isinstance(exc, OSError) and exc.strerror:
        files = [str(f) for f in (exc.filename, exc.filename2) if f is not None]
        where = f": {' → '.join(files)}" if files else ""
        text = f"{exc.strerror}{where}"
    else:
        text = str(exc) or type(exc).__name__
    return printable(" ".join(f"{type(exc).__name__}: {text}".split()))


def undecodable_option(args: argparse.Namespace) -> str | None:
    """The problem with a text option that is not valid text in the system's encoding, if there is one."""
    for name, option in TEXT_OPTIONS.items():
        value = getattr(args, name, None)
        if isinstance(value, str) and any("\udc80" <= char <= "\udcff" for char in value):
            return (
                f"{option} is not valid UTF-8 text: {printable(value)}; "
                "check the terminal's character encoding (e.g. LANG=C.UTF-8)"
            )
    return None


def run_guarded(command: str, handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command's handler; any error it did not expect becomes one line and exit status 2."""
    problem = undecodable_option(args)
    if problem is not None:
        print(f"handbook {command}: {problem}", file=sys.stderr)
        return Exit.USAGE
    try:
        return handler(args)
    except Exception as exc:
        if debugging():
            raise
        print(
            f"handbook {command}: failed unexpectedly: {describe(exc)} (set {DEBUG_VARIABLE}=1 to see the traceback)",
            file=sys.stderr,
        )
        return Exit.USAGE
