"""The ``handbook`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__
from generator.clock import today
from generator.diagnostics import format_github, format_json, format_text
from generator.validation import ValidationResult, validate_paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(result: ValidationResult, output_format: str) -> None:
    if output_format == "json":
        print(format_json(result.diagnostics))
        return
    formatter = format_github if output_format == "github" else format_text
    for diagnostic in result.diagnostics:
        print(formatter(diagnostic))
    if output_format == "text":
        errors, warnings = len(result.errors), len(result.warnings)
        count = sum(1 for _ in (result.handbook.procedures if result.handbook else ()))
        print(f"{count} procedures checked: {errors} error(s), {warnings} warning(s)", file=sys.stderr)


def command_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"handbook validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    result = validate_paths(paths, today())
    _print_diagnostics(result, args.format)
    return EXIT_OK if result.ok(strict=args.strict) else EXIT_FAILED


def _add_validate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("validate", help="check procedure files and report file:line:col problems")
    parser.add_argument(
        "paths", nargs="*", default=["procedures"], help="procedure files or folders (default: procedures)"
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--format", choices=["text", "github", "json"], default="text", help="output format")
    parser.set_defaults(handler=command_validate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook", description="Procedures as YAML → handbook site and printable checklists."
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_validate(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)
