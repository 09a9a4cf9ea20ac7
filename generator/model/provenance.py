"""Provenance: what a procedure says that its source does not (inferred), and what awaits the owners
(pending document-control values). Marked in the YAML, shown to readers, gathered for the owners.

``inferred:`` on a procedure, role, phase, step or branch is either one reason (the whole thing is
not in the source) or a mapping from field names to reasons (those values are not). ``pending:`` on
a procedure lists the document-control fields whose value the source does not give and the owners
have not yet confirmed: pages and printed sheets show 待确认 in their place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PENDING_FIELDS = ("owner", "effective", "review_by", "version", "approved_by", "read_by", "confirmed_by")


class Status(StrEnum):
    """A draft may hold pending values; a published procedure may not (a warning until it does not)."""

    DRAFT = "draft"
    PUBLISHED = "published"


@dataclass(frozen=True)
class Inference:
    """Why something is not in the source: for the whole thing, or per field."""

    whole: str | None = None
    fields: tuple[tuple[str, str], ...] = ()

    def reason(self, field: str) -> str | None:
        """The reason a field's value was inferred (the whole thing's reason counts for every field)."""
        return next((why for name, why in self.fields if name == field), self.whole)

    def reasons(self) -> tuple[tuple[str | None, str], ...]:
        """Each reason once: (None, why) for the whole thing, (field, why) for a field."""
        whole = ((None, self.whole),) if self.whole is not None else ()
        return whole + self.fields


def inference(value: object) -> Inference | None:
    """The model of a schema-valid ``inferred:`` value."""
    if isinstance(value, str):
        return Inference(whole=value)
    if isinstance(value, dict):
        return Inference(fields=tuple((str(k), str(v)) for k, v in value.items()))
    return None
