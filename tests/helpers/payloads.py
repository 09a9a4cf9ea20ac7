"""The payload handbook: every text field carries a script that must never run.

Each payload names its field ("hbpwn…FIELD"), so a check that finds one executable says
which field leaked. Other output formats (PDF, …) can iterate over ``payload_fields()``.
"""

from __future__ import annotations

import re
from functools import cache

from tests.helpers import paths

PAYLOAD_HANDBOOK = paths.TESTS / "hostile" / "payload-handbook"
PAYLOAD_PROCEDURES = PAYLOAD_HANDBOOK / "procedures"
MARKER = "hbpwn"
# Fields the site does not show: the organisation name is unused so far, and search terms
# only feed the Chinese word splitter's dictionary.
NOT_SHOWN = frozenset({"organisation", "search-term"})
_FIELD = re.compile(r"hbpwn(?:=\\?[\"']|-)([a-z-]+)")


@cache
def payload_fields() -> tuple[str, ...]:
    """The field names that carry a payload, from the YAML files themselves."""
    names: set[str] = set()
    for path in sorted(PAYLOAD_PROCEDURES.rglob("*.yaml")):
        names.update(_FIELD.findall(path.read_text(encoding="utf-8")))
    return tuple(sorted(names))
