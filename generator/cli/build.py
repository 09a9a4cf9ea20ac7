"""``handbook build`` and ``handbook pdf``: the site, built atomically, and its checklist PDFs."""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cache import texts_kept_in
from generator.cli.options import (
    Commands,
    Exit,
    add_config_option,
    add_procedures_option,
    add_strict_option,
    chosen_procedures,
    configure_logging,
    print_diagnostics,
    print_handbook_error,
)
from generator.clock import source_date_epoch_problem, today
from generator.diagnostics import HandbookError, printable
from generator.model.handbook import Handbook
from generator.publish.atomic_site import BuildOutcome, PreviousSiteMoved, SiteBuilder, build_atomically
from generator.publish.build_cache import DEFAULT_FOLDER as DEFAULT_CACHE_FOLDER
from generator.publish.build_cache import BuildCache
from generator.publish.handbook_content import HandbookContent, load_handbook_content
from generator.publish.output_file import OutputError
from generator.publish.site_lock import SiteBusy
from generator.validate.pipeline import validate_root

if TYPE_CHECKING:
    from generator.mkdocs_plugin.engine import SiteSettings


def _content(args: argparse.Namespace, settings: SiteSettings, command: str) -> HandbookContent | None:
    """The one load of this build: validated, and rendered when valid; None (diagnostics printed) if not."""
    procedures = chosen_procedures(args.procedures, settings.procedures)
    strict = settings.strict or bool(getattr(args, "strict", False))
    content = load_handbook_content(procedures, site_url=settings.site_url, strict=strict)
    if content.handbook is None:
        print_diagnostics(content.result, "text", sys.stderr)
        print(
            f"handbook {command}: the procedures have errors (or warnings, which fail under strict);"
            f" the {_OUTPUT[command]} was left as it was",
            file=sys.stderr,
        )
        return None
    return content


_OUTPUT = {"build": "site", "export": "folder"}


def prepared_build(args: argparse.Namespace, command: str) -> tuple[SiteSettings, HandbookContent] | int:
    """The settings and the one load of this build (or export), or the exit status when it cannot go on."""
    from generator.mkdocs_plugin.engine import MkDocsBuildError, read_settings

    problem = source_date_epoch_problem()
    if problem is not None:
        say(command, problem)
        return Exit.USAGE
    configure_logging()
    try:
        settings = read_settings(Path(args.config_file))
    except MkDocsBuildError as exc:
        say(command, str(exc))
        say(command, f"failed; the previous {_OUTPUT[command]} was left as it was")
        return Exit.FAILED
    content = _content(args, settings, command)
    return Exit.FAILED if content is None else (settings, content)


def command_build(args: argparse.Namespace) -> int:
    cache = None if args.no_cache else BuildCache(Path(args.cache_dir))
    with texts_kept_in(cache):  # flowcharts, pages and QR codes made before are taken from the cache
        return _build(args, cache)


def _build(args: argparse.Namespace, cache: BuildCache | None) -> int:
    from generator.mkdocs_plugin.engine import build_with_mkdocs
    from generator.mkdocs_plugin.zensical_engine import build_with_zensical
    from generator.publish.pdf import write_checklist_pdfs

    zensical = args.engine == "zensical"
    prepared = prepared_build(args, "build")
    if isinstance(prepared, int):
        return prepared
    settings, content = prepared

    def build(staging: Path) -> None:
        # The PDFs first, into a folder of their own (the site engine empties the site's folder): their
        # workers start from this process before the engine has grown it, and it is smaller then.
        pdfs = staging.parent / "pdfs"
        if not args.no_pdf and content.handbook is not None:
            pdfs.mkdir()
            write_checklist_pdfs(content.handbook, pdfs, settings.site_url, cache)
        if zensical:  # Zensical keeps no built pages of ours between builds: the cache serves the rest
            build_with_zensical(Path(args.config_file), staging, content)
        else:
            build_with_mkdocs(Path(args.config_file), staging, content, cache)
        warn_about_placeholders(settings, "build")
        if pdfs.is_dir():
            move_files_into(pdfs, staging)

    status = run_atomically(
        "build",
        Path(args.site_dir),
        build,
        done=f"site written to {args.site_dir}",
        unchecked_suffixes=(".pdf",) if args.no_pdf else (),
        link_cache=cache,
    )
    if status == Exit.OK and cache is not None:
        cache.prune()  # entries this build did not ask for were made from sources since changed
    return status


def move_files_into(source: Path, target: Path) -> None:
    """Move every file under ``source`` to the same place under ``target`` (one file system)."""
    for path in sorted(source.rglob("*")):
        if path.is_file():
            moved = target / path.relative_to(source)
            moved.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, moved)


def run_atomically(command: str, target: Path, builder: SiteBuilder, *, done: str, **options: Any) -> int:
    """``build_atomically(target, builder, **options)``, its problems and outcome told on the terminal."""
    from generator.mkdocs_plugin.engine import MkDocsBuildError

    output = _OUTPUT[command]
    try:
        outcome = build_atomically(target, builder, on_wait=partial(say, command), **options)
    except HandbookError as exc:
        print_handbook_error(exc)
    except (MkDocsBuildError, SiteBusy) as exc:
        say(command, str(exc))
    except PreviousSiteMoved as exc:
        say(command, f"failed: {exc}")
        return Exit.FAILED
    except OSError as exc:  # a full disk, a folder without write permission
        say(command, f"cannot write the {output}: {exc}")
    else:
        _report(command, outcome, done)
        return Exit.OK
    say(command, f"failed; the previous {output} was left as it was")
    return Exit.FAILED


def say(command: str, message: str) -> None:
    """Each line of ``message`` on the terminal, with its control characters escaped."""
    for line in message.splitlines() or [""]:
        print(f"handbook {command}: {printable(line)}", file=sys.stderr)


def _report(command: str, outcome: BuildOutcome, done: str) -> None:
    if outcome.removed:
        say(
            command,
            f"removed {len(outcome.removed)} folder(s) left by interrupted builds: {', '.join(outcome.removed)}",
        )
    for warning in outcome.warnings:
        say(command, f"warning: {warning}")
    say(command, done)


WHAT_A_PLACEHOLDER_COSTS = {"site_url": "the checklists carry no QR code", "repo_url": "pages have no edit button"}


def warn_about_placeholders(settings: SiteSettings, command: str) -> None:
    """Say once what the site lacks while mkdocs.yml has no real addresses (README: Adopting the handbook)."""
    for name, value in settings.placeholders:
        print(
            f"handbook {command}: warning: {name} in mkdocs.yml is a placeholder ({value}), so"
            f" {WHAT_A_PLACEHOLDER_COSTS[name]}; set it to your own address (README: Adopting the handbook)",
            file=sys.stderr,
        )
    if settings.site_url is None and not any(name == "site_url" for name, _ in settings.placeholders):
        print(
            f"handbook {command}: warning: mkdocs.yml has no site_url, so the checklists carry no QR code",
            file=sys.stderr,
        )


def _valid_handbook(procedures: Path) -> Handbook | None:
    result = validate_root(procedures, today())
    if not result.ok() or result.handbook is None:
        print_diagnostics(result, "text", sys.stderr)
        print("handbook pdf: the procedures have errors; the site was left as it was", file=sys.stderr)
        return None
    return result.handbook


def command_pdf(args: argparse.Namespace) -> int:
    from generator.mkdocs_plugin.engine import MkDocsBuildError, read_settings
    from generator.publish.pdf import update_checklist_pdfs

    try:
        settings = read_settings(Path(args.config_file))
        handbook = _valid_handbook(chosen_procedures(args.procedures, settings.procedures))
        if handbook is None:
            return Exit.FAILED
        warn_about_placeholders(settings, "pdf")
        written = update_checklist_pdfs(handbook, Path(args.site_dir), settings.site_url)
    except HandbookError as exc:
        print_handbook_error(exc)
    except MkDocsBuildError as exc:
        print(f"handbook pdf: {printable(str(exc))}", file=sys.stderr)
    except OutputError as exc:
        print(f"handbook pdf: {printable(str(exc))}", file=sys.stderr)
    except OSError as exc:  # a full disk while the PDFs are written into their staging folder
        print(f"handbook pdf: cannot write the PDFs: {printable(str(exc.strerror or exc))}", file=sys.stderr)
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
    add_strict_option(parser)
    parser.add_argument(
        "--no-pdf",
        action="store_true",
        help="leave out the checklist PDFs (a quicker build; links to them are then not checked)",
    )
    parser.add_argument(
        "--engine",
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="the site engine: mkdocs (default) runs our plugin; zensical builds the exported docs tree"
        " (optional extra: pip install '.[zensical]')",
    )
    parser.add_argument(
        "--cache-dir",
        default=DEFAULT_CACHE_FOLDER,
        help=f"where unchanged outputs are kept between builds (default: {DEFAULT_CACHE_FOLDER})",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the build cache")
    parser.set_defaults(handler=command_build)
    pdf = commands.add_parser("pdf", help="write the checklist PDFs into an already built site")
    pdf.add_argument("--site-dir", default="site", help="the built site (default: site)")
    add_config_option(pdf, "MkDocs configuration, for site_url")
    add_procedures_option(pdf)
    pdf.set_defaults(handler=command_pdf)
