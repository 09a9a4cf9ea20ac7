"""The ``handbook`` command line: one subcommand per module of this package."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from generator import __version__
from generator.cli import build, diagram, diff, export, new, serve, validate
from generator.cli.failure import run_guarded


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook", description="Procedures as YAML → handbook site and printable checklists."
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (validate, build, export, serve, diagram, diff, new):
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return run_guarded(args.command, handler, args)
