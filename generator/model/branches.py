"""Which steps a decision's option leads to alone: the branch a step belongs to, for printing its condition."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.flow_graph import reachable_from, successors
from generator.model.handbook import END, Procedure, Step


@dataclass(frozen=True)
class Branch:
    """The option of a decision through which alone a step is reached."""

    decision: Step  # the decision step
    index: int  # the option's position among the decision's options
    label: str  # the option's answer, as written

    @property
    def otherwise(self) -> bool:
        """The second of exactly two options: printed as "otherwise" rather than by its label."""
        assert self.decision.decision is not None
        return len(self.decision.decision.options) == 2 and self.index == 1


def branches(procedure: Procedure) -> dict[str, Branch]:
    """For each step reached only through one option of a decision, that option (the nearest decision's
    when several enclose the step). Steps every path reaches, and the decision steps themselves, are absent.
    """
    if not procedure.steps:
        return {}
    graph = successors(procedure)
    start = procedure.steps[0].id
    everywhere = reachable_from(start, graph)
    found: dict[str, tuple[int, Branch]] = {}
    for step in procedure.steps:
        if step.decision is None:
            continue
        targets = [option.target for option in step.decision.options]
        for index, option in enumerate(step.decision.options):
            if option.target == END or targets.count(option.target) > 1:
                continue
            cut = {**graph, step.id: tuple(t for t in graph[step.id] if t != option.target)}
            only_here = everywhere - reachable_from(start, cut) - {step.id, END}
            for step_id in only_here:
                if step_id not in found or len(only_here) < found[step_id][0]:
                    found[step_id] = (len(only_here), Branch(step, index, option.label))
    return {step_id: branch for step_id, (_, branch) in found.items()}
