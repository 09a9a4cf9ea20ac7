"""Generated pages: golden Markdown per page kind, escaping, labels and navigation."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from generator.render.labels import labels_for
from generator.render.site.content import build_site_content
from generator.render.site.section_pages import nav_title
from tests.helpers import paths
from tests.helpers.golden import assert_golden
from tests.helpers.site_fixture import TODAY, fixture_handbook, fixture_site

GOLDENS = paths.GOLDENS / "site"
PAGE_KINDS = [
    "index.md",
    "testing/index.md",
    "testing/full-example.md",
    "checklists/index.md",
    "checklists/full-example.md",
    "checklists/roles/bar-attendant.md",
    "roles/index.md",
    "roles/bar-attendant.md",
    "forms.md",
    "tags.md",
    "glossary.md",
    "review.md",
]


@pytest.mark.parametrize("page", PAGE_KINDS)
def test_page_matches_golden(page: str, update_goldens: bool) -> None:
    assert_golden(fixture_site().files[page], GOLDENS / page, update_goldens)


def test_user_text_is_escaped_and_never_a_template() -> None:
    for page, text in fixture_site().files.items():
        assert "<script>" not in text, page
        assert "<b>流程</b>" not in text, page
    page = fixture_site().files["testing/full-example.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    assert "\\{\\{ 7\\*7 \\}\\}" in heading  # Markdown syntax made literal
    assert "{% raw %}模板{% endraw %}" in page
    assert 'href="javascript:' not in page


def test_every_procedure_is_in_the_navigation() -> None:
    nav = repr(fixture_site().nav)
    for procedure in fixture_handbook().procedures:
        assert f"'{procedure.section}/{procedure.id}.md'" in nav
        assert f"'checklists/{procedure.id}.md'" in nav


def test_overdue_review_shows_a_notice() -> None:
    late = build_site_content(fixture_handbook(), date(2100, 1, 1))
    assert "hb-overdue" in late.files["testing/full-example.md"]
    assert "hb-overdue" not in fixture_site().files["testing/full-example.md"]
    assert "已过期" in late.files["review.md"]


def test_labels_follow_the_handbook_language() -> None:
    english = build_site_content(dataclasses.replace(fixture_handbook(), language="en"), TODAY)
    page = english.files["testing/full-example.md"]
    assert "## Purpose {#purpose}" in page and "目的" not in page
    assert "## 目的 {#purpose}" in fixture_site().files["testing/full-example.md"]


def test_search_dictionary_holds_role_and_form_names() -> None:
    terms = fixture_site().search_terms
    assert {"吧台服务员", "主管", "客户接待登记表", "VIP", "复核"} <= set(terms)


def test_role_day_is_in_clock_order() -> None:
    page = fixture_site().files["roles/bar-attendant.md"]
    day = page.split("{#day}")[1].split("{#steps}")[0]
    clocks = re.findall(r'hb-clock">([0-9:]+)', day)
    assert clocks == sorted(clocks, key=lambda c: tuple(int(x) for x in c.split(":")))
    assert clocks[0] == "08:30"


def test_forms_index_lists_the_steps_that_use_each_form() -> None:
    page = fixture_site().files["forms.md"]
    section = page.split("{#form-visit-register}")[1]
    assert "full-example.html#step-review" in section
    assert "valid-base.html#step-check-supplies" in section


def test_relative_urls_match_posixpath_relpath() -> None:
    import posixpath

    from generator.render.paths import _relpath

    paths = ["index.html", "a/b.html", "a/c/d.html", "e/f.html", "a/index.html", "a/b.svg"]
    for start in ["", "a", "a/c", "e", "x/y"]:
        for path in paths:
            assert _relpath(path, start) == posixpath.relpath(path, start or "."), (path, start)


def test_checklists_are_grouped_by_section_in_the_navigation() -> None:
    handbook = fixture_handbook()
    site = fixture_site()
    label = labels_for(handbook.language).checklists
    checklists = next(item for item in site.nav if isinstance(item, dict) and label in item)[label]
    groups = {title: entries for item in checklists if isinstance(item, dict) for title, entries in item.items()}
    for section in handbook.sections:
        expected = [{nav_title(p.title): f"checklists/{p.id}.md"} for p in handbook.in_section(section.id)]
        assert groups.get(nav_title(section.title), []) == expected
