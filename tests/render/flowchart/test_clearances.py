"""Charts that cannot be misread: edges keep apart, a decision is one shape, lines break between words."""

from __future__ import annotations

import unicodedata

import jieba
import pytest
from hypothesis import HealthCheck, given, settings

from generator.clock import today
from generator.model.handbook import END, Decision, Handbook, Option, Phase, Procedure, Role, Step
from generator.render.flowchart.glyphs import is_wide
from generator.render.flowchart.graph import NodeKind
from generator.render.flowchart.layout import layout_flowchart
from generator.render.flowchart.layout_model import Layout, NodeBox
from generator.render.flowchart.text import text_width
from generator.render.word_cache import keep_cache_in_user_folder
from generator.validate.pipeline import validate_root
from tests.helpers.flowchart_clearance import clearance_violations
from tests.helpers.layout_checks import layout_of, make_procedure, procedures
from tests.helpers.paths import ROOT


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    found = validate_root(ROOT / "procedures", today()).handbook
    assert found is not None, "the shipped handbook did not load"
    return found


@pytest.fixture(scope="module")
def layouts(handbook: Handbook) -> dict[str, Layout]:
    assert handbook.procedures
    return {p.id: layout_flowchart(p, start_label="开始", end_label="结束") for p in handbook.procedures}


def test_every_shipped_chart_keeps_its_clearances(layouts: dict[str, Layout]) -> None:
    found = {procedure_id: clearance_violations(layout) for procedure_id, layout in layouts.items()}
    assert {procedure_id: v for procedure_id, v in found.items() if v} == {}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(procedures(max_steps=6))
def test_generated_charts_keep_their_clearances(procedure: Procedure) -> None:
    assert clearance_violations(layout_of(procedure)) == []


def test_a_branch_does_not_turn_just_above_another_branch_arrow() -> None:
    """The shape of the misread charts: one option to the next box, one past it to a later box."""
    role = (Role("a", "甲"),)
    options = (Option("能立即支持", "later"), Option("正在处理，无法立即支持", "next"))
    steps = (
        Step("ask", "判断能否立即支持", "a", (), details="说明", decision=Decision("能否立即支持？", options)),
        Step("next", "向销售说明", "a", ()),
        Step("middle", "销售答复", "a", ()),
        Step("later", "由第一售前处理", "a", (), next=END),
    )
    layout = layout_of(make_procedure(role, (Phase("p", "阶段", steps),)))
    assert clearance_violations(layout) == []
    into_next = next(edge for edge in layout.edges if edge.target == "step:next")
    assert len(into_next.points) == 2, "the option to the box right below goes straight down"


def _letters(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char)[0] in "LN")


def test_one_decision_one_shape(handbook: Handbook, layouts: dict[str, Layout]) -> None:
    for procedure in handbook.procedures:
        layout = layouts[procedure.id]
        for step in procedure.steps:
            shapes = [node for node in layout.nodes if node.step_id == step.id]
            if step.decision is None:
                assert [node.kind for node in shapes] == [NodeKind.PROCESS], step.id
                continue
            assert sorted(node.kind for node in shapes).count(NodeKind.DECISION) == 1, step.id
            question = _letters(step.decision.question)
            boxes = [node for node in shapes if node.kind is NodeKind.PROCESS]
            assert all(_letters("".join(box.text.lines)) != question for box in boxes), step.id


def test_vip_decisions_are_drawn_as_diamonds_only(layouts: dict[str, Layout]) -> None:
    layout = layouts["vip-arrival-departure"]
    diamonds = [node for node in layout.nodes if node.kind is NodeKind.DECISION]
    assert len(diamonds) == 3
    for diamond in diamonds:
        assert [node.kind for node in layout.nodes if node.step_id == diamond.step_id] == [NodeKind.DECISION]
        assert any(edge.target == diamond.id for edge in layout.edges), "arrows lead into the diamond"


_words = jieba.Tokenizer()
keep_cache_in_user_folder(_words)  # as the generator's own tokenizers: never in the system's temp folder


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each dictionary word in the runs of wide characters of ``text``."""
    spans, start = [], 0
    while start < len(text):
        end = start
        while end < len(text) and is_wide(text[end]):
            end += 1
        if end == start:
            start += 1
            continue
        position = start
        for word in _words.lcut(text[start:end], HMM=False):
            spans.append((position, position + len(word), word))
            position += len(word)
        start = end
    return spans


def _mid_word_breaks(node: NodeBox) -> list[str]:
    lines = node.text.lines
    joined = "".join(lines)
    breaks = [sum(len(line) for line in lines[:i]) for i in range(1, len(lines))]
    room = node.text.rect.width
    return [
        f"{node.id}: {lines} breaks {word}"
        for at in breaks
        for start, end, word in _word_spans(joined)
        if start < at < end and text_width(word, node.text.font_size) <= room
    ]


def test_chinese_box_text_breaks_between_words(layouts: dict[str, Layout]) -> None:
    breaks = [
        found
        for layout in layouts.values()
        for node in layout.nodes
        if node.kind in (NodeKind.PROCESS, NodeKind.DECISION)
        for found in _mid_word_breaks(node)
    ]
    assert breaks == []
    assert sum(len(node.text.lines) > 1 for layout in layouts.values() for node in layout.nodes) > 20
