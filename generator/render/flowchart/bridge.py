"""Connects the flowchart renderer to the site: labels from the handbook's language, step links."""

from __future__ import annotations

from collections.abc import Callable

from generator.model.handbook import Procedure
from generator.render.labels import labels_for
from generator.render.paths import step_anchor

FlowchartRenderer = Callable[[Procedure, str, str], str]

# Above this many steps a chart is unreadable and costly to lay out (10,000 steps: seconds, megabytes),
# so the page says why there is none instead. The longest real procedure has about 20 steps.
MAX_FLOWCHART_STEPS = 120


def flowchart_fits(procedure: Procedure) -> bool:
    return len(procedure.steps) <= MAX_FLOWCHART_STEPS


def render_procedure_flowchart(procedure: Procedure, language: str, page_href: str = "") -> str:
    """The procedure's flowchart for its page, after a strip of its lane headers that the page keeps
    in view while the chart scrolls, and before the pages it prints as; each box links to
    ``page_href#step-ID``."""
    from generator.render.flowchart import render_flowchart, render_lane_strip, render_print_pages  # loaded late

    labels = labels_for(language)
    prefix = f"flow-{procedure.id}-"
    strip = render_lane_strip(procedure, start_label=labels.start, end_label=labels.end)
    chart = render_flowchart(
        procedure,
        start_label=labels.start,
        end_label=labels.end,
        step_href=lambda step_id: f"{page_href}#{step_anchor(step_id)}",
        title_id_prefix=prefix,
    )
    pages = render_print_pages(procedure, start_label=labels.start, end_label=labels.end, title_id_prefix=prefix)
    return strip + chart + pages


def render_standalone_flowchart(procedure: Procedure, language: str) -> str:
    """The procedure's flowchart as a file of its own, with no links to a page."""
    from generator.render.flowchart import render_flowchart

    labels = labels_for(language)
    return render_flowchart(procedure, start_label=labels.start, end_label=labels.end)


def flowchart_renderer() -> FlowchartRenderer:
    return render_procedure_flowchart
