"""What every command shares: exit codes, the common options, and how diagnostics are printed."""

from __future__ import annotations

import argparse
import logging
import sys
from enum import IntEnum
from pathlib import Path
from typing import TextIO, TypeAlias

from generator.diagnostics import Diagnostic, HandbookError, format_github, format_json, format_text, localized
from generator.validate.pipeline import ValidationResult

# The subcommand table each command module registers itself in (a string: not subscriptable at run time).
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
DEFAULT_PROCEDURES = "procedures"
DEFAULT_CONFIG = "mkdocs.yml"


class Exit(IntEnum):
    """Exit status of every ``handbook`` command."""

    OK = 0
    FAILED = 1  # the input has errors, or the work could not be done
    USAGE = 2  # the command line names something that does not exist or cannot be used


def add_procedures_option(parser: argparse.ArgumentParser) -> None:
    """``--procedures``: the folder holding handbook.yaml and the section folders (``--root`` is its old name)."""
    parser.add_argument(
        "--procedures",
        "--root",
        dest="procedures",
        default=None,
        help="procedures folder (default: the handbook plugin's procedures option in mkdocs.yml,"
        f" else {DEFAULT_PROCEDURES})",
    )


def chosen_procedures(option: str | None, configured: Path | None) -> Path:
    """The one rule for the procedures folder of a run: ``--procedures`` if given, else the handbook
    plugin's ``procedures`` option in mkdocs.yml (``configured``), else ``procedures/``."""
    if option is not None:
        return Path(option)
    return configured if configured is not None else Path(DEFAULT_PROCEDURES)


def procedures_folder(args: argparse.Namespace, command: str) -> Path | None:
    """The procedures folder of a command, by ``chosen_procedures``, reading mkdocs.yml (``--config-file``,
    else the working directory's) only when ``--procedures`` is not given; None (and a message) when
    mkdocs.yml cannot be read."""
    option: str | None = getattr(args, "procedures", None)
    config = Path(getattr(args, "config_file", DEFAULT_CONFIG))
    if option is not None or not config.is_file():
        return chosen_procedures(option, None)
    from generator.mkdocs_plugin.engine import MkDocsBuildError, read_settings

    try:
        return chosen_procedures(None, read_settings(config).procedures)
    except MkDocsBuildError as exc:
        print(f"handbook {command}: {config}: {exc}", file=sys.stderr)
        return None


def configured_strict(args: argparse.Namespace) -> bool:
    """Whether warnings fail this run: ``--strict``, else mkdocs.yml's ``strict`` (``--config-file``, else
    the working directory's), the one switch every command and ``mkdocs build`` follow."""
    if getattr(args, "strict", False):
        return True
    config = Path(getattr(args, "config_file", DEFAULT_CONFIG))
    if not config.is_file():
        return False
    from generator.mkdocs_plugin.engine import MkDocsBuildError, read_settings

    try:
        return read_settings(config).strict
    except MkDocsBuildError:
        return False  # the command that needs mkdocs.yml says what is wrong with it


def add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="warnings fail the run as errors do (default: mkdocs.yml's strict setting)",
    )


def add_config_option(parser: argparse.ArgumentParser, purpose: str = "MkDocs configuration") -> None:
    parser.add_argument("--config-file", default=DEFAULT_CONFIG, help=f"{purpose} (default: {DEFAULT_CONFIG})")


def print_diagnostics(result: ValidationResult, output_format: str, stream: TextIO | None = None) -> None:
    """Each diagnostic in ``output_format`` (text, github or json); text ends with a count on stderr."""
    stream = stream or sys.stdout  # looked up now, so that redirected output is honoured
    if output_format == "json":
        print(format_json(result.diagnostics), file=stream)
        return
    formatter = format_github if output_format == "github" else format_text
    for diagnostic in result.diagnostics:
        print(formatter(localized(diagnostic, result.language)), file=stream)
    if output_format == "text":
        errors, warnings = len(result.errors), len(result.warnings)
        count = sum(1 for _ in (result.handbook.procedures if result.handbook else ()))
        print(f"{count} procedures checked: {errors} error(s), {warnings} warning(s)", file=sys.stderr)


def print_errors(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(format_text(diagnostic), file=sys.stderr)


def print_handbook_error(exc: HandbookError) -> None:
    print_errors(exc.diagnostics)


def configure_logging(verbose: bool = False) -> None:
    """MkDocs' messages on stderr, in one plain format; only warnings unless ``verbose``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
