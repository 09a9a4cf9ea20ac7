"""A change set as Markdown for a pull-request comment or a CI job summary.

Labels come from ``i18n/labels.yaml`` in the handbook's language; user text is HTML-escaped and its
Markdown syntax made literal, on one line.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from markupsafe import Markup, escape

from generator.changes.change_set import ChangeSet, EntryChange, ProcedureChange, SheetChange, Status, StepPlace
from generator.model.handbook import ChecklistItem, Timing
from generator.render.labels import Labels, labels_for
from generator.render.templating import clean_text, environment

_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~])")
_PLAIN_CODE = re.compile(r"[A-Za-z0-9._/:@+~^\-]+")
# Field names whose label key differs from the name.
_FIELD_LABELS = {
    "tags": "tags_index",
    "details": "diff_details",
    "description": "diff_field_description",
    "definition": "diff_field_definition",
    "aliases": "diff_field_aliases",
}


def markdown_text(text: str | None) -> Markup:
    """User text on one line: Markdown syntax made literal, HTML escaped."""
    flat = " ".join(clean_text(text or "").split())
    return Markup(str(escape(_MARKDOWN_INLINE.sub(r"\\\1", flat))))


def code(text: str) -> Markup:
    """An id or a path as code: a Markdown code span when plain, else an HTML code element."""
    if _PLAIN_CODE.fullmatch(text):
        return Markup(f"`{text}`")
    return Markup(f"<code>{escape(clean_text(text))}</code>")


class _Words:
    """Display text for the values a change carries."""

    def __init__(self, labels: Labels) -> None:
        self.L = labels

    def title(self, base: str, head: str | None) -> Markup:
        """The heading: both revisions as code; ``None`` for HEAD means the working tree."""
        head_text = code(head) if head is not None else self.L.diff_working_tree
        return Markup(escape(self.L.get("diff_title"))).format(base=code(base), head=head_text)

    def field(self, name: str) -> str:
        return self.L.get(_FIELD_LABELS.get(name, name))

    def place(self, place: StepPlace | None) -> str:
        return self.L.format("diff_place", phase=place.phase, number=place.number) if place else ""

    def timing(self, timing: Timing | None) -> str:
        if timing is None:
            return self.L.diff_none
        parts = []
        if timing.at and timing.until:
            parts.append(self.L.format("timing_window", at=timing.at, until=timing.until))
        elif timing.at:
            parts.append(self.L.format("timing_at", at=timing.at))
        if timing.deadline:
            parts.append(self.L.format("diff_timing_deadline", deadline=timing.deadline))
        if timing.duration:
            parts.append(self.L.format("diff_timing_duration", duration=timing.duration))
        if timing.note:
            parts.append(timing.note)
        return " · ".join(parts) or self.L.diff_none

    def item(self, item: ChecklistItem | None) -> str:
        if item is None:
            return self.L.diff_none
        return f"{item.text} — {item.confirm}" if item.confirm else item.text

    def reasons(self, change: ProcedureChange | SheetChange) -> str:
        return self.L.diff_list.join(self.L.get(f"diff_reprint_{reason}") for reason in change.reprint)

    def entry_label(self, change: EntryChange) -> str:
        """What happened to an entry of handbook.yaml, e.g. "新增章节" or "Renamed form"."""
        return self.L.format(f"diff_entry_{change.status}", kind=self.L.get(f"diff_kind_{change.kind}"))

    def fields(self, names: tuple[str, ...]) -> str:
        return self.L.diff_list.join(self.field(name) for name in names)

    def values(self, texts: tuple[str, ...]) -> str:
        return self.L.diff_list.join(texts)

    def paren(self, text: str | Markup) -> Markup:
        """Text in brackets, the language's way; plain text is made literal Markdown."""
        inner = text if isinstance(text, Markup) else markdown_text(text)
        return Markup(escape(self.L.diff_paren)).format(text=inner)


def _environment() -> Environment:
    env = environment().overlay()
    env.filters["mdtext"] = markdown_text
    env.filters["code"] = code
    return env


def render_change_summary(changes: ChangeSet, base: str, head: str | None, language: str) -> str:
    """The Markdown summary of ``changes`` between the revisions named ``base`` and ``head`` (None: working tree)."""
    labels = labels_for(language)
    template = _environment().get_template("change_summary.md.j2")
    changed = changes.with_status(Status.CHANGED)
    return template.render(
        L=labels,
        w=_Words(labels),
        changes=changes,
        base=base,
        head=head,
        added=changes.with_status(Status.ADDED),
        removed=changes.with_status(Status.REMOVED),
        changed=changed,
        detailed=[c for c in changed if c.values or c.forms_added or c.forms_removed or c.other_fields],
        roles=changes.by_role(),
    )
