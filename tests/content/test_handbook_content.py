"""The shipped handbook: every seed document is a procedure, and it all validates strictly."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache

from generator.model.handbook import Handbook
from generator.validate.pipeline import validate_root
from tests.helpers.paths import ROOT

# The documents of the seed page, by handbook section (folder), as the content issue lists them.
SEED_DOCUMENTS = {
    "reception": [
        "接待客户流程安排",
        "接待客户流程和礼仪",
        "来访客户接待流程",
        "公司客户接待流程",
        "VIP客人到店、离店接待工作流程",
        "服务接待流程",
    ],
    "sales-property": ["案场物业服务流程", "物业前期案场接待工作流程", "案场物业接待流程", "案场接待流程 文字版"],
    "tech-support": ["技术支持工作管理流程", "工程技术支持服务流程图", "技术支持与服务方案"],
    "consulting": [
        "某咨询公司的咨询服务流程",
        "咨询业务运作的基本流程",
        "专项咨询项目服务流程",
        "PPP咨询服务内容、范围、流程",
        "工程造价全过程咨询服务实施方案",
    ],
}


@cache
def shipped() -> Handbook:
    result = validate_root(ROOT / "procedures", date(2026, 11, 28))
    assert result.handbook is not None, result.diagnostics
    return result.handbook


def test_shipped_procedures_validate_strictly_without_warnings() -> None:
    result = validate_root(ROOT / "procedures", date(2026, 11, 28))
    assert result.diagnostics == ()
    assert len(result.handbook.procedures if result.handbook else ()) >= 19


def test_every_seed_document_is_represented_in_its_section() -> None:
    for section, documents in SEED_DOCUMENTS.items():
        sources = [p.source.document for p in shipped().procedures if p.section == section and p.source]
        for document in documents:
            assert any(source.startswith(document) for source in sources), f"{section}: {document} missing"


def test_the_two_documents_of_one_title_keep_the_library_title_and_are_told_apart_by_locator() -> None:
    twins = [p.source for p in shipped().procedures if p.source.document == "来访客户接待流程"]
    assert len(twins) == 2
    locators = {source.locator for source in twins}
    assert None not in locators and len(locators) == 2


def test_the_two_post_document_became_two_procedures() -> None:
    counts = Counter(p.source.document for p in shipped().procedures if p.source)
    assert counts["案场物业服务流程"] == 2


# The seed gives these no items to tick: a list of service stages, and a service description.
WITHOUT_CHECKLIST = {"jiadao-consulting-service-process", "ppp-consulting-services"}


def test_every_procedure_has_checklist_items_under_ten_per_phase() -> None:
    without = set()
    for procedure in shipped().procedures:
        per_phase = [sum(1 for s in phase.steps if s.checklist) for phase in procedure.phases]
        if sum(per_phase) == 0:
            without.add(procedure.id)
        assert max(per_phase) <= 9, procedure.id
    assert without == WITHOUT_CHECKLIST
