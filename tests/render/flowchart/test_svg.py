"""The flowchart SVG document: well-formed, escaped, accessible, styled through CSS variables, deterministic."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings

from generator.model.handbook import END, Decision, Option, Phase, Procedure, Role, Step
from generator.render.flowchart import render_flowchart
from generator.render.flowchart.text import display_text
from tests.helpers.layout_checks import HOSTILE, any_text, make_procedure, procedures
from tests.helpers.paths import ROOT

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def _sample() -> Procedure:
    roles = (Role("a", "申请人", "A1"), Role("b", "审核人"))
    steps = (
        Step("apply", "提交申请", "a", ()),
        Step("check", "审核", "b", (), decision=Decision("是否通过？", (Option("通过", END), Option("退回", "apply")))),
    )
    return make_procedure(roles, (Phase("p1", "申请阶段", steps),), title="请假流程")


def _render(procedure: Procedure, **options: object) -> str:
    return render_flowchart(procedure, start_label="开始", end_label="结束", **options)  # type: ignore[arg-type]


def _all_text(root: ET.Element) -> str:
    return "".join(root.itertext())


def test_document_is_standalone_svg_with_title_and_description() -> None:
    svg = _render(_sample(), title_id_prefix="leave-")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "leave-flow-title leave-flow-desc"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text == "请假流程" and title.get("id") == "leave-flow-title"
    assert desc is not None and desc.get("id") == "leave-flow-desc"
    assert desc.text == "请假流程：2 个泳道（申请人（A1）、审核人），1 个阶段，2 个步骤。"
    assert not svg.startswith("<?xml")
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


def test_every_id_carries_the_prefix() -> None:
    svg = _render(_sample(), title_id_prefix="chart-2-")
    ids = re.findall(r'\bid="([^"]*)"', svg)
    assert ids and all(i.startswith("chart-2-") for i in ids)
    assert "url(#chart-2-flow-arrow)" in svg
    two = _render(_sample(), title_id_prefix="x y\"<'#")
    assert 'id="x-y----flow-title"' in two


def test_step_boxes_link_only_when_asked() -> None:
    assert "<a " not in _render(_sample())
    svg = _render(_sample(), step_href=lambda step_id: f"page.html?x=1&y=2#step-{step_id}")
    root = ET.fromstring(svg)
    links = root.findall(".//svg:a", NS)
    assert root.get("role") == "group", "links inside role=img would be hidden from assistive technology"
    hrefs = [link.get("href") for link in links]
    assert "page.html?x=1&y=2#step-apply" in hrefs
    assert "page.html?x=1&y=2#step-check" in hrefs
    assert all(link.find(".//svg:text", NS) is not None for link in links)


def test_lanes_phases_steps_and_labels_are_drawn() -> None:
    root = ET.fromstring(_render(_sample()))
    text = _all_text(root)
    for expected in (
        "申请人",
        "A1",
        "审核人",
        "申请阶段",
        "提交申请",
        "审核",
        "是否通过？",
        "通过",
        "退回",
        "开始",
        "结束",
    ):
        assert expected in text
    assert len(root.findall(".//svg:polygon[@class='hb-flow-decision']", NS)) == 1
    assert len(root.findall(".//svg:rect[@class='hb-flow-box']", NS)) == 2
    assert len(root.findall(".//svg:path[@marker-end]", NS)) == 5


def test_each_branch_label_is_named_for_screen_readers_as_its_arrow() -> None:
    root = ET.fromstring(_render(_sample(), step_href=lambda step_id: f"#step-{step_id}"))
    branches = root.findall(".//svg:g[@class='hb-flow-branch']", NS)
    names = sorted(branch.get("aria-label") or "" for branch in branches)
    assert names == ["是否通过？ 退回 → 提交申请", "是否通过？ 通过 → 结束"]
    for branch in branches:
        assert branch.get("role") == "img"
        title = branch.find("svg:title", NS)
        assert title is not None and title.text == branch.get("aria-label"), "the same words as a tooltip"
        assert _all_text(branch).endswith(("通过", "退回")), "the label itself is drawn inside"


def test_colours_come_only_from_css_variables() -> None:
    svg = _render(_sample())
    assert not re.search(r'\s(fill|stroke|color|style)="', svg), "no presentation colours on elements"
    style = ET.fromstring(svg).find("svg:style", NS)
    assert style is not None and style.text is not None
    for value in re.findall(r"(?:fill|stroke):([^;}]*)", style.text):
        assert value == "none" or re.fullmatch(r"var\(--hb-flow-[a-z-]+, #[0-9a-f]{6}\)", value), value
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif' in style.text
    css = (ROOT / "generator" / "assets" / "flowchart.css").read_text(encoding="utf-8")
    used = set(re.findall(r"var\((--hb-flow-[a-z-]+)", style.text))
    for scheme in ('[data-md-color-scheme="default"]', '[data-md-color-scheme="slate"]', "@media print"):
        block = css[css.index(scheme) :]
        block = block[: block.index("}")]
        assert used <= set(re.findall(r"(--hb-flow-[a-z-]+):", block)), scheme


def test_hostile_text_is_escaped() -> None:
    roles = tuple(Role(f"r{i}", text, text) for i, text in enumerate(HOSTILE[:4]))
    steps = tuple(
        Step(
            f'id-{i}-<&">',
            text,
            roles[i % 4].id,
            (),
            decision=Decision(text, (Option(text, END),)) if i % 3 == 0 else None,
        )
        for i, text in enumerate(HOSTILE)
    )
    procedure = make_procedure(roles, (Phase("p", HOSTILE[0], steps),), title=HOSTILE[1] + "T" * 500)
    svg = render_flowchart(procedure, start_label="</text>", end_label="&", step_href=lambda s: f"#{s}")
    root = ET.fromstring(svg)
    assert not root.findall(".//script") and not root.findall(".//svg:script", NS)
    assert "<script>" not in svg and "</text><" not in svg.replace("</tspan></text>", "")
    text = _all_text(root)
    assert "<script>alert(1)</script>" in text
    assert "&amp; &lt;" in text
    assert "😀" in text and "שלום" in text
    assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", svg) is None
    title = root.find("svg:title", NS)
    assert title is not None and title.text == display_text(procedure.title)
    svg.encode("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(procedures(text=any_text, max_steps=4), any_text)
def test_any_text_renders_to_well_formed_svg(procedure: Procedure, label: str) -> None:
    svg = render_flowchart(procedure, start_label=label, end_label=label, step_href=lambda s: label + s)
    ET.fromstring(svg)
    svg.encode("utf-8")


def test_same_input_same_bytes() -> None:
    assert _render(_sample(), step_href=str) == _render(_sample(), step_href=str)


def test_output_does_not_depend_on_hash_seeds() -> None:
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.clock import today\n"
        "from generator.render.flowchart import render_flowchart\n"
        "from generator.validate.pipeline import validate_root\n"
        "hb = validate_root(Path('procedures'), today()).handbook\n"
        "p = hb.procedure('tech-support-service')\n"
        "sys.stdout.write(render_flowchart(p, start_label='s', end_label='e'))\n"
    )
    outputs = {
        seed: subprocess.run(
            [sys.executable, "-c", program],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert outputs["1"].startswith("<svg")
    assert outputs["1"] == outputs["2"] == outputs["3"]


def test_fifteen_steps_with_a_loop_draw_every_step_and_lane() -> None:
    # How fast this renders is a benchmark figure (make bench), not a test.
    roles = tuple(Role(f"r{i}", f"角色{i}") for i in range(4))
    steps = [Step(f"s{i}", f"第{i}步：处理客户的来访登记事项", f"r{i % 4}", ()) for i in range(15)]
    steps[7] = Step(
        "s7", "审核", "r3", (), decision=Decision("是否通过审核？", (Option("是", "s8"), Option("否", "s2")))
    )
    procedure = make_procedure(roles, (Phase("a", "一", tuple(steps[:8])), Phase("b", "二", tuple(steps[8:]))))
    root = ET.fromstring(_render(procedure))
    text = _all_text(root)
    assert all(f"角色{i}" in text for i in range(4))
    assert all(f"第{i}步" in text for i in range(15) if i != 7)
    assert "是否通过审核？" in text
    assert len(root.findall(".//svg:rect[@class='hb-flow-box']", NS)) == 15
    assert len(root.findall(".//svg:polygon[@class='hb-flow-decision']", NS)) == 1
