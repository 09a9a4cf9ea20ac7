"""A long unbroken value (a 190-character token) wraps inside the content column, never widening the page."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.cli.main import main
from tests.helpers.paths import FIXTURE_HANDBOOK

TOKEN = "Long" + "x" * 186
# Everything inside the article that reaches past its right edge, except the flowchart, which scrolls on purpose,
# and Material's table wrappers, which reach a little into the margin by design (their table does not).
OVERFLOWING = """() => {
  const article = document.querySelector('article.md-content__inner');
  const edge = article.getBoundingClientRect().right + 1;
  const wrappers = '.md-typeset__scrollwrap, .md-typeset__table';
  return Array.from(article.querySelectorAll('*'))
    .filter(e => !e.closest('.hb-flowchart') && !e.matches(wrappers) && e.getBoundingClientRect().right > edge)
    .map(e => e.tagName + '.' + e.className);
}"""


@pytest.fixture(scope="module")
def long_value_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long") / "hb"
    shutil.copytree(FIXTURE_HANDBOOK, root)
    source = root / "procedures" / "testing" / "valid-base.yaml"
    text = source.read_text(encoding="utf-8")
    for old, new in [
        ("title: 吧台服务", f"title: 吧台{TOKEN}"),
        ("purpose: 为客户提供饮品。", f"purpose: 为客户{TOKEN}\ntags: [{TOKEN}]"),
        ("    name: 主管", f"    name: 主管{TOKEN}"),
        ("          item: 检查茶水备品", f"          item: 检查{TOKEN}"),
        ("        title: 检查茶水备品", f"        title: 检查{TOKEN}\n        details: 说明{TOKEN}"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    source.write_text(text, encoding="utf-8")
    with contextlib.chdir(root):
        assert main(["build", "--no-pdf", "--site-dir", "site"]) == 0
    return root / "site"


@pytest.mark.parametrize("width", [1280, 420])
@pytest.mark.parametrize("page_name", ["testing/valid-base.html", "checklists/valid-base.html", "tags.html"])
def test_long_values_stay_inside_the_content_column(
    long_value_site: Path, browser: Any, width: int, page_name: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto((long_value_site / page_name).as_uri())
        assert TOKEN in page.content()
        assert page.evaluate(OVERFLOWING) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
