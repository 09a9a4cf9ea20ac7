"""Today's date for review checks: SOURCE_DATE_EPOCH when set, for reproducible builds."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()
