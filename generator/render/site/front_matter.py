"""YAML front matter on a generated page: what the theme and its search read besides the text."""

from __future__ import annotations

import json
from collections.abc import Mapping


def with_front_matter(text: str, values: Mapping[str, object]) -> str:
    """``text`` with ``values`` added to its YAML front matter (made when it has none)."""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())
    if text.startswith("---\n"):
        return f"---\n{lines}{text[4:]}"
    return f"---\n{lines}---\n\n{text}"
