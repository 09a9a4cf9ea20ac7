"""A procedure's phases and steps as its page shows them.

Numbers, anchors, role badges, form links, speakers and jump targets are worked out once per
page in Python, so the template's step loop only lays out text it is given. Each badge, form
link and target is made once per page however many steps name it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from generator.model.handbook import Option, Phase, Procedure, SayLine, Step
from generator.render import paths

Made = TypeVar("Made")


@dataclass(frozen=True)
class FormLink:
    href: str
    name: str


@dataclass(frozen=True)
class StepLinks:
    """How one page turns what a step names into markup and links."""

    badge: Callable[[str], Markup]  # role id -> the role's badge
    form: Callable[[str], FormLink]  # form id -> link to the forms index
    target: Callable[[str], Markup]  # step id or END -> link to that step
    speaker: Callable[[SayLine], str]  # who says a line


@dataclass(frozen=True)
class StepView:
    step: Step
    number: str  # "phase.step", both counted from 1
    anchor: str
    badge: Markup
    say: tuple[tuple[str, SayLine], ...]  # (speaker, line)
    forms: tuple[FormLink, ...]
    options: tuple[tuple[Option, Markup], ...]  # decision options with their target links
    next_link: Markup | None  # where to go next, when the step has no decision


@dataclass(frozen=True)
class PhaseView:
    phase: Phase
    number: int
    anchor: str
    steps: tuple[StepView, ...]


def phase_views(procedure: Procedure, links: StepLinks) -> tuple[PhaseView, ...]:
    once = StepLinks(_once(links.badge), _once(links.form), _once(links.target), links.speaker)
    return tuple(
        PhaseView(
            phase=phase,
            number=phase_no,
            anchor=paths.phase_anchor(phase.id),
            steps=tuple(_step_view(step, f"{phase_no}.{step_no}", once) for step_no, step in enumerate(phase.steps, 1)),
        )
        for phase_no, phase in enumerate(procedure.phases, start=1)
    )


def _once(make: Callable[[str], Made]) -> Callable[[str], Made]:
    """``make``, asked once per id."""
    made: dict[str, Made] = {}

    def get(key: str) -> Made:
        found = made.get(key)
        if found is None:
            found = made[key] = make(key)
        return found

    return get


def _step_view(step: Step, number: str, links: StepLinks) -> StepView:
    decision = step.decision
    return StepView(
        step=step,
        number=number,
        anchor=paths.step_anchor(step.id),
        badge=links.badge(step.role),
        # Most steps have no say lines, forms or decision: no generator for them.
        say=tuple([(links.speaker(line), line) for line in step.say]) if step.say else (),
        forms=tuple([links.form(form_id) for form_id in step.forms]) if step.forms else (),
        options=tuple([(option, links.target(option.target)) for option in decision.options]) if decision else (),
        next_link=links.target(step.next) if step.next and not decision else None,
    )
