"""The one call that turns a procedures folder into site content: load, validate, render.

``handbook build`` and the MkDocs plugin both go through it, so a build reads exactly one
procedures folder, validates it once and renders it once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.clock import today
from generator.model.handbook import Handbook
from generator.publish.id_schema_file import refresh_id_schema
from generator.render.flowchart.bridge import flowchart_renderer
from generator.render.site.content import RenderCache, SiteContent, build_site_content
from generator.validate.pipeline import ValidationResult, validate_root


@dataclass(frozen=True)
class HandbookContent:
    """One procedures folder, validated, and the site content rendered from it when it is usable."""

    procedures: Path  # the folder that was read
    result: ValidationResult  # every diagnostic, and the model when handbook.yaml loaded
    site: SiteContent | None  # None when the procedures have errors (or warnings, under strict)

    @property
    def handbook(self) -> Handbook | None:
        """The validated handbook, when its content was rendered."""
        return self.result.handbook if self.site is not None else None


def load_handbook_content(
    procedures: Path,
    *,
    site_url: str | None,
    strict: bool = False,
    cache: RenderCache | None = None,
) -> HandbookContent:
    """Validate ``procedures`` and, if it passes (warnings count as errors under ``strict``), render its pages.

    ``site_url`` is the address checklist QR codes point to; ``cache`` is the live preview's
    render cache.
    """
    day = today()
    result = validate_root(procedures, day)
    refused = refresh_id_schema(procedures, result.handbook)
    result = replace(result, diagnostics=result.diagnostics + refused) if refused else result
    if not result.ok(strict) or result.handbook is None:
        return HandbookContent(procedures, result, None)
    site = build_site_content(result.handbook, day, flowchart_renderer(), site_url=site_url, cache=cache)
    return HandbookContent(procedures, result, site)
