"""``handbook diff BASE [HEAD]``: what changed in the procedures between two git revisions, as Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.changes.compare import compare
from generator.changes.git_snapshot import GitError, Snapshot, at_revision, in_working_tree, locate
from generator.changes.report import render_change_summary
from generator.cli.options import Commands, Exit, add_procedures_option, procedures_folder
from generator.clock import today
from generator.diagnostics import format_text, printable

DESCRIPTION = """\
Compare the procedures at two git revisions and print a Markdown summary fit for a pull-request
comment: procedures added, removed or renamed; steps added, removed, moved or reworded; role
reassignments; timing, form and checklist changes, grouped by role; sections, forms, shared roles
and glossary terms of handbook.yaml added, renamed, edited or removed; and the printed checklists
(procedure sheets and each role's whole-day sheet) that trainers must reprint.

BASE is any git revision (a branch, tag or commit, e.g. origin/main). HEAD defaults to the working
tree: the files as they are on disk now, uncommitted edits included, as with `git diff BASE`.
Give HEAD (e.g. HEAD) to compare two commits.

Procedures are matched by id. A procedure counts as renamed when its id moved to another file or
section, or when an id that disappeared and a new one have the same title or share at least half
of their steps (by step id or title). Steps are matched by id, or by title when the id changed.

Exit status:
  0  the summary is complete
  1  a revision has errors: they are listed on standard error, files that do not load are left
     out of the summary (which is still printed); if handbook.yaml is broken nothing is compared
  2  a revision is unknown, the folder is missing at a revision, or this is not a git repository"""


def _report_errors(snapshot: Snapshot) -> None:
    for diagnostic in snapshot.result.errors:
        print(format_text(diagnostic), file=sys.stderr)


def _snapshots(args: argparse.Namespace, procedures: Path) -> tuple[Snapshot, Snapshot]:
    folder = locate(procedures)
    base = at_revision(folder, args.base, today())
    if args.head is None:
        head = in_working_tree(folder, procedures, today(), "the working tree")
    else:
        head = at_revision(folder, args.head, today())
    return base, head


def command_diff(args: argparse.Namespace) -> int:
    procedures = procedures_folder(args, "diff")
    if procedures is None:
        return Exit.USAGE
    try:
        base, head = _snapshots(args, procedures)
    except GitError as exc:
        print(f"handbook diff: {printable(str(exc))}", file=sys.stderr)
        return Exit.USAGE
    for snapshot in (base, head):
        _report_errors(snapshot)
    old, new = base.result.handbook, head.result.handbook
    if old is None or new is None:
        broken = base.label if old is None else head.label
        print(
            f"handbook diff: the handbook file at {printable(broken)} has errors; nothing to compare", file=sys.stderr
        )
        return Exit.FAILED
    not_compared = base.failed | head.failed
    changes = compare(old, new, not_compared)
    sys.stdout.write(render_change_summary(changes, base.label, args.head, new.language))
    return Exit.FAILED if base.result.errors or head.result.errors else Exit.OK


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "diff",
        help="summarise the handbook changes between two git revisions, as Markdown",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("base", metavar="BASE", help="the revision to compare from, e.g. origin/main")
    parser.add_argument(
        "head", metavar="HEAD", nargs="?", default=None, help="the revision to compare to (default: the working tree)"
    )
    add_procedures_option(parser)
    parser.set_defaults(handler=command_diff)
