"""The fixture handbook's model and generated site content, for render tests."""

from __future__ import annotations

from datetime import date
from functools import cache

from generator.model.handbook import Handbook
from generator.render.site.content import SiteContent, build_site_content
from generator.validate.pipeline import validate_root
from tests.helpers.paths import FIXTURE_HANDBOOK

TODAY = date(2026, 11, 28)
SITE_URL = "https://handbook.fixture.test/"  # as in the fixture's mkdocs.yml


@cache
def fixture_handbook() -> Handbook:
    result = validate_root(FIXTURE_HANDBOOK / "procedures", TODAY)
    assert result.handbook is not None and not result.errors, result.diagnostics
    return result.handbook


@cache
def fixture_site() -> SiteContent:
    return build_site_content(fixture_handbook(), TODAY, site_url=SITE_URL)
