"""``handbook diagram ID -o FILE.svg``: one procedure's flowchart as a standalone SVG file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.atomic_file import write_text_atomically
from generator.clock import today
from generator.diagnostics import format_text
from generator.flowchart_bridge import render_standalone_flowchart
from generator.validation import validate_paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def command_diagram(args: argparse.Namespace) -> int:
    root = Path(args.procedures)
    if not root.is_dir():
        print(f"handbook diagram: no such folder: {root}", file=sys.stderr)
        return EXIT_USAGE
    result = validate_paths([root], today())
    if not result.ok() or result.handbook is None:
        for diagnostic in result.errors:
            print(format_text(diagnostic), file=sys.stderr)
        print("handbook diagram: the procedures have errors; nothing was written", file=sys.stderr)
        return EXIT_FAILED
    procedure = next((p for p in result.handbook.procedures if p.id == args.id), None)
    if procedure is None:
        known = ", ".join(sorted(p.id for p in result.handbook.procedures))
        print(f"handbook diagram: no procedure with id '{args.id}' (known: {known})", file=sys.stderr)
        return EXIT_USAGE
    svg = render_standalone_flowchart(procedure, result.handbook.language)
    if args.output == "-":
        sys.stdout.write(svg)
    else:
        write_text_atomically(Path(args.output), svg)
        print(f"handbook diagram: {procedure.id} written to {args.output}", file=sys.stderr)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("diagram", help="write one procedure's flowchart as a standalone SVG file")
    parser.add_argument("id", help="the procedure's id, e.g. vip-arrival-departure")
    parser.add_argument("-o", "--output", default="-", help="SVG file to write (default: - for standard output)")
    parser.add_argument("--procedures", default="procedures", help="procedures folder (default: procedures)")
    parser.set_defaults(handler=command_diagram)
