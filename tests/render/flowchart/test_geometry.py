"""Flowchart layout geometry: boxes, labels and edges never collide, on any procedure graph."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from generator.model.handbook import END, Decision, Option, Phase, Procedure, Role, Step
from generator.render.flowchart.graph import NodeKind
from tests.helpers.layout_checks import any_text, assert_layout_sound, layout_of, make_procedure, procedures


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(procedures())
def test_random_procedures_lay_out_cleanly(procedure: Procedure) -> None:
    assert_layout_sound(layout_of(procedure))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(procedures(text=any_text, max_steps=4))
def test_hostile_text_lays_out_cleanly(procedure: Procedure) -> None:
    assert_layout_sound(layout_of(procedure))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(procedures(max_steps=20))
def test_large_procedures_lay_out_cleanly(procedure: Procedure) -> None:
    assert_layout_sound(layout_of(procedure))


def _chain(count: int, roles: int = 3) -> Procedure:
    role_list = tuple(Role(f"r{i}", f"角色{i}") for i in range(roles))
    steps = tuple(Step(f"s{i}", f"步骤{i}", f"r{i % roles}", ()) for i in range(count))
    return make_procedure(role_list, (Phase("a", "阶段", steps),))


def test_every_node_has_one_row_and_one_lane() -> None:
    layout = layout_of(_chain(5))
    steps = [node for node in layout.nodes if node.kind is NodeKind.PROCESS]
    assert [node.rank for node in steps] == [1, 2, 3, 4, 5]
    assert [node.lane for node in steps] == [0, 1, 2, 0, 1]
    assert [node.rect.y for node in steps] == sorted(node.rect.y for node in steps)


def test_loops_are_drawn_as_back_edges() -> None:
    roles = (Role("a", "甲"), Role("b", "乙"))
    steps = (
        Step("draft", "起草", "a", ()),
        Step("review", "审核", "b", (), decision=Decision("通过？", (Option("是", END), Option("退回重审", "draft")))),
    )
    layout = layout_of(make_procedure(roles, (Phase("p", "阶段", steps),)))
    back = [edge for edge in layout.edges if edge.back]
    assert [(edge.source, edge.target) for edge in back] == [("decision:review", "step:draft")]
    loop = back[0]
    assert min(p.y for p in loop.points) < layout.node("step:draft").rect.y, "goes up past the target"
    assert_layout_sound(layout)


def test_phases_are_bands_in_order() -> None:
    role = (Role("a", "甲"),)
    phases = tuple(Phase(f"p{i}", f"阶段{i}", (Step(f"s{i}", f"步骤{i}", "a", ()),)) for i in range(3))
    layout = layout_of(make_procedure(role, phases))
    assert [band.title for band in layout.bands] == ["阶段0", "阶段1", "阶段2"]
    for band, index in zip(layout.bands, range(3), strict=True):
        node = layout.node(f"step:s{index}").rect
        assert band.rect.y < node.y and node.bottom < band.rect.bottom
    assert all(a.rect.bottom == b.rect.y for a, b in zip(layout.bands, layout.bands[1:], strict=False))


def test_steps_sharing_a_row_and_lane_sit_side_by_side() -> None:
    role = (Role("a", "甲"),)
    options = tuple(Option(f"选项{i}", f"t{i}") for i in range(3))
    steps = (
        Step("ask", "判断", "a", (), decision=Decision("哪一种？", options)),
        *(Step(f"t{i}", f"处理{i}", "a", (), next=END) for i in range(3)),
    )
    layout = layout_of(make_procedure(role, (Phase("p", "阶段", steps),)))
    targets = [layout.node(f"step:t{i}") for i in range(3)]
    assert len({node.rank for node in targets}) == 1
    assert [node.rect.x for node in targets] == sorted(node.rect.x for node in targets)
    assert_layout_sound(layout)


def test_text_grows_the_box_instead_of_overflowing() -> None:
    long_title = "这是一个非常长的步骤标题，" * 12
    role = (Role("a", "甲"),)
    question = "另一个问题：" + long_title
    decision = Decision(question, (Option(long_title, END),))
    steps = (Step("s", long_title, "a", (), details="细节", decision=decision),)
    layout = layout_of(make_procedure(role, (Phase("p", "阶段", steps),)))
    box, diamond = layout.node("step:s"), layout.node("decision:s")
    assert "".join(box.text.lines) == long_title.strip()
    assert "".join(diamond.text.lines) == question.strip()
    assert box.rect.height > 200
    assert_layout_sound(layout)


def test_roles_without_steps_get_no_lane() -> None:
    roles = (Role("a", "甲"), Role("idle", "闲"), Role("b", "乙"))
    steps = (Step("s1", "一", "b", ()), Step("s2", "二", "a", ()))
    layout = layout_of(make_procedure(roles, (Phase("p", "阶段", steps),)))
    assert [lane.name for lane in layout.lanes] == ["甲", "乙"]


def test_sixty_steps_lay_out_cleanly() -> None:
    roles = tuple(Role(f"r{i}", f"角色{i}") for i in range(6))
    steps = []
    for i in range(60):
        if i % 7 == 3:
            options = (Option("继续", f"s{i + 1}"), Option("返回", f"s{max(0, i - 5)}"), Option("结束", END))
            steps.append(Step(f"s{i}", f"第{i}步", f"r{(i * 5) % 6}", (), decision=Decision("是否继续？", options)))
        else:
            steps.append(Step(f"s{i}", f"第{i}步的标题文字", f"r{(i * 5) % 6}", ()))
    phases = tuple(Phase(f"p{k}", f"阶段{k}", tuple(steps[k * 15 : k * 15 + 15])) for k in range(4))
    assert_layout_sound(layout_of(make_procedure(roles, phases)))
