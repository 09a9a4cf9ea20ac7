"""``handbook diagram ID -o FILE.svg``: one procedure's flowchart as a standalone SVG file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.options import Commands, Exit, add_procedures_option, procedures_folder
from generator.clock import today
from generator.diagnostics import format_text
from generator.publish.output_file import write_text_atomically
from generator.render.flowchart.bridge import render_standalone_flowchart
from generator.validate.pipeline import validate_paths


def command_diagram(args: argparse.Namespace) -> int:
    root = procedures_folder(args, "diagram")
    if root is None:
        return Exit.USAGE
    if not root.is_dir():
        print(f"handbook diagram: no such folder: {root}", file=sys.stderr)
        return Exit.USAGE
    result = validate_paths([root], today())
    if not result.ok() or result.handbook is None:
        for diagnostic in result.errors:
            print(format_text(diagnostic), file=sys.stderr)
        print("handbook diagram: the procedures have errors; nothing was written", file=sys.stderr)
        return Exit.FAILED
    procedure = next((p for p in result.handbook.procedures if p.id == args.id), None)
    if procedure is None:
        known = ", ".join(sorted(p.id for p in result.handbook.procedures))
        print(f"handbook diagram: no procedure with id '{args.id}' (known: {known})", file=sys.stderr)
        return Exit.USAGE
    svg = render_standalone_flowchart(procedure, result.handbook.language)
    if args.output == "-":
        sys.stdout.write(svg)
    else:
        write_text_atomically(Path(args.output), svg)
        print(f"handbook diagram: {procedure.id} written to {args.output}", file=sys.stderr)
    return Exit.OK


def register(commands: Commands) -> None:
    parser = commands.add_parser("diagram", help="write one procedure's flowchart as a standalone SVG file")
    parser.add_argument("id", help="the procedure's id, e.g. vip-arrival-departure")
    parser.add_argument("-o", "--output", default="-", help="SVG file to write (default: - for standard output)")
    add_procedures_option(parser)
    parser.set_defaults(handler=command_diagram)
