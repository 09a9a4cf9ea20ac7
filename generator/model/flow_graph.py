"""The step graph of a procedure: who follows whom, what is reachable."""

from __future__ import annotations

from collections.abc import Mapping

from generator.model.handbook import END, Procedure, Step


def successors(procedure: Procedure) -> dict[str, tuple[str, ...]]:
    """For each step id, the ids it can lead to (``END`` for the end).

    A step with neither ``next`` nor ``decision`` continues with the following
    step in document order; the last step leads to the end.
    """
    steps = procedure.steps
    result: dict[str, tuple[str, ...]] = {}
    for index, step in enumerate(steps):
        result[step.id] = _targets(step, steps[index + 1].id if index + 1 < len(steps) else END)
    return result


def _targets(step: Step, following: str) -> tuple[str, ...]:
    if step.decision is not None:
        return tuple(dict.fromkeys(option.target for option in step.decision.options))
    if step.next is not None:
        return (step.next,)
    return (following,)


def reachable_from(start: str, graph: Mapping[str, tuple[str, ...]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for target in graph.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def reaching_end(graph: Mapping[str, tuple[str, ...]]) -> set[str]:
    """Step ids from which some path leads to the end."""
    reverse: dict[str, list[str]] = {}
    for source, targets in graph.items():
        for target in targets:
            reverse.setdefault(target, []).append(source)
    return reachable_from(END, {k: tuple(v) for k, v in reverse.items()}) - {END}
