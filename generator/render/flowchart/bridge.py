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
    """The procedure's flowchart; each box links to ``page_href#step-ID``."""
    from generator.render.flowchart import render_flowchart  # the layout code loads only when a chart is drawn

    labels = labels_for(language)
    return render_flowchart(
        procedure,
        start_label=labels.start,
        end_label=labels.end,
        step_href=lambda step_id: f"{page_href}#{step_anchor(step_id)}",
        title_id_prefix=_id_prefix(procedure),
    )


def _id_prefix(procedure: Procedure) -> str:
    return f"flow-{procedure.id}-"


def inline_flowchart(procedure: Procedure, language: str, chart: str) -> str:
    """The chart as inlined in its page: after a strip of its lane headers, which the page keeps in
    view while the chart scrolls, and before the pages it prints as (windows on the chart)."""
    from generator.render.flowchart import render_lane_strip, render_print_pages

    labels = labels_for(language)
    strip = render_lane_strip(procedure, start_label=labels.start, end_label=labels.end)
    prefix = _id_prefix(procedure)
    pages = render_print_pages(procedure, start_label=labels.start, end_label=labels.end, title_id_prefix=prefix)
    return strip + chart + pages


def render_standalone_flowchart(procedure: Procedure, language: str) -> str:
    """The procedure's flowchart as a file of its own, with no links to a page."""
    from generator.render.flowchart import render_flowchart

    labels = labels_for(language)
    return render_flowchart(procedure, start_label=labels.start, end_label=labels.end)


def flowchart_renderer() -> FlowchartRenderer:
    return render_procedure_flowchart
