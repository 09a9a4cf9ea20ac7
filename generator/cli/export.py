"""``handbook export DIR``: the engine-neutral docs tree, which plain MkDocs or Zensical builds."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from generator.cli.build import prepared_build, say, warn_about_placeholders
from generator.cli.options import Commands, Exit, add_config_option, add_procedures_option, print_handbook_error
from generator.diagnostics import HandbookError
from generator.publish.atomic_site import PreviousSiteMoved, build_atomically
from generator.publish.site_lock import SiteBusy

DESCRIPTION = """\
Validate the procedures, then write into DIR a self-contained docs tree: every page pre-rendered
as Markdown with its assets, flowcharts and checklist PDFs, and a mkdocs.yml without the handbook
plugin. `mkdocs build` or `zensical build` in DIR then builds the handbook. DIR is replaced
atomically, as `handbook build` replaces the site.
"""


def command_export(args: argparse.Namespace) -> int:
    from generator.mkdocs_plugin.engine import MkDocsBuildError
    from generator.mkdocs_plugin.export_tree import DOCS, write_tree
    from generator.publish.pdf import write_checklist_pdfs

    prepared = prepared_build(args, "export")
    if isinstance(prepared, int):
        return prepared
    settings, content = prepared
    tell = partial(say, "export")

    def export(staging: Path) -> None:
        write_tree(Path(args.config_file), content, staging)
        warn_about_placeholders(settings, "export")
        if not args.no_pdf and content.handbook is not None:
            write_checklist_pdfs(content.handbook, staging / DOCS, settings.site_url)

    try:
        # The tree holds Markdown, not a site: its links are checked when an engine builds it.
        build_atomically(Path(args.dir), export, check_links=False, on_wait=tell)
    except HandbookError as exc:
        print_handbook_error(exc)
    except (MkDocsBuildError, SiteBusy) as exc:
        tell(str(exc))
    except PreviousSiteMoved as exc:
        tell(f"failed: {exc}")
        return Exit.FAILED
    except OSError as exc:
        tell(f"cannot write the folder: {exc}")
    else:
        tell(f"docs tree written to {args.dir}; build it there with `mkdocs build` or `zensical build`")
        return Exit.OK
    tell("failed; the previous folder was left as it was")
    return Exit.FAILED


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "export",
        help="write an engine-neutral docs tree that plain MkDocs or Zensical builds",
        description=DESCRIPTION,
    )
    parser.add_argument("dir", metavar="DIR", help="the folder to write (replaced as a whole)")
    add_config_option(parser)
    add_procedures_option(parser)
    parser.add_argument("--no-pdf", action="store_true", help="leave out the checklist PDFs")
    parser.set_defaults(handler=command_export)
