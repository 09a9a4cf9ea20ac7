"""``handbook export DIR``: the engine-neutral docs tree, which plain MkDocs or Zensical builds."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli.build import prepared_build, run_atomically, warn_about_placeholders
from generator.cli.options import Commands, add_config_option, add_procedures_option, add_strict_option

DESCRIPTION = """\
Validate the procedures, then write into DIR a self-contained docs tree: every page pre-rendered
as Markdown with its assets, flowcharts and checklist PDFs, and a mkdocs.yml without the handbook
plugin. `mkdocs build` or `zensical build` in DIR then builds the handbook. DIR is replaced
atomically, as `handbook build` replaces the site.
"""


def command_export(args: argparse.Namespace) -> int:
    from generator.mkdocs_plugin.export_tree import DOCS, write_tree
    from generator.publish.pdf import write_checklist_pdfs

    prepared = prepared_build(args, "export")
    if isinstance(prepared, int):
        return prepared
    settings, content = prepared

    def export(staging: Path) -> None:
        write_tree(Path(args.config_file), content, staging)
        warn_about_placeholders(settings, "export")
        if not args.no_pdf and content.handbook is not None:
            write_checklist_pdfs(content.handbook, staging / DOCS, settings.site_url)

    # The tree holds Markdown, not a site: its links are checked when an engine builds it.
    done = f"docs tree written to {args.dir}; build it there with `mkdocs build` or `zensical build`"
    return run_atomically("export", Path(args.dir), export, done=done, check_links=False)


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "export",
        help="write an engine-neutral docs tree that plain MkDocs or Zensical builds",
        description=DESCRIPTION,
    )
    parser.add_argument("dir", metavar="DIR", help="the folder to write (replaced as a whole)")
    add_config_option(parser)
    add_procedures_option(parser)
    add_strict_option(parser)
    parser.add_argument("--no-pdf", action="store_true", help="leave out the checklist PDFs")
    parser.set_defaults(handler=command_export)
