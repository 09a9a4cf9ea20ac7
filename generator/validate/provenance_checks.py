"""Checks of provenance marks: a published procedure holds no pending value, and an inferred mark
names fields the thing has."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic, warning
from generator.load.positions import NodePath
from generator.model.handbook import Procedure
from generator.model.provenance import Inference, Status

_ATTRIBUTES = {"next": ("next", "target")}  # a YAML field and the model attributes that hold it


def check_pending(procedure: Procedure) -> Iterator[Diagnostic]:
    if procedure.pending and procedure.status is Status.PUBLISHED:
        yield warning(
            procedure.source_map.at(("pending",)),
            "pending-in-published",
            f"the procedure is published but still awaits confirmation of: {', '.join(procedure.pending)}",
            "confirm the values with the owners and remove them from 'pending', or mark the procedure 'status: draft'",
        )


def _present(thing: Any, field: str) -> bool:
    return any(getattr(thing, name, None) not in (None, (), "") for name in _ATTRIBUTES.get(field, (field,)))


def _absent_fields(
    thing: Any, inference: Inference | None, path: NodePath, procedure: Procedure
) -> Iterator[Diagnostic]:
    for field, _ in inference.fields if inference is not None else ():
        if not _present(thing, field):
            yield warning(
                procedure.source_map.at((*path, "inferred", field)),
                "inferred-absent",
                f"'{field}' is marked inferred but has no value here",
                "remove the mark, or give the value it explains",
            )


def check_inferred(procedure: Procedure) -> Iterator[Diagnostic]:
    yield from _absent_fields(procedure, procedure.inferred, (), procedure)
    for index, role in enumerate(procedure.roles):
        yield from _absent_fields(role, role.inferred, ("roles", index), procedure)
    for p_index, phase in enumerate(procedure.phases):
        yield from _absent_fields(phase, phase.inferred, ("phases", p_index), procedure)
        for step in phase.steps:
            yield from _absent_fields(step, step.inferred, step.path, procedure)
            for o_index, option in enumerate(step.decision.options if step.decision else ()):
                where = (*step.path, "decision", "options", o_index)
                yield from _absent_fields(option, option.inferred, where, procedure)
