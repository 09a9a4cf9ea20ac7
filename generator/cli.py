"""The ``handbook`` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from generator import __version__, cli_diagram, cli_diff, cli_new
from generator.clock import source_date_epoch_problem, today
from generator.diagnostics import HandbookError, format_github, format_json, format_text
from generator.model import Handbook
from generator.serve_address import is_loopback
from generator.site_build import build_atomically
from generator.validation import ValidationResult, validate_paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(result: ValidationResult, output_format: str, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout  # looked up now, so that redirected output is honoured
    if output_format == "json":
        print(format_json(result.diagnostics), file=stream)
        return
    formatter = format_github if output_format == "github" else format_text
    for diagnostic in result.diagnostics:
        print(formatter(diagnostic), file=stream)
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


def _print_errors(exc: HandbookError) -> None:
    for diagnostic in exc.diagnostics:
        print(format_text(diagnostic), file=sys.stderr)


def _valid_handbook(args: argparse.Namespace, command: str) -> Handbook | None:
    result = validate_paths([Path(args.procedures)], today())
    if not result.ok() or result.handbook is None:
        _print_diagnostics(result, "text", sys.stderr)
        print(f"handbook {command}: the procedures have errors; the site was left as it was", file=sys.stderr)
        return None
    return result.handbook


def command_build(args: argparse.Namespace) -> int:
    from generator.checklist_pdf import write_checklist_pdfs
    from generator.mkdocs_adapter import MkDocsBuildError, build_with_mkdocs, read_site_url

    problem = source_date_epoch_problem()
    if problem is not None:
        print(f"handbook build: {problem}", file=sys.stderr)
        return EXIT_USAGE
    handbook = _valid_handbook(args, "build")
    if handbook is None:
        return EXIT_FAILED
    configure_logging()
    config = Path(args.config_file)

    def build(staging: Path) -> None:
        build_with_mkdocs(config, staging)
        site_url = read_site_url(config)
        _warn_without_site_url(site_url, "build")
        if not args.no_pdf:
            write_checklist_pdfs(handbook, staging, site_url)  # a step of its own, so that it can be timed apart

    try:
        build_atomically(Path(args.site_dir), build, unchecked_suffixes=(".pdf",) if args.no_pdf else ())
    except HandbookError as exc:
        _print_errors(exc)
    except MkDocsBuildError as exc:
        print(f"handbook build: {exc}", file=sys.stderr)
    except OSError as exc:  # a full disk, a folder without write permission
        print(f"handbook build: cannot write the site: {exc}", file=sys.stderr)
    else:
        print(f"handbook build: site written to {args.site_dir}", file=sys.stderr)
        return EXIT_OK
    print("handbook build: failed; the previous site was left as it was", file=sys.stderr)
    return EXIT_FAILED


def _warn_without_site_url(site_url: str | None, command: str) -> None:
    if site_url is None:
        print(
            f"handbook {command}: warning: mkdocs.yml has no site_url, so the checklists carry no QR code",
            file=sys.stderr,
        )


def command_pdf(args: argparse.Namespace) -> int:
    from generator.checklist_pdf import update_checklist_pdfs
    from generator.mkdocs_adapter import MkDocsBuildError, read_site_url

    handbook = _valid_handbook(args, "pdf")
    if handbook is None:
        return EXIT_FAILED
    try:
        site_url = read_site_url(Path(args.config_file))
        _warn_without_site_url(site_url, "pdf")
        written = update_checklist_pdfs(handbook, Path(args.site_dir), site_url)
    except HandbookError as exc:
        _print_errors(exc)
    except MkDocsBuildError as exc:
        print(f"handbook pdf: {exc}", file=sys.stderr)
    else:
        print(f"handbook pdf: {len(written)} checklist PDFs written to {args.site_dir}/checklists", file=sys.stderr)
        return EXIT_OK
    print("handbook pdf: failed; the PDFs already there were left as they were", file=sys.stderr)
    return EXIT_FAILED


def command_serve(args: argparse.Namespace) -> int:
    from generator.mkdocs_adapter import serve_with_mkdocs

    if not is_loopback(args.address) and not args.allow_remote:
        print(
            f"handbook serve: {args.address} is not a loopback address; the preview is for this computer only.\n"
            "Publish the built site instead, or add --allow-remote if you really mean to share the preview.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    configure_logging(verbose=True)
    serve_with_mkdocs(Path(args.config_file), args.address)
    return EXIT_OK


def configure_logging(verbose: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def _add_build(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("build", help="validate, then build the site atomically")
    parser.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    parser.add_argument("--config-file", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--procedures", default="procedures", help="procedures folder (default: procedures)")
    parser.add_argument(
        "--no-pdf",
        action="store_true",
        help="leave out the checklist PDFs (a quicker build; links to them are then not checked)",
    )
    parser.set_defaults(handler=command_build)
    pdf = commands.add_parser("pdf", help="write the checklist PDFs into an already built site")
    pdf.add_argument("--site-dir", default="site", help="the built site (default: site)")
    pdf.add_argument(
        "--config-file", default="mkdocs.yml", help="MkDocs configuration, for site_url (default: mkdocs.yml)"
    )
    pdf.add_argument("--procedures", default="procedures", help="procedures folder (default: procedures)")
    pdf.set_defaults(handler=command_pdf)
    serve = commands.add_parser("serve", help="live preview on 127.0.0.1 (local only)")
    serve.add_argument("--config-file", default="mkdocs.yml", help="MkDocs configuration (default: mkdocs.yml)")
    serve.add_argument("--address", default="127.0.0.1:8000", help="address to bind (default: 127.0.0.1:8000)")
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow an address other computers can reach (not recommended)"
    )
    serve.set_defaults(handler=command_serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook", description="Procedures as YAML → handbook site and printable checklists."
    )
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_validate(commands)
    _add_build(commands)
    cli_diagram.register(commands)
    cli_diff.register(commands)
    cli_new.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)
