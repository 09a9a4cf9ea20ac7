"""Where each page's edit button points: a hand-written page's Markdown, a procedure's YAML file."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig

from generator.model.handbook import Procedure


def _repository(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: edit links are paths inside the repository from there."""
    return Path(config.config_file_path or ".").parent.resolve()


def _uri(path: str) -> str:
    # Quoted: themes print the edit link unescaped (discovery already refuses odd procedure file names).
    return quote(path.replace(os.sep, "/"))


def page_edit_uri(config: MkDocsConfig, src_uri: str) -> str:
    """A page of docs/: its Markdown file."""
    docs_prefix = os.path.relpath(config.docs_dir, _repository(config))
    return _uri(f"{docs_prefix}/{src_uri}")


def procedure_edit_uri(config: MkDocsConfig, procedures: Path, procedure: Procedure) -> str:
    """A page made from a procedure: the procedure's YAML file in the ``procedures`` folder."""
    yaml_path = procedures.resolve() / procedure.section / Path(procedure.file).name
    return _uri(os.path.relpath(yaml_path, _repository(config)))
