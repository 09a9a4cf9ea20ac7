"""`handbook export`: a docs tree that plain MkDocs builds into the same pages as `handbook build`."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.mkdocs_plugin.export_tree import tree_config
from generator.render.site.front_matter import with_front_matter
from tests.helpers.build import tree_digest
from tests.helpers.paths import FIXTURE_HANDBOOK, ROOT

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*?</article>', re.S)
_PREFORMATTED = re.compile(r"(<pre\b.*?</pre>)", re.S)


def export(handbook_root: Path, target: Path, *extra: str) -> None:
    with contextlib.chdir(handbook_root):
        assert main(["export", str(target), *extra]) == 0


def plain_mkdocs_build(tree: Path, tmp_path: Path) -> Path:
    """`mkdocs build --strict` in ``tree``, in a process of its own: no handbook plugin is loaded."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return tree / "site"


def main_content(page: Path) -> str:
    """The page's article, without the indentation and blank lines the theme's templates write around it.

    (`handbook build` leaves out the lines of the theme's template tags; plain MkDocs writes them.
    Preformatted text is compared as it is.)"""
    found = _ARTICLE.search(page.read_text(encoding="utf-8"))
    assert found is not None, page
    parts = _PREFORMATTED.split(found.group(0))
    return "".join(part if index % 2 else re.sub(r"\n\s*", "\n", part) for index, part in enumerate(parts))


@pytest.fixture(scope="module")
def exported_shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("export") / "tree"
    export(ROOT, tree)
    return plain_mkdocs_build(tree, tmp_path_factory.mktemp("export-tmp"))


def test_plain_mkdocs_builds_the_export_into_the_same_pages(shipped_site: Path, exported_shipped_site: Path) -> None:
    pages = sorted(p.relative_to(shipped_site) for p in shipped_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(exported_shipped_site) for p in exported_shipped_site.rglob("*.html"))
    for page in pages:
        if page.name == "404.html":
            continue
        assert main_content(exported_shipped_site / page) == main_content(shipped_site / page), page


def test_the_export_carries_the_checklist_pdfs_and_flowcharts(shipped_site: Path, exported_shipped_site: Path) -> None:
    for suffix in ("*.pdf", "*.svg"):
        built = {p.relative_to(shipped_site) for p in shipped_site.rglob(suffix)}
        assert built and built <= {p.relative_to(exported_shipped_site) for p in exported_shipped_site.rglob(suffix)}


def test_the_tree_needs_no_plugin_and_points_edit_buttons_at_the_yaml(tmp_path: Path) -> None:
    export(FIXTURE_HANDBOOK, tmp_path / "tree", "--no-pdf")
    config = (tmp_path / "tree" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "handbook" not in re.findall(r"^- (\S+)", config, re.M)
    page = (tmp_path / "tree" / "docs" / "testing" / "full-example.md").read_text(encoding="utf-8")
    assert page.startswith(
        '---\nedit_url: "https://git.fixture.test/handbook-team/procedure-handbook/edit/main/procedures/'
    )
    site = plain_mkdocs_build(tmp_path / "tree", tmp_path)
    assert 'rel="edit"' in (site / "testing" / "full-example.html").read_text(encoding="utf-8")


def test_the_same_handbook_exports_byte_identical_trees(tmp_path: Path) -> None:
    export(FIXTURE_HANDBOOK, tmp_path / "one")
    export(FIXTURE_HANDBOOK, tmp_path / "two")
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_a_broken_procedure_leaves_the_previous_export_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export(FIXTURE_HANDBOOK, tmp_path / "tree", "--no-pdf")
    before = tree_digest(tmp_path / "tree")
    broken = tmp_path / "procedures"
    subprocess.run(["cp", "-r", str(FIXTURE_HANDBOOK / "procedures"), str(broken)], check=True)
    (broken / "testing" / "full-example.yaml").write_text("id: [\n", encoding="utf-8")
    with contextlib.chdir(FIXTURE_HANDBOOK):
        assert main(["export", str(tmp_path / "tree"), "--procedures", str(broken)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"full-example.yaml:\d+:\d+", err) and "the folder was left as it was" in err
    assert tree_digest(tmp_path / "tree") == before


def test_front_matter_is_added_to_a_page_with_or_without_one() -> None:
    assert with_front_matter("# T\n", {"edit_url": "u"}) == '---\nedit_url: "u"\n---\n\n# T\n'
    assert (
        with_front_matter("---\nlang: en\n---\n# T\n", {"edit_url": "u"}) == '---\nedit_url: "u"\nlang: en\n---\n# T\n'
    )


def test_the_tree_config_drops_our_plugin_and_stand_in_addresses() -> None:
    raw = {
        "site_url": "https://handbook.example.org/",
        "repo_url": "https://github.com/example-org/procedure-handbook",
        "edit_uri": "edit/main/",
        "theme": "material",
        "plugins": [{"handbook": {"procedures": "procedures"}}, "search", "offline"],
    }
    config = tree_config(raw, [{"首页": "index.md"}])
    assert config["plugins"] == ["search", "offline"]
    assert "site_url" not in config and "repo_url" not in config and "edit_uri" not in config
    assert config["theme"] == {"name": "material", "custom_dir": "overrides"}
    assert config["nav"] == [{"首页": "index.md"}] and config["use_directory_urls"] is False
