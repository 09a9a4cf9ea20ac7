"""The stylesheet embedded in every chart: colours only through CSS variables, with light fallbacks.

The page can restyle a chart by setting the variables (see assets/flowchart.css
for Material's light and dark schemes and for print). Every selector is scoped
to ``.hb-flow`` because a <style> inside inline SVG applies to the whole page.
"""

from __future__ import annotations

from functools import lru_cache

from generator.render.flowchart import metrics as m

FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

# (variable, light fallback)
BG = ("--hb-flow-bg", "#ffffff")
BAND = ("--hb-flow-band-bg", "#f6f8fa")
PHASE_BG = ("--hb-flow-phase-bg", "#eef2f6")
HEAD_BG = ("--hb-flow-head-bg", "#e3e9f0")
GRID = ("--hb-flow-grid", "#c3ccd6")
TEXT = ("--hb-flow-text", "#1f2933")
MUTED = ("--hb-flow-muted", "#52606d")
BOX_BG = ("--hb-flow-box-bg", "#ffffff")
BOX_BORDER = ("--hb-flow-box-border", "#3e5a78")
DECISION_BG = ("--hb-flow-decision-bg", "#fff6e0")
DECISION_BORDER = ("--hb-flow-decision-border", "#b7791f")
TERMINAL_BG = ("--hb-flow-terminal-bg", "#e6f4ea")
TERMINAL_BORDER = ("--hb-flow-terminal-border", "#2f855a")
EDGE = ("--hb-flow-edge", "#4a5d70")
LABEL = ("--hb-flow-label", "#8a4b08")
LINK = ("--hb-flow-link", "#1565c0")


def _var(pair: tuple[str, str]) -> str:
    return f"var({pair[0]}, {pair[1]})"


def _rule(selector: str, **declarations: str) -> str:
    body = ";".join(f"{name.replace('_', '-')}:{value}" for name, value in declarations.items())
    return f".hb-flow {selector}{{{body}}}"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    rules = [
        f".hb-flow{{font-family:{FONT_STACK}}}",
        _rule(".hb-flow-canvas", fill=_var(BG)),
        _rule(".hb-flow-band", fill=_var(BAND)),
        _rule(".hb-flow-phase", fill=_var(PHASE_BG)),
        _rule(".hb-flow-head", fill=_var(HEAD_BG)),
        _rule(".hb-flow-grid", fill="none", stroke=_var(GRID), stroke_width="1"),
        _rule(".hb-flow-box", fill=_var(BOX_BG), stroke=_var(BOX_BORDER), stroke_width="1.3"),
        _rule(".hb-flow-decision", fill=_var(DECISION_BG), stroke=_var(DECISION_BORDER), stroke_width="1.3"),
        _rule(".hb-flow-terminal", fill=_var(TERMINAL_BG), stroke=_var(TERMINAL_BORDER), stroke_width="1.3"),
        _rule(".hb-flow-edge", fill="none", stroke=_var(EDGE), stroke_width="1.4", stroke_linejoin="round"),
        _rule(".hb-flow-arrowhead", fill=_var(EDGE), stroke="none"),
        _rule(".hb-flow-text", fill=_var(TEXT), font_size=f"{m.FONT_SIZE:g}px"),
        _rule(".hb-flow-lane-name", fill=_var(TEXT), font_size=f"{m.HEAD_FONT_SIZE:g}px", font_weight="bold"),
        _rule(".hb-flow-lane-code", fill=_var(MUTED), font_size=f"{m.CODE_FONT_SIZE:g}px"),
        _rule(".hb-flow-phase-label", fill=_var(TEXT), font_size=f"{m.PHASE_FONT_SIZE:g}px"),
        _rule(".hb-flow-edge-label", fill=_var(LABEL), font_size=f"{m.LABEL_FONT_SIZE:g}px"),
        _rule("a:hover .hb-flow-box", stroke=_var(LINK), stroke_width="2"),
        _rule("a:focus .hb-flow-box", stroke=_var(LINK), stroke_width="2.5"),
        _rule("a:hover .hb-flow-decision", stroke=_var(LINK), stroke_width="2"),
        _rule("a:focus .hb-flow-decision", stroke=_var(LINK), stroke_width="2.5"),
    ]
    return "\n".join(rules)
