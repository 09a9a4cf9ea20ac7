"""Flowcharts as a reader sees them: drawn inline, with lanes, and each box linking to its step."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.browser import BrowserWatch

pytestmark = pytest.mark.browser

# Decodes the screenshot in the page's own canvas and measures what was drawn.
PIXEL_STATS = """async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  let dark = 0, coloured = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (r + g + b < 300) dark++;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
  }
  return {width: img.width, height: img.height, dark, coloured};
}"""

SEED_CHARTS = {
    "sales-property/sales-site-property-reception.html": [
        "门岗礼宾",
        "停车场礼宾",
        "大门迎宾",
        "大客户经理",
        "大客户管家",
    ],
    "tech-support/tech-support-service.html": ["研发中心", "技术支持管理员", "产品经理"],
}


@pytest.mark.parametrize("page_path", sorted(SEED_CHARTS))
def test_seed_flowchart_is_drawn(
    page_path: str, served_site: str, watched_page: tuple[Any, BrowserWatch], tmp_path: Path
) -> None:
    page, watch = watched_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(served_site + page_path)
    chart = page.locator("figure.hb-flowchart > svg[role]")
    text = chart.text_content() or ""
    for lane in SEED_CHARTS[page_path]:
        assert lane in text
    shot = chart.screenshot(path=str(tmp_path / "chart.png"))
    stats = page.evaluate(PIXEL_STATS, base64.b64encode(shot).decode("ascii"))
    assert stats["width"] > 400 and stats["height"] > 400
    area = stats["width"] * stats["height"]
    assert stats["dark"] > area * 0.002, "lines and text are drawn"
    assert stats["coloured"] > area * 0.001, "decisions and terminators are filled"
    assert watch.console_errors == [] and watch.outside_requests == []


def test_a_box_links_to_its_step(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, _ = watched_page
    page.goto(served_site + "reception/vip-arrival-departure.html")
    link = page.locator("figure.hb-flowchart svg a").first
    href = link.get_attribute("href") or link.get_attribute("xlink:href") or ""
    assert href.startswith("#step-")
    link.click()
    assert page.evaluate("location.hash") == href
    assert page.locator(href).is_visible()


def test_dark_scheme_recolours_the_chart(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, _ = watched_page
    page.goto(served_site + "reception/vip-arrival-departure.html")
    canvas = "getComputedStyle(document.querySelector('.hb-flow-canvas')).fill"
    light = page.evaluate(canvas)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert page.evaluate(canvas) != light


def test_lane_headers_stay_in_view_on_a_phone(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, _ = watched_page
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(served_site + "tech-support/tech-support-service.html")
    frame = page.locator("figure.hb-flowchart")
    frame.scroll_into_view_if_needed()
    frame.evaluate("f => { f.scrollTop = 900; f.scrollLeft = 400; }")
    strip = page.locator("figure.hb-flowchart svg.hb-flow-lanes")
    chart = page.locator("figure.hb-flowchart > svg[role]")
    frame_box, strip_box, chart_box = frame.bounding_box(), strip.bounding_box(), chart.bounding_box()
    assert frame_box and strip_box and chart_box
    assert chart_box["y"] < frame_box["y"] - 800, "the chart scrolled up inside its frame"
    assert abs(strip_box["y"] - frame_box["y"]) < 1, "the lane headers stay at the top of the frame"
    assert abs(strip_box["x"] - chart_box["x"]) < 1, "and scroll sideways with the chart"
    names = strip.locator("text.hb-flow-lane-name").all_text_contents()
    assert "研发中心" in names and strip.get_attribute("aria-hidden") == "true"
    top_at = "([x, y]) => document.elementFromPoint(x, y).closest('svg')?.classList.contains('hb-flow-lanes')"
    assert page.evaluate(top_at, [frame_box["x"] + 100, frame_box["y"] + 10]), "nothing covers the strip"


def test_printed_chart_is_cut_into_pages_with_headers(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    page, watch = watched_page
    page.goto(served_site + "tech-support/tech-support-service.html")
    page.emulate_media(media="print")
    pages = page.locator("figure.hb-flowchart > svg.hb-flow-print")
    assert pages.count() > 1
    for index in range(pages.count()):
        box = pages.nth(index).bounding_box()
        assert box and 300 < box["width"] <= 1047 and box["height"] <= 719
    chart = page.locator("figure.hb-flowchart > svg.hb-flow:not(.hb-flow-print, .hb-flow-lanes)").bounding_box()
    assert chart and chart["width"] == 0, "the chart itself prints only through its pages"
    shot = pages.first.screenshot()
    stats = page.evaluate(PIXEL_STATS, base64.b64encode(shot).decode("ascii"))
    area = stats["width"] * stats["height"]
    assert area * 0.002 < stats["dark"] < area * 0.5, "drawn in black on white, not filled black"
    assert watch.console_errors == []


# The box the arrow out of 开始 points at: the edge starting on the start terminal's bottom edge,
# followed to its end, and the node whose top that end touches.
FIRST_AFTER_START = """(chart) => {
  const start = chart.querySelector('rect.hb-flow-start');
  const cx = +start.getAttribute('x') + +start.getAttribute('width') / 2;
  const bottom = +start.getAttribute('y') + +start.getAttribute('height');
  const numbers = (d) => d.match(/-?\\d+(\\.\\d+)?/g).map(Number);
  const edge = Array.from(chart.querySelectorAll('path.hb-flow-edge')).find((path) => {
    const [x, y] = numbers(path.getAttribute('d'));
    return Math.abs(x - cx) < 1 && Math.abs(y - bottom) < 1;
  });
  const points = numbers(edge.getAttribute('d'));
  const [ex, ey] = points.slice(-2);
  const node = Array.from(chart.querySelectorAll('g.hb-flow-node[data-step]')).find((g) => {
    const box = g.querySelector('rect, polygon').getBBox();
    return ex >= box.x && ex <= box.x + box.width && Math.abs(ey - box.y) < 2;
  });
  return node ? node.getAttribute('data-step') : null;
}"""


def test_technical_support_starts_with_its_initiation(served_site: str, watched_page: tuple[Any, BrowserWatch]) -> None:
    """The seed's 第九条: every support process starts with 《技术支持立项单》, before anything else."""
    page, watch = watched_page
    page.goto(served_site + "tech-support/tech-support-work-management.html")
    chart = page.locator("figure.hb-flowchart > svg[role]")
    assert chart.evaluate(FIRST_AFTER_START) == "initiate-support-project"
    assert "立项" in page.inner_text("#step-initiate-support-project")
    assert watch.console_errors == [] and watch.outside_requests == []
