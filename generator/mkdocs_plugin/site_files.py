"""The site around the generated pages: theme overrides and styles, and the files MkDocs is given."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.mkdocs_plugin.edit_links import page_edit_uri, procedure_edit_uri
from generator.render.paths import ASSETS, is_placeholder_address
from generator.render.site.content import SiteContent


def set_up_theme(config: MkDocsConfig) -> None:
    """Links that also work from file://, the handbook's template overrides, styles and polyfills."""
    config.use_directory_urls = False
    overrides = str(resources.files("generator").joinpath("overrides"))
    if overrides not in config.theme.dirs:
        config.theme.dirs.insert(0, overrides)
    config.extra_css[:0] = [f"{ASSETS}/handbook.css", f"{ASSETS}/flowchart.css"]
    config.extra["polyfills"] = [f"{ASSETS}/iframe-worker-shim.js"]
    # A stand-in address from the template is no address: no edit button, no canonical links to it.
    if is_placeholder_address(config.repo_url):
        config.repo_url = config.repo_name = config.edit_uri = config.edit_uri_template = None
    if is_placeholder_address(config.site_url):
        config.site_url = None


def trim_template_lines(env: Environment) -> Environment:
    """Theme templates leave out the lines that hold only a template tag (``{% if %}``, ``{% set %}``...).

    Material's navigation partials run a loop over every child of each collapsed section (to find
    its index page) and wrote a blank, indented line per child and per tag: half the bytes of the
    navigation every page repeats. Only whitespace between tags goes; what a reader sees is unchanged.
    """
    env.trim_blocks = True
    env.lstrip_blocks = True
    return env


def hand_written_pages(files: Files) -> list[File]:
    """The Markdown pages of docs/ (the rest are generated): the navigation lists them after the handbook's."""
    return [file for file in files.documentation_pages() if file.generated_by is None]


def add_site_files(files: Files, config: MkDocsConfig, site: SiteContent, procedures: Path) -> Files:
    """Add the generated pages and assets (nothing is written into docs/), set edit links and the navigation.

    ``procedures`` is the folder the pages were made from: their edit links open its YAML files."""
    for file in files.documentation_pages():
        file.edit_uri = page_edit_uri(config, file.src_uri)
    for src, text in site.files.items():
        generated = File.generated(config, src, content=text)
        procedure = site.sources.get(src)
        if procedure is not None:
            generated.edit_uri = procedure_edit_uri(config, procedures, procedure)
        files.append(generated)
    assets = resources.files("generator").joinpath("assets")
    for asset in sorted(assets.iterdir(), key=lambda a: a.name):
        if asset.is_file():
            files.append(File.generated(config, f"{ASSETS}/{asset.name}", content=asset.read_bytes()))
    config.nav = [*site.nav, *sorted(f.src_uri for f in hand_written_pages(files))]
    return files
