"""Printed charts: windows of at most a landscape page, smallest text at 7 pt, headers on every page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.clock import today
from generator.model.handbook import Handbook
from generator.render.flowchart import metrics as m
from generator.render.flowchart.layout import layout_flowchart
from generator.render.flowchart.layout_model import Layout
from generator.render.flowchart.print_pages import lane_groups, row_cuts, write_print_pages
from generator.validate.pipeline import validate_root
from tests.helpers.paths import ROOT

NS = {"svg": "http://www.w3.org/2000/svg"}
A4_LANDSCAPE_PX = (277 / 25.4 * 96, 190 / 25.4 * 96)  # less 10 mm margins
SEVEN_PT_PX = 7 / 72 * 96


@pytest.fixture(scope="module")
def layouts() -> dict[str, Layout]:
    handbook: Handbook | None = validate_root(ROOT / "procedures", today()).handbook
    assert handbook is not None
    return {p.id: layout_flowchart(p, start_label="开始", end_label="结束") for p in handbook.procedures}


def _pages(layout: Layout) -> list[ET.Element]:
    return [ET.fromstring(page) for page in write_print_pages(layout, "body").split("\n") if page]


def test_every_page_fits_a_landscape_page_with_text_at_seven_points(layouts: dict[str, Layout]) -> None:
    for layout in layouts.values():
        for page in _pages(layout):
            width, height = float(page.get("width", "0")), float(page.get("height", "0"))
            scale = width / float(page.get("viewBox", "").split()[2])
            assert width <= A4_LANDSCAPE_PX[0] + 0.5 and height <= A4_LANDSCAPE_PX[1] + 0.5
            smallest = min(m.FONT_SIZE, m.LABEL_FONT_SIZE, m.CODE_FONT_SIZE, m.PHASE_FONT_SIZE)
            assert smallest * scale >= SEVEN_PT_PX


def test_pages_cover_the_chart_and_repeat_the_headers(layouts: dict[str, Layout]) -> None:
    for procedure_id, layout in layouts.items():
        cuts = row_cuts(layout, 700)
        assert cuts[0][0] == layout.header.bottom
        assert abs(sum(height for _, height in cuts) - (layout.height - layout.header.bottom)) < 0.01
        groups = lane_groups(layout, 1200)
        assert abs(sum(width for _, width in groups) - sum(lane.rect.width for lane in layout.lanes)) < 0.01
        pages = _pages(layout)
        windows = [[w.get("viewBox", "") for w in page.iterfind("svg:svg", NS)] for page in pages]
        for page in windows:  # the corner, the lane headers from y 0, the phase column from x 0, the chart
            assert page[0].startswith("0 0 ") and re.match(r"[\d.]+ 0 ", page[1]) and page[2].startswith("0 ")
        assert len(pages) >= 1, procedure_id


def test_cuts_fall_between_boxes(layouts: dict[str, Layout]) -> None:
    layout = layouts["tech-support-service"]
    cuts = [y for y, _ in row_cuts(layout, 800)[1:]]
    assert cuts
    for y in cuts:
        assert not any(node.rect.y < y < node.rect.bottom for node in layout.nodes), y
