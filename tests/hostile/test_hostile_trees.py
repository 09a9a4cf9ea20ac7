"""Hostile procedure folders: links out of the tree, huge files, a 10,000-step procedure."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli.main import main
from generator.load.reading import read_source
from generator.load.yaml_loader import MAX_FILE_BYTES
from generator.render import paths as site_paths
from generator.render.flowchart.bridge import MAX_FLOWCHART_STEPS, flowchart_renderer
from generator.render.labels import labels_for
from generator.render.site.content import build_site_content
from generator.validate import pipeline
from generator.validate.pipeline import validate_root
from tests.helpers import paths
from tests.helpers.bad_inputs import run_validate
from tests.helpers.site_fixture import TODAY

pytestmark = pytest.mark.usefixtures("english_messages")  # about what is refused, not its wording

VALID = paths.FIXTURE_HANDBOOK / "procedures" / "testing" / "valid-base.yaml"


def _outside_procedure(tmp_path: Path) -> Path:
    """A valid procedure outside the handbook, with an id that must never show up."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "secret.yaml"
    target.write_text(VALID.read_text(encoding="utf-8").replace("id: valid-base", "id: secret-outside"), "utf-8")
    return target


def _spy_on_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file whose bytes the validation reads from now on (a refused file is opened, never read whole)."""
    read: list[str] = []

    def spy(path: str, shown: str) -> bytes:
        data = read_source(path, shown)
        read.append(path)
        return data

    monkeypatch.setattr(pipeline, "read_source", spy)
    return read


def test_symlinked_file_out_of_the_tree_is_refused(handbook_copy: Path, tmp_path: Path) -> None:
    (handbook_copy / "procedures" / "testing" / "linked.yaml").symlink_to(_outside_procedure(tmp_path))
    code, output = run_validate("procedures")
    assert output == (
        "procedures/testing/linked.yaml:1:1: error: "
        "symbolic link points outside the procedures folder [symlink-outside]\n"
        "    hint: copy the file into the folder instead of linking to it\n"
    )
    assert code == 1
    assert main(["build", "--site-dir", "site"]) == 1
    assert not (handbook_copy / "site").exists()


def test_symlinked_folder_out_of_the_tree_is_refused_and_not_entered(handbook_copy: Path, tmp_path: Path) -> None:
    outside = _outside_procedure(tmp_path).parent
    (handbook_copy / "procedures" / "testing" / "elsewhere").symlink_to(outside, target_is_directory=True)
    code, output = run_validate("procedures")
    assert output == (
        "procedures/testing/elsewhere:1:1: error: "
        "symbolic link points outside the procedures folder [symlink-outside]\n"
    )
    assert code == 1


def test_symlinked_handbook_file_out_of_the_tree_is_refused(
    handbook_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = handbook_copy / "procedures" / "handbook.yaml"
    moved = tmp_path / "handbook.yaml"
    real.rename(moved)
    real.symlink_to(moved)
    read = _spy_on_reads(monkeypatch)
    code, output = run_validate("procedures")
    assert not [name for name in read if name.endswith("handbook.yaml")], "the link was followed"
    assert "procedures/handbook.yaml:1:1: error: symbolic link points outside the procedures folder" in output
    assert code == 1


def test_file_named_like_yaml_that_is_a_folder(handbook_copy: Path) -> None:
    folder = handbook_copy / "procedures" / "testing" / "folder.yaml"
    folder.mkdir()
    (folder / "inner.yaml").write_bytes(VALID.read_bytes())
    code, output = run_validate("procedures")
    assert output == (
        "procedures/testing/folder.yaml/inner.yaml:1:1: error: folder 'folder.yaml' cannot be a section: "
        "section folders are named like section ids [folder-name]\n"
        "    hint: rename the folder with lower-case letters, digits and hyphens, as its id in handbook.yaml\n"
    )
    assert code == 1


def test_huge_file_is_refused_without_reading_it(handbook_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = handbook_copy / "procedures" / "testing" / "huge.yaml"
    with huge.open("wb") as stream:
        stream.truncate(3 * 1024**3)  # sparse: three gigabytes that take no disk space
    read = _spy_on_reads(monkeypatch)
    code, output = run_validate("procedures")
    assert output == (
        f"procedures/testing/huge.yaml:1:1: error: file is {3 * 1024**3} bytes, more than the limit of "
        f"{MAX_FILE_BYTES} [file-too-large]\n"
        "    hint: split the procedure into several smaller ones\n"
    )
    assert code == 1
    assert not [name for name in read if name.endswith("huge.yaml")]


def _huge_procedure(steps: int) -> str:
    lines = [
        "id: ten-thousand",
        "title: 一万个步骤",
        'version: "1.0"',
        "effective: 2026-01-01",
        "owner: 测试",
        "review_by: 2099-01-01",
        "source:",
        "  document: 生成的文件",
        "purpose: 检验很长的流程。",
        "roles:",
        "  - id: bar-attendant",
        "  - id: checker",
        "    name: 复核人",
        "phases:",
        "  - id: all",
        "    title: 全部步骤",
        "    steps:",
    ]
    for n in range(steps):
        lines += [
            f"      - id: s{n}",
            f"        title: 第 {n} 步",
            f"        role: {'checker' if n % 7 else 'bar-attendant'}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def ten_thousand_steps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("huge") / "procedures"
    (root / "testing").mkdir(parents=True)
    (root / "handbook.yaml").write_bytes((VALID.parents[1] / "handbook.yaml").read_bytes())
    (root / "testing" / "ten-thousand.yaml").write_text(_huge_procedure(10_000), encoding="utf-8")
    return root


def test_ten_thousand_steps_validate_and_the_page_explains_the_missing_flowchart(ten_thousand_steps: Path) -> None:
    result = validate_root(ten_thousand_steps, TODAY)
    assert result.diagnostics == ()
    assert result.handbook is not None
    procedure = result.handbook.procedure("ten-thousand")
    assert procedure is not None and len(procedure.steps) == 10_000

    content = build_site_content(result.handbook, TODAY, flowchart_renderer())

    page = content.files[site_paths.procedure_page(procedure)]
    notice = labels_for("zh").format("flowchart_too_big", steps=10_000, limit=MAX_FLOWCHART_STEPS)
    assert notice in page
    assert "<svg" not in page
    assert site_paths.flowchart_file(procedure) not in content.files
    assert page.count('class="hb-step"') == 10_000


def test_a_procedure_at_the_flowchart_limit_still_gets_its_chart(tmp_path: Path) -> None:
    root = tmp_path / "procedures"
    (root / "testing").mkdir(parents=True)
    (root / "handbook.yaml").write_bytes((VALID.parents[1] / "handbook.yaml").read_bytes())
    (root / "testing" / "long.yaml").write_text(_huge_procedure(MAX_FLOWCHART_STEPS), encoding="utf-8")
    result = validate_root(root, TODAY)
    assert result.handbook is not None and result.diagnostics == ()
    content = build_site_content(result.handbook, TODAY, flowchart_renderer())
    assert "testing/ten-thousand.svg" in content.files
    assert "<svg" in content.files["testing/ten-thousand.md"]
