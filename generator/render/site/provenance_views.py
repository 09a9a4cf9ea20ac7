"""Inferred and pending content as readers and owners see it: the marks on a procedure's page, its
list in the source section, and the register of everything the owners must confirm.

Each item is derived from the model's ``inferred`` and ``pending`` values (never kept twice), in
page order: document control, procedure-level values, roles, phases, steps and their branches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from generator.model.handbook import Procedure
from generator.model.provenance import Inference
from generator.render import paths
from generator.render.labels import Labels

_FIELD_LABELS = {"read_by": "checklist_read_by", "confirmed_by": "checklist_confirmed_by", "next": "next"}


class Kind(StrEnum):
    INFERRED = "inferred"
    PENDING = "pending"


@dataclass(frozen=True)
class ProvenanceItem:
    """One inferred value (or thing) or one pending value of a procedure, where its page shows it."""

    kind: Kind
    what: str  # e.g. "步骤 2.3 立项 · 角色"
    reason: str | None  # why it is inferred; None for a pending value
    anchor: str  # on the procedure's page, without "#"


def field_label(field: str, labels: Labels) -> str:
    """A field's name in the handbook's language (its key in the YAML when no label exists)."""
    for key in (_FIELD_LABELS.get(field, field), f"field_{field}"):
        try:
            return labels.get(key)
        except KeyError:
            continue
    return field


def marks(inference: Inference | None, labels: Labels) -> tuple[tuple[str, str], ...]:
    """(label, reason) of each mark an inference puts on the page: "推断", or "推断 · 角色" for a field."""
    if inference is None:
        return ()
    return tuple(
        (labels.inferred if field is None else f"{labels.inferred} · {field_label(field, labels)}", reason)
        for field, reason in inference.reasons()
    )


def _inferred(inference: Inference | None, what: str, anchor: str, labels: Labels) -> Iterator[ProvenanceItem]:
    for field, reason in inference.reasons() if inference is not None else ():
        shown = (
            what if field is None else f"{what} · {field_label(field, labels)}" if what else field_label(field, labels)
        )
        yield ProvenanceItem(Kind.INFERRED, shown, reason, anchor)


_ROOT_ANCHORS = {"purpose": "purpose", "scope": "scope", "principles": "principles", "definitions": "definitions"}


def provenance_items(procedure: Procedure, labels: Labels) -> tuple[ProvenanceItem, ...]:
    """Every inferred or pending item of ``procedure``, each once, in page order."""
    items = [ProvenanceItem(Kind.PENDING, field_label(f, labels), None, "top") for f in procedure.pending]
    for field, reason in procedure.inferred.reasons() if procedure.inferred is not None else ():
        name = field_label(field or "", labels)
        items.append(ProvenanceItem(Kind.INFERRED, name, reason, _ROOT_ANCHORS.get(field or "", "top")))
    for role in procedure.roles:
        items += _inferred(role.inferred, f"{labels.role} {role.name}", "roles", labels)
    for phase_no, phase in enumerate(procedure.phases, start=1):
        phase_anchor = paths.phase_anchor(phase.id)
        items += _inferred(phase.inferred, f"{labels.phase} {phase_no} {phase.title}", phase_anchor, labels)
        for step_no, step in enumerate(phase.steps, start=1):
            what, anchor = f"{labels.step} {phase_no}.{step_no} {step.title}", paths.step_anchor(step.id)
            items += _inferred(step.inferred, what, anchor, labels)
            for option in step.decision.options if step.decision else ():
                items += _inferred(option.inferred, f"{what} · {labels.decision}：{option.label}", anchor, labels)
    return tuple(items)


def item_count(procedures: Iterable[Procedure], labels: Labels) -> int:
    """How many items the register lists for ``procedures``."""
    return sum(len(provenance_items(p, labels)) for p in procedures)
