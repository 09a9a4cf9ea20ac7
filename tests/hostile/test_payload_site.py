"""The payload handbook builds, and no payload in any field becomes markup that could run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers.html_safety import Finding, scan_html
from tests.helpers.payloads import MARKER, NOT_SHOWN, payload_fields

SVG = "{http://www.w3.org/2000/svg}"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_corpus_covers_every_text_field() -> None:
    expected = {"title", "summary", "purpose", "scope", "definition-term", "definition", "principle"}
    expected |= {"role-name", "role-responsibility", "shared-role-name", "step-title", "details", "say-text"}
    expected |= {"note", "warning", "timing-deadline", "timing-duration", "timing-note", "decision-question"}
    expected |= {"option-label", "checklist-item", "checklist-confirm", "form-name", "glossary-term"}
    expected |= {"revision-author", "revision-change", "source-document", "source-origin", "tag", "section-title"}
    assert expected <= set(payload_fields())


def test_no_page_holds_executable_payload_markup(payload_site: Path) -> None:
    findings: list[Finding] = []
    for page in _pages(payload_site):
        findings += scan_html(page.read_text(encoding="utf-8"), str(page.relative_to(payload_site))).findings
    assert findings == []


@pytest.fixture(scope="module")
def shown_text(payload_site: Path) -> str:
    return "".join(scan_html(p.read_text(encoding="utf-8"), p.name).text for p in _pages(payload_site))


@pytest.mark.parametrize("field", [f for f in payload_fields() if f not in NOT_SHOWN])
def test_each_field_payload_is_shown_as_text(field: str, shown_text: str) -> None:
    assert any(f"{MARKER}{quote}{field}" in shown_text for quote in ('="', "='", "-")), field


def test_template_syntax_is_shown_literally(shown_text: str) -> None:
    assert "{{ 7*7 }}" in shown_text and "{% if true %}模板{% endif %}" in shown_text and "{{ config }}" in shown_text
    assert "49" not in shown_text


def test_page_titles_cannot_be_closed_by_a_payload(payload_site: Path) -> None:
    html = (payload_site / "xss" / "payloads.html").read_text(encoding="utf-8")
    head = html.split("</title>", 1)[0]
    assert "<title>注入标题 &lt;/title&gt;&lt;script&gt;" in head


def test_search_index_entries_are_escaped(payload_site: Path) -> None:
    index = json.loads((payload_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    findings: list[Finding] = []
    shown = ""
    for doc in index["docs"]:
        for key in ("title", "text"):
            result = scan_html(doc[key], f"search {doc['location']} {key}")
            findings += result.findings
            shown += result.text
    assert findings == []
    assert 'window.hbpwn="step-title"' in shown


def test_flowchart_is_well_formed_and_inert(payload_site: Path) -> None:
    svg = payload_site / "xss" / "payloads.svg"
    root = ET.parse(svg).getroot()  # raises on anything XML forbids
    elements = list(root.iter())
    assert not [e for e in elements if e.tag in (f"{SVG}script", f"{SVG}foreignObject")]
    assert not [(e.tag, a) for e in elements for a in e.attrib if a.lower().startswith("on")]
    text = "".join(root.itertext())
    assert '</text><script>window.hbpwn="step-title"</script> ]]>' in text.replace("\n", "")
    assert MARKER in text


def _pdf_text(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_checklist_pdf_shows_payloads_as_text_and_holds_no_script(payload_site: Path) -> None:
    pdf = payload_site / "checklists" / "payloads.pdf"
    text = _pdf_text(pdf).replace("\r", "").replace("\n", "")
    for field in ("checklist-item", "checklist-confirm", "title"):
        assert f'{MARKER}="{field}"' in text or f"{MARKER}='{field}'" in text, field
    assert "{{ 7*7 }}" in text
    for path in sorted((payload_site / "checklists").rglob("*.pdf")):
        raw = path.read_bytes()
        for action in (b"/JavaScript", b"/JS ", b"/Launch", b"javascript:"):
            assert action not in raw, f"{path.name}: {action!r}"
