"""WCAG 2.1 AA as a reader meets the site, in both colour schemes: axe-core on every page type (search
results open), links that stand out without colour, role colours that show, readable checklists on a phone,
and flowchart branches that a screen reader names with their arrows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.validate.pipeline import validate_root
from tests.helpers.browser import BrowserWatch, axe_violations, open_search_results
from tests.helpers.paths import ROOT
from tests.helpers.site_fixture import TODAY

pytestmark = pytest.mark.browser

# Material's colour scheme for each colour scheme the reader's system asks for.
SCHEMES = {"light": "default", "dark": "slate"}
SEARCH = "接待"
PAGES = [
    "index.html",
    "reception/index.html",  # a section
    "reception/vip-arrival-departure.html",
    "tech-support/tech-support-service.html",
    "sales-property/bar-counter-service.html",
    "checklists/vip-arrival-departure.html",
    "checklists/tech-support-service.html",
    "checklists/bar-counter-service.html",
    "roles/g1.html",  # a role with a code
    "roles/bar-attendant.html",
    "checklists/roles/bar-attendant.html",
    "roles/index.html",
    "forms.html",
    "glossary.html",
    "tags.html",
    "editor-guide/index.html",
    "editor-guide/en.html",
    "about.html",
    f"search:{SEARCH}",
]


def _open(page: Any, site: str, path: str, scheme: str) -> None:
    """The page as a reader whose system asks for ``scheme`` sees it."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site + path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]


def _assert_no_violations(page: Any, watch: BrowserWatch, site: str, axe_script: Path, path: str, scheme: str) -> None:
    """axe-core finds nothing on the page (``search:QUERY``: the home page with the query's results open)."""
    query = path.removeprefix("search:") if path.startswith("search:") else None
    _open(page, site, "index.html" if query else path, scheme)
    if query:
        open_search_results(page, query)
        assert page.locator(".md-search-result mark").count() > 0, "the found words are highlighted"
    assert axe_violations(page, axe_script) == []
    assert watch.console_errors == [] and watch.outside_requests == []


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_21_aa_violations(
    served_site: str, watched_page: tuple[Any, BrowserWatch], axe_script: Path, path: str, scheme: str
) -> None:
    _assert_no_violations(*watched_page, served_site, axe_script, path, scheme)


# On a phone: the chrome folds into a drawer, tables and charts must fit or be reachable by keyboard.
PHONE_PAGES = [
    "reception/vip-arrival-departure.html",
    "tech-support/tech-support-service.html",
    "checklists/roles/bar-attendant.html",
    f"search:{SEARCH}",
]


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_wcag_21_aa_violations_on_a_phone(
    served_site: str, watched_page: tuple[Any, BrowserWatch], axe_script: Path, path: str, scheme: str
) -> None:
    page, watch = watched_page
    page.set_viewport_size({"width": 375, "height": 740})
    _assert_no_violations(page, watch, served_site, axe_script, path, scheme)


# Links that sit among other text: decision options, a role's duties, the about page's prose.
TEXT_LINKS = {
    "tech-support/tech-support-service.html": ".hb-decision li > a",
    "roles/bar-attendant.html": ".hb-duties li > a",
    "about.html": "article p > a",
}
UNDERLINED = "els => els.map(a => getComputedStyle(a).textDecorationLine)"


@pytest.mark.parametrize("path", sorted(TEXT_LINKS))
def test_links_in_text_are_underlined(served_site: str, watched_page: tuple[Any, BrowserWatch], path: str) -> None:
    page, _ = watched_page
    page.goto(served_site + path)
    decorations = page.locator(TEXT_LINKS[path]).evaluate_all(UNDERLINED)
    assert decorations and all("underline" in d for d in decorations)
    # Shapes of their own are not: a button, a role badge.
    shapes = page.locator("article a.md-button, article a.hb-role").evaluate_all(UNDERLINED)
    assert all("underline" not in d for d in shapes)


# Every role colour of the scheme (not only those a page happens to use), the colour a badge of each
# index wears, the link colour, and each colour's contrast with the page.
ROLE_COLOURS = """() => {
  const probe = document.createElement('span');
  document.querySelector('article').append(probe);
  const rgb = value => { probe.style.color = ''; probe.style.color = value; return getComputedStyle(probe).color; };
  const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = colour => {
    const [r, g, b] = colour.match(/[\\d.]+/g).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const page = getComputedStyle(document.body).backgroundColor;
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const styles = getComputedStyle(document.body);
  const roles = [...Array(8).keys()].map(i => rgb(styles.getPropertyValue(`--hb-role-${i}`).trim()));
  const badges = [...document.querySelectorAll('article a.hb-role')].map(a => ({
    index: Number([...a.classList].find(c => /^hb-role-\\d$/.test(c)).slice(8)), colour: getComputedStyle(a).color,
  }));
  const link = getComputedStyle(document.querySelector('article p a:not([class])')).color;
  probe.remove();
  return {roles, badges, link, contrasts: roles.map(r => contrast(r, page))};
}"""


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_role_badges_wear_their_role_colours(
    served_site: str, watched_page: tuple[Any, BrowserWatch], scheme: str
) -> None:
    page, _ = watched_page
    _open(page, served_site, "sales-property/sales-site-property-reception.html", scheme)
    found = page.evaluate(ROLE_COLOURS)
    assert len(set(found["roles"])) == 8, "eight different colours"
    assert min(found["contrasts"]) >= 4.5, found
    badges = found["badges"]
    assert len({b["index"] for b in badges}) >= 5, "the chart's five lanes, each with its colour"
    assert all(b["colour"] == found["roles"][b["index"]] for b in badges)
    assert all(b["colour"] != found["link"] for b in badges), "not the link colour"


CHECKLISTS_ON_A_PHONE = ["checklists/tech-support-service.html", "checklists/roles/bar-attendant.html"]
ITEM_BOXES = """items => items.map(item => {
  const box = el => el.getBoundingClientRect();
  const text = item.querySelector('.hb-item-text'), side = item.querySelector('.hb-item-role, .hb-item-source');
  return {item: box(item).width, text: box(text).width, textBottom: box(text).bottom, sideTop: box(side).top};
})"""


@pytest.mark.parametrize("path", CHECKLISTS_ON_A_PHONE)
def test_checklist_items_keep_their_width_on_a_phone(
    served_site: str, watched_page: tuple[Any, BrowserWatch], path: str
) -> None:
    page, _ = watched_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(served_site + path)
    boxes = page.locator("li.hb-item").evaluate_all(ITEM_BOXES)
    assert boxes
    for box in boxes:
        assert box["text"] >= 0.8 * box["item"], "the item text keeps nearly the whole width"
        assert box["sideTop"] >= box["textBottom"] - 0.5, "the role or source goes under it"


def test_branch_labels_are_named_with_their_arrows(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    handbook = validate_root(ROOT / "procedures", TODAY).handbook
    assert handbook is not None
    procedure = next(p for p in handbook.procedures if p.id == "tech-support-work-management")
    titles = {step.id: step.title for step in procedure.steps}
    page, _ = watched_page
    page.goto(served_site + f"{procedure.section}/{procedure.id}.html")
    chart = page.locator("figure.hb-flowchart > svg[role]")
    options = [(step, option) for step in procedure.steps if step.decision for option in step.decision.options]
    assert len(options) >= 6
    for step, option in options:
        assert step.decision is not None and option.target in titles
        name = f"{step.decision.question} {option.label} → {titles[option.target]}"
        assert chart.get_by_role("img", name=re.compile(re.escape(name))).count() == 1, name
