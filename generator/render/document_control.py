"""Document-control values as pages and printed sheets show them: 待确认 while the owners have not
confirmed a value the source does not give (the procedure's ``pending`` list), never a made-up one."""

from __future__ import annotations

from generator.model.handbook import Procedure
from generator.render.labels import Labels


def shown(procedure: Procedure, field: str, text: str, labels: Labels) -> str:
    """``text``, or the word for "to be confirmed" when ``field`` is pending in ``procedure``."""
    return labels.pending if field in procedure.pending else text


def version_line(labels: Labels, procedure: Procedure) -> str:
    """ "Version X, in force from D", as printed under a checklist."""
    version = shown(procedure, "version", procedure.version, labels)
    effective = shown(procedure, "effective", procedure.effective.isoformat(), labels)
    return labels.format("printed_version", version=version, date=effective)
