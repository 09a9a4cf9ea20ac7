"""The package's shape: stages import only from stages before them, and only the plugin knows MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

PACKAGE = ROOT / "generator"
# Each stage may import from itself and from the stages listed before it.
STAGES = ("load", "model", "validate", "render", "publish", "changes", "mkdocs_plugin", "cli")
SHARED_LEAVES = ("diagnostics", "clock", "cache")
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "generator":
                found.update(f"generator.{alias.name}" for alias in node.names)
    return found


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "generator" else None


def _own_stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_flow_down_the_pipeline(path: Path) -> None:
    own = _own_stage(path)
    if own in ("__init__", "__main__"):  # the package's face: ``python -m generator`` runs the command line
        return
    for module in _imports(path):
        stage = _stage(module)
        if stage is None or stage == own or stage in SHARED_LEAVES or stage.startswith("__"):
            continue
        assert own in STAGES, f"{path.name} (a shared module) imports {module}"
        assert stage in STAGES, f"{module} is not a stage"
        assert STAGES.index(stage) < STAGES.index(own), f"{own} imports upward: {module}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_plugin_knows_mkdocs(path: Path) -> None:
    if _own_stage(path) == "mkdocs_plugin":
        return
    engines = {m for m in _imports(path) if m.split(".")[0] in {"mkdocs", "material"}}
    assert not engines, f"{path.relative_to(ROOT)} imports {sorted(engines)}"


def test_shared_leaves_import_nothing_of_ours() -> None:
    for leaf in SHARED_LEAVES:
        ours = {m for m in _imports(PACKAGE / f"{leaf}.py") if m.startswith("generator")}
        assert not ours, f"{leaf}.py imports {sorted(ours)}"


def test_top_level_holds_only_the_face_and_shared_leaves() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == {"__init__", "__main__", *SHARED_LEAVES}


def test_no_module_is_longer_than_a_few_screens() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long
