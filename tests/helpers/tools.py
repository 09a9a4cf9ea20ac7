"""Tools some tests need beyond the Python packages: skip without them, except under CI=true."""

from __future__ import annotations

import os

import pytest


def require_tool(found: object, what: str, how: str) -> None:
    """Skip the test when ``found`` is falsy, saying ``how`` to install ``what``; under CI=true, fail."""
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing; under CI=true these tests must run")
    pytest.skip(f"{what} is not installed ({how} installs it)")
