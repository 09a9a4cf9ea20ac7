"""Flowchart layout geometry: boxes, labels and edges never collide, on any procedure graph."""

from __future__ import annotations

from datetime import date
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.load.positions import Positions
from generator.model.handbook import END, Decision, Option, Phase, Procedure, Role, Source, SourceMap, Step
from generator.render.flowchart.geometry import Point, Rect
from generator.render.flowchart.graph import NodeKind
from generator.render.flowchart.layout import layout_flowchart
from generator.render.flowchart.layout_model import EdgeLine, Layout, NodeBox, TextBlock
from generator.render.flowchart.text import text_width

EPS = 0.2

HOSTILE = [
    "</text>",
    "<script>alert(1)</script>",
    "&",
    "&amp; &lt;",
    "a\x00b\x01c\x1f\x7f",
    "\ufffe\uffff",
    "lone \ud800 surrogate",
    "😀👩‍👩‍👧 emoji",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eRTL override",
    "]]>",
    "\"quotes' and\ttabs\nnewlines",
    "中" * 500,
    "word " * 100,
    "x" * 500,
]
short_text = st.text(max_size=24)
any_text = st.one_of(short_text, st.sampled_from(HOSTILE))


def make_procedure(
    roles: tuple[Role, ...], phases: tuple[Phase, ...], title: str = "Flow", proc_id: str = "p"
) -> Procedure:
    return Procedure(
        id=proc_id,
        section="s",
        file="s/p.yaml",
        title=title,
        version="1",
        effective=date(2026, 1, 1),
        owner="o",
        review_by=date(2027, 1, 1),
        source=Source("doc"),
        purpose="purpose",
        roles=roles,
        phases=phases,
        source_map=SourceMap(Positions("s/p.yaml", {})),
    )


def _step(draw: st.DrawFn, step_id: str, role_ids: list[str], targets: list[str], text: st.SearchStrategy[str]) -> Step:
    role = draw(st.sampled_from(role_ids))
    kind = draw(st.sampled_from(["plain", "next", "decision"]))
    if kind == "next":
        return Step(step_id, draw(text), role, (), next=draw(st.sampled_from(targets)))
    if kind == "decision":
        count = draw(st.integers(1, 5))
        options = tuple(Option(draw(text), draw(st.sampled_from(targets))) for _ in range(count))
        return Step(step_id, draw(text), role, (), decision=Decision(draw(text), options))
    return Step(step_id, draw(text), role, ())


@st.composite
def procedures(draw: st.DrawFn, text: st.SearchStrategy[str] = short_text, max_steps: int = 7) -> Procedure:
    """Random roles, phases and steps; next/decision targets anywhere (back-edges, self-loops, the end)."""
    role_count = draw(st.integers(1, 5))
    roles = tuple(Role(f"r{i}", draw(text), draw(st.none() | text)) for i in range(role_count))
    counts = [draw(st.integers(0, max_steps)) for _ in range(draw(st.integers(1, 4)))]
    counts[0] = max(counts[0], 1)
    step_ids = [f"s{i}" for i in range(sum(counts))]
    targets = [*step_ids, END]
    role_ids = [role.id for role in roles]
    steps = iter([_step(draw, step_id, role_ids, targets, text) for step_id in step_ids])
    phases = tuple(
        Phase(f"ph{i}", draw(text), tuple(next(steps) for _ in range(count))) for i, count in enumerate(counts)
    )
    return make_procedure(roles, phases, draw(text))


# --- geometry helpers -------------------------------------------------------------------------


def _diamond_value(node: NodeBox, x: float, y: float) -> float:
    """|dx|/a + |dy|/b: below 1 inside the diamond, 1 on its border."""
    centre = node.rect.center
    return abs(x - centre.x) / (node.rect.width / 2) + abs(y - centre.y) / (node.rect.height / 2)


def on_border(node: NodeBox, point: Point) -> bool:
    rect = node.rect
    if node.kind is NodeKind.DECISION:
        return abs(_diamond_value(node, point.x, point.y) - 1) < 0.01
    inside = rect.x - EPS <= point.x <= rect.right + EPS and rect.y - EPS <= point.y <= rect.bottom + EPS
    near_side = min(abs(point.x - rect.x), abs(point.x - rect.right), abs(point.y - rect.y), abs(point.y - rect.bottom))
    return inside and near_side <= EPS


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def crosses_interior(node: NodeBox, a: Point, b: Point) -> bool:
    """Whether the axis-parallel segment a-b enters the open interior of the node's shape."""
    rect = node.rect
    low_x, high_x, low_y, high_y = min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)
    if node.kind is NodeKind.DECISION:
        centre = rect.center
        x = _clamp(centre.x, low_x, high_x)
        y = _clamp(centre.y, low_y, high_y)
        return _diamond_value(node, x, y) < 1 - 0.01
    return low_x < rect.right - EPS and high_x > rect.x + EPS and low_y < rect.bottom - EPS and high_y > rect.y + EPS


def segment_crosses_rect(rect: Rect, a: Point, b: Point) -> bool:
    low_x, high_x, low_y, high_y = min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)
    return low_x < rect.right - EPS and high_x > rect.x + EPS and low_y < rect.bottom - EPS and high_y > rect.y + EPS


def rects_overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right - EPS and b.x < a.right - EPS and a.y < b.bottom - EPS and b.y < a.bottom - EPS


def segments(edge: EdgeLine) -> list[tuple[Point, Point]]:
    return list(zip(edge.points, edge.points[1:], strict=False))


def line_boxes(block: TextBlock) -> list[Rect]:
    """The estimated extent of each line of a text block."""
    boxes = []
    for index, line in enumerate(block.lines):
        width = text_width(line, block.font_size) * (1.08 if block.bold else 1.0)
        centre = block.rect.center.x
        boxes.append(Rect(centre - width / 2, block.rect.y + index * block.line_height, width, block.line_height))
    return boxes


def _collinear_overlap(s: tuple[Point, Point], t: tuple[Point, Point]) -> bool:
    (a, b), (c, d) = s, t
    if abs(a.x - b.x) < EPS and abs(c.x - d.x) < EPS and abs(a.x - c.x) < 0.5:
        return min(max(a.y, b.y), max(c.y, d.y)) - max(min(a.y, b.y), min(c.y, d.y)) > 1.0
    if abs(a.y - b.y) < EPS and abs(c.y - d.y) < EPS and abs(a.y - c.y) < 0.5:
        return min(max(a.x, b.x), max(c.x, d.x)) - max(min(a.x, b.x), min(c.x, d.x)) > 1.0
    return False


# --- invariants -------------------------------------------------------------------------------


def assert_boxes_apart(layout: Layout) -> None:
    for a, b in combinations(layout.nodes, 2):
        assert not rects_overlap(a.rect, b.rect), (a.id, b.id)


def assert_text_inside(layout: Layout) -> None:
    for node in layout.nodes:
        for box in line_boxes(node.text):
            corners = [
                Point(box.x, box.y),
                Point(box.right, box.y),
                Point(box.x, box.bottom),
                Point(box.right, box.bottom),
            ]
            if node.kind is NodeKind.DECISION:
                assert all(_diamond_value(node, p.x, p.y) <= 1 + 1e-6 for p in corners), node.id
            else:
                assert box.x >= node.rect.x and box.right <= node.rect.right, node.id
                assert box.y >= node.rect.y and box.bottom <= node.rect.bottom, node.id


def assert_labels_clear(layout: Layout) -> None:
    labels = [edge.label.rect for edge in layout.edges if edge.label is not None]
    for label in labels:
        for node in layout.nodes:
            assert not rects_overlap(label, node.rect), node.id
    for first, second in combinations(labels, 2):
        assert not rects_overlap(first, second)
    for edge in layout.edges:
        for start, end in segments(edge):
            for label in labels:
                assert not segment_crosses_rect(label, start, end), edge.index


def assert_edges_clean(layout: Layout) -> None:
    nodes = {node.id: node for node in layout.nodes}
    for edge in layout.edges:
        assert len(edge.points) >= 2
        assert on_border(nodes[edge.source], edge.points[0]), edge
        assert on_border(nodes[edge.target], edge.points[-1]), edge
        last_from, last_to = edge.points[-2], edge.points[-1]
        assert abs(last_from.x - last_to.x) < EPS and last_from.y < last_to.y, "arrows enter from above"
        for a, b in segments(edge):
            assert abs(a.x - b.x) < EPS or abs(a.y - b.y) < EPS, "orthogonal segments"
            for node in layout.nodes:
                assert not crosses_interior(node, a, b), (edge.index, node.id)


def assert_no_shared_segments(layout: Layout) -> None:
    for first, second in combinations(layout.edges, 2):
        for s in segments(first):
            for t in segments(second):
                assert not _collinear_overlap(s, t), (first.index, second.index, s, t)


def assert_inside_lanes(layout: Layout) -> None:
    assert len(layout.bands) >= 1 and len(layout.lanes) >= 1
    for node in layout.nodes:
        lane = layout.lanes[node.lane].rect
        assert lane.x < node.rect.x and node.rect.right < lane.right, node.id
        assert layout.header.bottom < node.rect.y and node.rect.bottom < layout.height
    for edge in layout.edges:
        for point in edge.points:
            assert layout.lanes[0].rect.x < point.x < layout.lanes[-1].rect.right
            assert layout.header.bottom < point.y < layout.height


def assert_layout_sound(layout: Layout) -> None:
    assert_boxes_apart(layout)
    assert_text_inside(layout)
    assert_labels_clear(layout)
    assert_edges_clean(layout)
    assert_no_shared_segments(layout)
    assert_inside_lanes(layout)


def layout_of(procedure: Procedure) -> Layout:
    return layout_flowchart(procedure, start_label="Start", end_label="End")


# --- tests ------------------------------------------------------------------------------------


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
