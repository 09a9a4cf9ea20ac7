"""Flowcharts of the shipped procedures: golden SVGs, the acceptance facts, clean geometry for all."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from generator.clock import today
from generator.model.handbook import Handbook, Procedure
from generator.render.flowchart import render_flowchart
from generator.render.flowchart.layout import layout_flowchart
from generator.render.flowchart.layout_model import Layout
from generator.validate.pipeline import validate_root
from tests.helpers import paths
from tests.helpers.golden import assert_golden
from tests.helpers.layout_checks import assert_layout_sound
from tests.helpers.paths import ROOT

GOLDENS = paths.GOLDENS / "flowchart"
GOLDEN_IDS = ["tech-support-service", "sales-site-property-reception", "vip-arrival-departure"]
NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    found = validate_root(ROOT / "procedures", today()).handbook
    assert found is not None, "the shipped handbook did not load"
    return found


def _procedure(handbook: Handbook, procedure_id: str) -> Procedure:
    procedure = handbook.procedure(procedure_id)
    assert procedure is not None, f"{procedure_id} is not in the shipped handbook"
    return procedure


def _svg(procedure: Procedure) -> str:
    return render_flowchart(
        procedure,
        start_label="开始",
        end_label="结束",
        step_href=lambda step_id: f"#step-{step_id}",
        title_id_prefix=f"flow-{procedure.id}-",
    )


def _layout(procedure: Procedure) -> Layout:
    return layout_flowchart(procedure, start_label="开始", end_label="结束")


@pytest.mark.parametrize("procedure_id", GOLDEN_IDS)
def test_golden_svg(handbook: Handbook, procedure_id: str, update_goldens: bool) -> None:
    assert_golden(_svg(_procedure(handbook, procedure_id)), GOLDENS / f"{procedure_id}.svg", update_goldens)


def test_every_shipped_procedure_lays_out_cleanly(handbook: Handbook) -> None:
    assert handbook.procedures
    for procedure in handbook.procedures:
        layout = _layout(procedure)
        assert_layout_sound(layout)
        ET.fromstring(_svg(procedure))
        drawn = {node.step_id for node in layout.nodes if node.step_id is not None}
        assert drawn == {step.id for step in procedure.steps}, procedure.id


def test_property_reception_has_a_lane_per_post(handbook: Handbook) -> None:
    procedure = _procedure(handbook, "sales-site-property-reception")
    layout = _layout(procedure)
    names = [lane.name for lane in layout.lanes]
    assert set(names) == {"门岗礼宾", "停车场礼宾", "大门迎宾", "大客户经理", "大客户管家", "水吧服务员"}
    declared = [role.name for role in procedure.roles]
    assert names == sorted(names, key=declared.index), "lanes follow the declared role order"
    assert [lane.code for lane in layout.lanes] == ["L1", "L2", "G1", "Y1", "X1", "S1"]
    root = ET.fromstring(_svg(procedure))
    headers = ["".join(t.itertext()) for t in root.iterfind(".//svg:text[@class='hb-flow-lane-name']", NS)]
    assert headers == names


def _reachable(layout: Layout, start: str, stop: str) -> Iterator[str]:
    """Nodes reachable from ``start`` without passing ``stop``."""
    seen, stack = {start, stop}, [start]
    while stack:
        node = stack.pop()
        yield node
        for edge in layout.edges:
            if edge.source == node and edge.target not in seen:
                seen.add(edge.target)
                stack.append(edge.target)


def test_tech_support_shows_phases_and_escalation_branches(handbook: Handbook) -> None:
    procedure = _procedure(handbook, "tech-support-service")
    layout = _layout(procedure)
    assert [band.title for band in layout.bands] == [phase.title for phase in procedure.phases]
    assert len(layout.bands) == 3
    lanes = [lane.name for lane in layout.lanes]
    escalation = next(e for e in layout.edges if e.label and "研发中心或合作伙伴" in "".join(e.label.lines))
    assert escalation.source == "decision:assess-capacity"
    branches = [e for e in layout.edges if e.source == "decision:fill-rd-request"]
    assert len(branches) == 2 and all(e.label for e in branches)
    reached = [set(_reachable(layout, branch.target, "step:supervise-progress")) for branch in branches]

    def mentions(nodes: set[str], text: str) -> bool:
        boxes = [layout.node(node) for node in nodes]
        return any(text in lanes[box.lane] or text in "".join(box.text.lines) for box in boxes)

    rd_branch = [nodes for nodes in reached if any(lanes[layout.node(n).lane] == "研发中心" for n in nodes)]
    partner_branch = [nodes for nodes in reached if mentions(nodes, "合作伙伴")]
    assert rd_branch and partner_branch and rd_branch[0] != partner_branch[0]
    text = "".join(ET.fromstring(_svg(procedure)).itertext())
    for phase in procedure.phases:
        assert phase.title.replace(" ", "") in text.replace(" ", "").replace("\n", "")
