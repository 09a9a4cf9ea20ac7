"""The chart's graph: terminators, step boxes and decision diamonds, and the arrows between them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import NamedTuple

from generator.model.flow_graph import successors
from generator.model.handbook import END, Procedure, Step


class NodeKind(StrEnum):
    START = "start"
    PROCESS = "process"
    DECISION = "decision"
    END = "end"


class FlowNode(NamedTuple):
    id: str
    kind: NodeKind
    text: str
    lane: int
    phase: int
    order: int
    step_id: str | None = None


@dataclass(frozen=True)
class FlowEdge:
    index: int
    source: str
    target: str
    label: str | None = None


class LaneInfo(NamedTuple):
    role_id: str
    name: str
    code: str | None = None


class PhaseInfo(NamedTuple):
    id: str
    title: str


@dataclass(frozen=True)
class FlowGraph:
    nodes: tuple[FlowNode, ...]
    edges: tuple[FlowEdge, ...]
    lanes: tuple[LaneInfo, ...]
    phases: tuple[PhaseInfo, ...]

    def node_map(self) -> dict[str, FlowNode]:
        return {node.id: node for node in self.nodes}


START_ID = "start"


def step_node_id(step_id: str) -> str:
    return f"step:{step_id}"


def decision_node_id(step_id: str) -> str:
    return f"decision:{step_id}"


_SAME_QUESTION = 0.8


def _letters(text: str) -> str:
    """The text without spaces and punctuation, for comparing a title with a question."""
    return "".join(char for char in text if unicodedata.category(char)[0] in "LN")


def asks_only(step: Step) -> bool:
    """Whether the step's box would only repeat its decision's question, so the diamond alone draws it.

    True when the title is the question (ignoring spaces and punctuation), or when the step
    carries nothing but its title and its decision and the title is nearly the question.
    """
    if step.decision is None:
        return False
    title, question = _letters(step.title), _letters(step.decision.question)
    if title == question:
        return True
    extras = (step.details, step.timing, step.forms, step.say, step.standards, step.notes, step.warnings)
    bare = not any(extras) and step.checklist is None
    return bare and SequenceMatcher(None, title, question).ratio() >= _SAME_QUESTION


def entry_node_id(step: Step) -> str:
    """The node an arrow into the step points at: its box, or its diamond when that alone draws it."""
    return decision_node_id(step.id) if asks_only(step) else step_node_id(step.id)


def _lanes(procedure: Procedure) -> tuple[LaneInfo, ...]:
    used = list(dict.fromkeys(step.role for step in procedure.steps))
    declared = [LaneInfo(r.id, r.name, r.code) for r in procedure.roles if r.id in used]
    known = {r.id for r in procedure.roles}
    undeclared = [LaneInfo(role, role) for role in used if role not in known]
    return tuple(declared + undeclared) or (LaneInfo("", ""),)


def _phases(procedure: Procedure) -> tuple[PhaseInfo, ...]:
    phases = tuple(PhaseInfo(p.id, p.title) for p in procedure.phases if p.steps)
    return phases or (PhaseInfo("", ""),)


def _option_groups(step: Step, known: set[str]) -> list[tuple[str, str]]:
    """(target, label) per distinct target of a decision, labels of a shared target joined."""
    labels: dict[str, list[str]] = {}
    for option in step.decision.options if step.decision else ():
        if option.target == END or option.target in known:
            labels.setdefault(option.target, []).append(option.label)
    return [(target, " / ".join(texts)) for target, texts in labels.items()]


class _Builder:
    def __init__(self, procedure: Procedure, end_label: str) -> None:
        self.end_label = end_label
        self.lanes = _lanes(procedure)
        self.lane_of = {lane.role_id: index for index, lane in enumerate(self.lanes)}
        self.nodes: list[FlowNode] = []
        self.ends: list[FlowNode] = []
        self.edges: list[FlowEdge] = []

    def node(self, node_id: str, kind: NodeKind, text: str, lane: int, phase: int, step: str | None) -> None:
        self.nodes.append(FlowNode(node_id, kind, text, lane, phase, len(self.nodes), step))

    def edge(self, source: FlowNode, target: str, label: str | None = None) -> None:
        if target == END:
            end_id = f"end:{len(self.ends)}"
            self.ends.append(FlowNode(end_id, NodeKind.END, self.end_label, source.lane, source.phase, 0))
            target = end_id
        self.edges.append(FlowEdge(len(self.edges), source.id, target, label))

    def node_map(self) -> dict[str, FlowNode]:
        return {node.id: node for node in self.nodes}

    def finish(self, phases: tuple[PhaseInfo, ...]) -> FlowGraph:
        count = len(self.nodes)
        ends = [FlowNode(e.id, e.kind, e.text, e.lane, e.phase, count + i) for i, e in enumerate(self.ends)]
        return FlowGraph(tuple(self.nodes + ends), tuple(self.edges), self.lanes, phases)


def _add_step_nodes(builder: _Builder, procedure: Procedure) -> None:
    phase_index = 0
    for phase in procedure.phases:
        if not phase.steps:
            continue
        for step in phase.steps:
            lane = builder.lane_of[step.role]
            if not asks_only(step):
                builder.node(step_node_id(step.id), NodeKind.PROCESS, step.title, lane, phase_index, step.id)
            if step.decision is not None:
                question = step.decision.question
                builder.node(decision_node_id(step.id), NodeKind.DECISION, question, lane, phase_index, step.id)
        phase_index += 1


def _add_step_edges(builder: _Builder, procedure: Procedure) -> None:
    nodes = builder.node_map()
    entry = {step.id: entry_node_id(step) for step in procedure.steps}
    following = successors(procedure)
    for step in procedure.steps:
        if step.decision is None:
            for target in following.get(step.id, ())[:1]:
                if target == END or target in entry:
                    builder.edge(nodes[step_node_id(step.id)], entry.get(target, END))
            continue
        diamond = nodes[decision_node_id(step.id)]
        if not asks_only(step):
            builder.edge(nodes[step_node_id(step.id)], diamond.id)
        for target, label in _option_groups(step, set(entry)):
            builder.edge(diamond, entry.get(target, END), label)


def build_graph(procedure: Procedure, start_label: str, end_label: str) -> FlowGraph:
    """The chart's nodes and edges, in document order: start, each step (and its diamond), the ends."""
    builder = _Builder(procedure, end_label)
    steps = procedure.steps
    first_lane = builder.lane_of[steps[0].role] if steps else 0
    builder.node(START_ID, NodeKind.START, start_label, first_lane, 0, None)
    _add_step_nodes(builder, procedure)
    start = builder.nodes[0]
    if steps:
        builder.edge(start, entry_node_id(steps[0]))
        _add_step_edges(builder, procedure)
    else:
        builder.edge(start, END)
    return builder.finish(_phases(procedure))
