"""Today's date for review checks: SOURCE_DATE_EPOCH when set, for reproducible builds."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def source_date_epoch_problem() -> str | None:
    """Why SOURCE_DATE_EPOCH cannot be used, if it is set to something other than whole seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch.isdigit():
        return None
    return f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (e.g. $(git log -1 --format=%ct)), not {epoch!r}"


def today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
