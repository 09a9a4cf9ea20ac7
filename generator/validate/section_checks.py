"""Checks of the section tree as a whole: a section so full that its page and navigation are hard to scan."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, warning
from generator.model.handbook import Handbook

# Past this many procedures directly in one section, a reader scrolls a long list on its page and
# in the navigation of every page beside it: subsections keep both short.
MAX_PROCEDURES_PER_SECTION = 100


def check_section_sizes(handbook: Handbook) -> Iterator[Diagnostic]:
    for section in handbook.sections:
        count = len(handbook.in_section(section.path))
        if count > MAX_PROCEDURES_PER_SECTION:
            yield warning(
                handbook.source_map.at((*section.declared_at, "id")),
                "section-too-large",
                f"section '{section.path}' holds {count} procedures directly; "
                f"past {MAX_PROCEDURES_PER_SECTION} its page and navigation get hard to scan",
                f"split it into subsections: folders inside procedures/{section.path}/, "
                "declared under its 'sections:' in handbook.yaml",
            )
