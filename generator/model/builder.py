"""Build the typed model from schema-valid data."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from generator.diagnostics import Diagnostic, HandbookError, error
from generator.load.yaml_loader import LoadedDocument
from generator.model.handbook import (
    Appendix,
    ChecklistItem,
    ChecklistSettings,
    ChecklistType,
    Completeness,
    Decision,
    Definition,
    Form,
    GlossaryEntry,
    Handbook,
    Option,
    Phase,
    Procedure,
    Revision,
    Role,
    SayLine,
    Section,
    Shift,
    Source,
    SourceMap,
    Step,
    StepPath,
    Timing,
)
from generator.model.provenance import Status, inference

Data = Mapping[str, Any]


def source_map(doc: LoadedDocument) -> SourceMap:
    return SourceMap(doc.positions)


def _texts(data: Data, key: str) -> tuple[str, ...]:
    return tuple(data.get(key) or ())


def _date(doc: LoadedDocument, path: StepPath, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HandbookError([error(doc.where(path), "bad-date", f"'{value}' is not a real calendar date")]) from None


def _timing(data: Data | None) -> Timing | None:
    if data is None:
        return None
    return Timing(**{key: data.get(key) for key in ("at", "until", "deadline", "duration", "note")})


def _checklist_item(value: str | Data | None) -> ChecklistItem | None:
    if value is None:
        return None
    if isinstance(value, str):
        return ChecklistItem(value)
    return ChecklistItem(value["item"], value.get("confirm"))


def _decision(data: Data | None) -> Decision | None:
    if data is None:
        return None
    options = tuple(Option(o["label"], o["next"], inference(o.get("inferred"))) for o in data["options"])
    return Decision(data["question"], options)


def _step(data: Data, path: StepPath) -> Step:
    return Step(
        id=data["id"],
        title=data["title"],
        role=data["role"],
        path=path,
        details=data.get("details"),
        timing=_timing(data.get("timing")),
        forms=_texts(data, "forms"),
        say=tuple(SayLine(s["text"], s.get("role"), s.get("speaker")) for s in data.get("say") or ()),
        standards=_texts(data, "standards"),
        notes=_texts(data, "notes"),
        warnings=_texts(data, "warnings"),
        next=data.get("next"),
        decision=_decision(data.get("decision")),
        checklist=_checklist_item(data.get("checklist")),
        inferred=inference(data.get("inferred")),
    )


def _phases(data: Sequence[Data]) -> tuple[Phase, ...]:
    phases = []
    for p_index, phase in enumerate(data):
        steps = tuple(_step(step, ("phases", p_index, "steps", s_index)) for s_index, step in enumerate(phase["steps"]))
        shift = Shift(phase["shift"]) if "shift" in phase else None
        inferred = inference(phase.get("inferred"))
        phases.append(Phase(phase["id"], phase["title"], steps, phase.get("summary"), shift, inferred))
    return tuple(phases)


def _role(data: Data, shared: Mapping[str, Role]) -> Role:
    base = shared.get(data["id"])
    inferred = inference(data.get("inferred"))
    if base is None:
        name = data.get("name") or data["id"]
        return Role(data["id"], name, data.get("code"), _texts(data, "responsibilities"), inferred=inferred)
    return Role(
        base.id,
        data.get("name") or base.name,
        data.get("code") or base.code,
        _texts(data, "responsibilities") or base.responsibilities,
        shared=True,
        inferred=inferred,
    )


def _source(data: Data) -> Source:
    return Source(
        data["document"],
        data.get("heading"),
        data.get("origin"),
        Completeness(data.get("completeness", Completeness.COMPLETE)),
        data.get("note"),
        data.get("locator"),
    )


def _checklist_settings(data: Data | None) -> ChecklistSettings | None:
    if data is None:
        return None
    return ChecklistSettings(ChecklistType(data["type"]), data.get("read_by"), data.get("confirmed_by"))


def build_procedure(doc: LoadedDocument, section: str, shared_roles: Mapping[str, Role]) -> Procedure:
    """The model of one schema-valid procedure file; HandbookError for impossible dates."""
    d: Data = doc.data
    return Procedure(
        id=d["id"],
        section=section,
        file=doc.file,
        title=d["title"],
        version=d["version"],
        effective=_date(doc, ("effective",), d["effective"]),
        owner=d["owner"],
        review_by=_date(doc, ("review_by",), d["review_by"]),
        source=_source(d["source"]),
        purpose=d["purpose"],
        roles=tuple(_role(r, shared_roles) for r in d["roles"]),
        phases=_phases(d["phases"]),
        source_map=source_map(doc),
        summary=d.get("summary"),
        tags=_texts(d, "tags"),
        approved_by=d.get("approved_by"),
        revisions=tuple(
            Revision(r["version"], _date(doc, ("revisions", i, "date"), r["date"]), r["change"], r.get("author"))
            for i, r in enumerate(d.get("revisions") or ())
        ),
        scope=d.get("scope"),
        definitions=tuple(Definition(x["term"], x["definition"]) for x in d.get("definitions") or ()),
        principles=_texts(d, "principles"),
        forms=_texts(d, "forms"),
        references=_texts(d, "references"),
        related=_texts(d, "related"),
        checklist=_checklist_settings(d.get("checklist")),
        appendices=tuple(Appendix(a["title"], a.get("text"), _texts(a, "items")) for a in d.get("appendices") or ()),
        status=Status(d.get("status", Status.PUBLISHED)),
        pending=_texts(d, "pending"),
        inferred=inference(d.get("inferred")),
    )


def revision_dates_diagnostics(doc: LoadedDocument) -> list[Diagnostic]:
    """Revision dates that look right but are not in the calendar; other shapes are the schema's to report."""
    found = []
    revisions = doc.data.get("revisions")
    for index, revision in enumerate(revisions if isinstance(revisions, list) else ()):
        value = revision.get("date") if isinstance(revision, dict) else None
        if not isinstance(value, str):
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            found.append(
                error(doc.where(("revisions", index, "date")), "bad-date", f"'{value}' is not a real calendar date")
            )
    return found


def shared_roles(doc: LoadedDocument) -> dict[str, Role]:
    return {
        r["id"]: Role(r["id"], r["name"], r.get("code"), _texts(r, "responsibilities"), shared=True)
        for r in doc.data.get("roles") or ()
    }


def _sections(entries: Sequence[Data], parent: str | None, at: StepPath) -> Iterator[Section]:
    """Every declared section, each followed by its subsections (handbook.yaml's order)."""
    for index, entry in enumerate(entries):
        section = Section(entry["id"], entry["title"], entry.get("summary"), parent, (*at, index))
        yield section
        yield from _sections(entry.get("sections") or (), section.path, (*at, index, "sections"))


def build_handbook(doc: LoadedDocument, procedures: Sequence[Procedure]) -> Handbook:
    d: Data = doc.data
    return Handbook(
        title=d["title"],
        language=d["language"],
        sections=tuple(_sections(d["sections"], None, ("sections",))),
        roles=tuple(shared_roles(doc).values()),
        forms=tuple(Form(f["id"], f["name"], f.get("code"), f.get("description")) for f in d.get("forms") or ()),
        glossary=tuple(
            GlossaryEntry(g["term"], g["definition"], _texts(g, "aliases")) for g in d.get("glossary") or ()
        ),
        procedures=tuple(procedures),
        source_map=source_map(doc),
        organisation=d.get("organisation"),
        search_terms=_texts(d, "search_terms"),
    )
