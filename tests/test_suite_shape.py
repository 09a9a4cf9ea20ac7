"""The test suite's shape: shared code lives in tests/helpers, and only tests/browser starts Chromium."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import ROOT, TESTS

BROWSER_TESTS = TESTS / "browser"
BROWSER_HELPER = TESTS / "helpers" / "browser.py"


def _python_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, source: str | None = None) -> set[str]:
    """Every module the file imports, relative imports resolved, ``from x import y`` also as ``x.y``."""
    module = _module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    text = path.read_text(encoding="utf-8") if source is None else source
    found: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, *([node.module] if node.module else [])])
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def _is_test_module_or_conftest(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "tests" and any(part.startswith("test_") or part == "conftest" for part in parts[1:])


def test_the_import_check_sees_imports_from_test_modules_and_conftests() -> None:
    source = "from tests.conftest import ROOT\nfrom ..checklist import test_sheets\nimport tests.cli.conftest\n"
    imported = _imported_modules(TESTS / "render" / "site" / "sample.py", source)
    found = {m for m in imported if _is_test_module_or_conftest(m)}
    assert found >= {"tests.conftest", "tests.render.checklist.test_sheets", "tests.cli.conftest"}
    assert not _is_test_module_or_conftest("tests.helpers.build")


def test_no_test_file_imports_from_a_test_module_or_a_conftest() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in _imported_modules(path) if _is_test_module_or_conftest(m))
        for path in _python_files()
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}


def _drives_chromium(module: str) -> bool:
    return module == "playwright" or module.startswith(("playwright.", "tests.helpers.browser"))


def test_only_the_browser_tests_drive_chromium() -> None:
    outside = [p for p in _python_files() if not p.is_relative_to(BROWSER_TESTS) and p != BROWSER_HELPER]
    drivers = {str(path.relative_to(ROOT)) for path in outside if any(map(_drives_chromium, _imported_modules(path)))}
    assert drivers == set()


def test_not_browser_leaves_out_every_test_of_the_browser_folder() -> None:
    args = ["--collect-only", "-q", "-p", "no:cacheprovider", "-m", "not browser", "tests/browser"]
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert [line for line in collected.stdout.splitlines() if "::" in line] == []
    deselected = re.search(r"\((\d+) deselected\)", collected.stdout)
    assert deselected is not None and int(deselected.group(1)) >= 10, collected.stdout + collected.stderr
