"""``handbook build`` and ``handbook pdf``: the site, built atomically, and its checklist PDFs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli.options import (
    Commands,
    Exit,
    add_config_option,
    add_procedures_option,
    configure_logging,
    print_diagnostics,
    print_handbook_error,
)
from generator.clock import source_date_epoch_problem, today
from generator.diagnostics import HandbookError, printable
from generator.model.handbook import Handbook
from generator.publish.atomic_site import build_atomically
from generator.validate.pipeline import validate_paths


def _valid_handbook(args: argparse.Namespace, command: str) -> Handbook | None:
    result = validate_paths([Path(args.procedures)], today())
    if not result.ok() or result.handbook is None:
        print_diagnostics(result, "text", sys.stderr)
        print(f"handbook {command}: the procedures have errors; the site was left as it was", file=sys.stderr)
        return None
    return result.handbook


def command_build(args: argparse.Namespace) -> int:
    from generator.mkdocs_plugin.engine import MkDocsBuildError, build_with_mkdocs, read_site_url
    from generator.publish.pdf import write_checklist_pdfs

    problem = source_date_epoch_problem()
    if problem is not None:
        print(f"handbook build: {problem}", file=sys.stderr)
        return Exit.USAGE
    handbook = _valid_handbook(args, "build")
    if handbook is None:
        return Exit.FAILED
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
        print_handbook_error(exc)
    except MkDocsBuildError as exc:
        print(f"handbook build: {printable(str(exc))}", file=sys.stderr)
    except OSError as exc:  # a full disk, a folder without write permission
        print(f"handbook build: cannot write the site: {printable(str(exc))}", file=sys.stderr)
    else:
        print(f"handbook build: site written to {printable(args.site_dir)}", file=sys.stderr)
        return Exit.OK
    print("handbook build: failed; the previous site was left as it was", file=sys.stderr)
    return Exit.FAILED


def _warn_without_site_url(site_url: str | None, command: str) -> None:
    if site_url is None:
        print(
            f"handbook {command}: warning: mkdocs.yml has no site_url, so the checklists carry no QR code",
            file=sys.stderr,
        )


def command_pdf(args: argparse.Namespace) -> int:
    from generator.mkdocs_plugin.engine import MkDocsBuildError, read_site_url
    from generator.publish.pdf import update_checklist_pdfs

    handbook = _valid_handbook(args, "pdf")
    if handbook is None:
        return Exit.FAILED
    try:
        site_url = read_site_url(Path(args.config_file))
        _warn_without_site_url(site_url, "pdf")
        written = update_checklist_pdfs(handbook, Path(args.site_dir), site_url)
    except HandbookError as exc:
        print_handbook_error(exc)
    except MkDocsBuildError as exc:
        print(f"handbook pdf: {printable(str(exc))}", file=sys.stderr)
    else:
        shown = printable(args.site_dir)
        print(f"handbook pdf: {len(written)} checklist PDFs written to {shown}/checklists", file=sys.stderr)
        return Exit.OK
    print("handbook pdf: failed; the PDFs already there were left as they were", file=sys.stderr)
    return Exit.FAILED


def register(commands: Commands) -> None:
    parser = commands.add_parser("build", help="validate, then build the site atomically")
    parser.add_argument("--site-dir", default="site", help="where the site goes (default: site)")
    add_config_option(parser)
    add_procedures_option(parser)
    parser.add_argument(
        "--no-pdf",
        action="store_true",
        help="leave out the checklist PDFs (a quicker build; links to them are then not checked)",
    )
    parser.set_defaults(handler=command_build)
    pdf = commands.add_parser("pdf", help="write the checklist PDFs into an already built site")
    pdf.add_argument("--site-dir", default="site", help="the built site (default: site)")
    add_config_option(pdf, "MkDocs configuration, for site_url")
    add_procedures_option(pdf)
    pdf.set_defaults(handler=command_pdf)
