"""Ranks (rows along the flow): longest path after breaking back-edges, phases kept in order."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from generator.render.flowchart.graph import FlowEdge, FlowGraph


@dataclass(frozen=True)
class Ranking:
    """``back_edges``: edges drawn against the flow (target not below source), by their final ranks."""

    rank: dict[str, int]
    back_edges: frozenset[int]
    rows: int


def _outgoing(graph: FlowGraph) -> dict[str, list[FlowEdge]]:
    out: dict[str, list[FlowEdge]] = {node.id: [] for node in graph.nodes}
    for edge in graph.edges:
        out[edge.source].append(edge)
    return out


def _dfs_back_edges(graph: FlowGraph, out: dict[str, list[FlowEdge]]) -> set[int]:
    """Edges closing a cycle, in a depth-first search from the start, then from any node left over."""
    state: dict[str, int] = {}
    back: set[int] = set()
    for root in graph.nodes:
        if root.id in state:
            continue
        state[root.id] = 1
        stack: list[tuple[str, int]] = [(root.id, 0)]
        while stack:
            node, position = stack.pop()
            if position == len(out[node]):
                state[node] = 2
                continue
            stack.append((node, position + 1))
            edge = out[node][position]
            seen = state.get(edge.target, 0)
            if seen == 1:
                back.add(edge.index)
            elif seen == 0:
                state[edge.target] = 1
                stack.append((edge.target, 0))
    return back


def find_back_edges(graph: FlowGraph) -> frozenset[int]:
    """Edges ignored while ranking: DFS back-edges, and edges into an earlier phase."""
    phase = {node.id: node.phase for node in graph.nodes}
    back = _dfs_back_edges(graph, _outgoing(graph))
    back.update(e.index for e in graph.edges if phase[e.target] < phase[e.source])
    return frozenset(back)


def rank_nodes(graph: FlowGraph) -> Ranking:
    """Longest-path ranks over the forward edges; each phase starts below the ones before it."""
    back = find_back_edges(graph)
    forward = [edge for edge in graph.edges if edge.index not in back]
    waiting = {node.id: 0 for node in graph.nodes}
    for edge in forward:
        waiting[edge.target] += 1
    out: dict[str, list[str]] = {node.id: [] for node in graph.nodes}
    for edge in forward:
        out[edge.source].append(edge.target)
    nodes = graph.node_map()
    ready = [(node.phase, node.order, node.id) for node in graph.nodes if waiting[node.id] == 0]
    heapq.heapify(ready)
    rank: dict[str, int] = {}
    current_phase, phase_start, deepest = -1, 0, -1
    while ready:
        phase, _order, node_id = heapq.heappop(ready)
        if phase != current_phase:
            current_phase, phase_start = phase, deepest + 1
        rank[node_id] = max(rank.get(node_id, 0), phase_start)
        deepest = max(deepest, rank[node_id])
        for target in out[node_id]:
            rank[target] = max(rank.get(target, 0), rank[node_id] + 1)
            waiting[target] -= 1
            if waiting[target] == 0:
                heapq.heappush(ready, (nodes[target].phase, nodes[target].order, target))
    upward = frozenset(e.index for e in graph.edges if rank[e.target] <= rank[e.source])
    return Ranking(rank, upward, deepest + 1)
