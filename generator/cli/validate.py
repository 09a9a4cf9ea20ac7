"""``handbook validate [PATH …]``: check procedure files and report file:line:col problems."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from generator.cli.options import (
    Commands,
    Exit,
    add_strict_option,
    configured_strict,
    print_diagnostics,
    procedures_folder,
)
from generator.clock import today
from generator.diagnostics import printable
from generator.publish.id_schema_file import refresh_id_schema
from generator.validate.pipeline import validate_paths


def command_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    if not paths:
        default = procedures_folder(args, "validate")
        if default is None:
            return Exit.USAGE
        paths = [default]
    missing = [printable(str(p)) for p in paths if not p.exists()]
    if missing:
        print(f"handbook validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return Exit.USAGE
    strict = configured_strict(args)
    result = validate_paths(paths, today())
    if not args.paths:  # the whole handbook: its ids for editors' completion
        refused = refresh_id_schema(paths[0], result.handbook)
        result = replace(result, diagnostics=result.diagnostics + refused) if refused else result
    print_diagnostics(result, args.format)
    return Exit.OK if result.ok(strict=strict) else Exit.FAILED


def register(commands: Commands) -> None:
    parser = commands.add_parser("validate", help="check procedure files and report file:line:col problems")
    parser.add_argument(
        "paths",
        nargs="*",
        help="procedure files or folders (default: the procedures folder of mkdocs.yml's handbook plugin,"
        " else procedures)",
    )
    add_strict_option(parser)
    parser.add_argument("--format", choices=["text", "github", "json"], default="text", help="output format")
    parser.set_defaults(handler=command_validate)
