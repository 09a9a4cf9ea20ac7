"""Inferred and pending content: marked where it is, said in the source section, listed once on the
register, and 待确认 (never a made-up value) on the page and the printed sheet."""

from __future__ import annotations

import dataclasses
import re

from generator.model.handbook import Handbook, Procedure
from generator.model.provenance import Inference, Status
from generator.render import paths
from generator.render.checklist.print_data import print_data
from generator.render.checklist.sheets import procedure_sheet
from generator.render.site.content import build_site_content
from tests.helpers.site_fixture import TODAY, fixture_handbook

REASON = "原文未写明由谁负责"


def _with(handbook: Handbook, procedure_id: str, change: dict[str, object]) -> tuple[Handbook, Procedure]:
    old = handbook.procedure(procedure_id)
    assert old is not None
    new = dataclasses.replace(old, **change)  # type: ignore[arg-type]
    procedures = tuple(new if p is old else p for p in handbook.procedures)
    return dataclasses.replace(handbook, procedures=procedures), new


def _step_inferred(handbook: Handbook) -> tuple[Handbook, Procedure]:
    procedure = handbook.procedures[0]
    step = procedure.steps[0]
    marked = dataclasses.replace(step, inferred=Inference(fields=(("role", REASON),)))
    phases = tuple(
        dataclasses.replace(ph, steps=tuple(marked if s is step else s for s in ph.steps)) for ph in procedure.phases
    )
    return _with(handbook, procedure.id, {"phases": phases})


def _register_rows(site_files: dict[str, str]) -> list[str]:
    return re.findall(r"<tr><td><a href=\"[^\"]+\">[^<]+</a></td>.*?</tr>", site_files[paths.REGISTER])


def test_a_value_marked_inferred_is_marked_on_its_page_and_listed_once_on_the_register() -> None:
    handbook, procedure = _step_inferred(fixture_handbook())
    files = dict(build_site_content(handbook, TODAY).files)
    page = files[paths.procedure_page(procedure)]
    step = procedure.steps[0]
    section = page[page.index(f"{{#{paths.step_anchor(step.id)}}}") :]
    assert f'data-reason="{REASON}"' in section.split("</div>", 1)[0], "the mark sits in the step it explains"
    assert REASON in page[page.index("{#source}") :], "and the source section lists it"
    rows = _register_rows(files)
    assert [row for row in rows if REASON in row] == [row for row in rows if step.title in row and REASON in row]
    assert sum(REASON in row for row in rows) == 1
    assert f"#{paths.step_anchor(step.id)}" in next(row for row in rows if REASON in row)
    unmarked = dict(build_site_content(fixture_handbook(), TODAY).files)
    assert REASON not in unmarked[paths.REGISTER] and "hb-inferred" not in unmarked[paths.procedure_page(procedure)]


def test_a_pending_owner_shows_as_to_be_confirmed_on_the_page_the_sheet_and_the_register() -> None:
    base = fixture_handbook()
    procedure = next(p for p in base.procedures if p.checklist is not None and p.checklist.read_by)
    handbook, procedure = _with(
        base, procedure.id, {"pending": ("owner", "effective", "read_by"), "status": Status.DRAFT}
    )
    files = dict(build_site_content(handbook, TODAY).files)
    page = files[paths.procedure_page(procedure)]
    assert f"<dd>{procedure.owner}" not in page and "<dd>待确认" in page
    assert "hb-draft" in page
    words = repr(print_data(procedure_sheet(procedure), "zh", None))
    assert procedure.effective.isoformat() not in words and "待确认" in words
    rows = _register_rows(files)
    assert sum("待确认" in row and procedure.title not in row for row in rows) >= 3


def test_the_shipped_register_lists_every_item_once() -> None:
    from generator.render.labels import labels_for
    from generator.render.site.provenance_views import item_count
    from generator.validate.pipeline import validate_root
    from tests.helpers.paths import ROOT

    handbook = validate_root(ROOT / "procedures", TODAY).handbook
    assert handbook is not None
    rows = _register_rows(dict(build_site_content(handbook, TODAY).files))
    assert len(rows) == len(set(rows)) == item_count(handbook.procedures, labels_for("zh")) > 0
