"""Where each generated page lives in the site, and relative links between them."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit

from generator.model.handbook import Procedure

HOME = "index.md"
ROLES_INDEX = "roles/index.md"
FORMS_INDEX = "forms.md"
TAGS_INDEX = "tags.md"
GLOSSARY = "glossary.md"
REVIEW_CALENDAR = "review.md"
REGISTER = "register.md"  # 待确认事项: what the owners must confirm
ASSETS = "assets/handbook"


def section_page(section_id: str) -> str:
    return f"{section_id}/index.md"


def procedure_page(procedure: Procedure) -> str:
    return f"{procedure.section}/{procedure.id}.md"


def flowchart_file(procedure: Procedure) -> str:
    return f"{procedure.section}/{procedure.id}.svg"


def checklist_page(procedure: Procedure) -> str:
    return f"checklists/{procedure.id}.md"


def role_page(slug: str) -> str:
    return f"roles/{slug}.md"


def step_anchor(step_id: str) -> str:
    return f"step-{step_id}"


def phase_anchor(phase_id: str) -> str:
    return f"phase-{phase_id}"


def form_anchor(form_id: str) -> str:
    return f"form-{form_id}"


def html_path(src: str) -> str:
    """The built file of a source path (the site is built without directory URLs)."""
    return src[:-3] + ".html" if src.endswith(".md") else src


def relative_url(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A link from the page ``from_src`` to ``to_src`` that also works from file://."""
    target = _relpath(html_path(to_src), posixpath.dirname(html_path(from_src)))
    if to_src == from_src and anchor:
        return f"#{anchor}"
    return f"{target}#{anchor}" if anchor else target


def editor_guide(language: str) -> str:
    """The editor's guide: Chinese at the section's index, English beside it."""
    return "editor-guide/index.md" if language == "zh" else f"editor-guide/{language}.md"


CHECKLISTS_INDEX = "checklists/index.md"
CHECKLISTS_BUNDLE = "checklists/index.pdf"


def checklist_pdf(procedure: Procedure) -> str:
    return f"checklists/{procedure.id}.pdf"


def role_checklist_page(slug: str) -> str:
    return f"checklists/roles/{slug}.md"


def role_checklist_pdf(slug: str) -> str:
    return f"checklists/roles/{slug}.pdf"


# Addresses that only stand in for the real one (example domains, RFC 2606; the example-org
# owner of a shipped configuration): a QR code or an edit button must never lead there.
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")
PLACEHOLDER_OWNERS = ("example-org", "example")


def is_placeholder_address(url: str | None) -> bool:
    """Whether ``url`` is a stand-in address left from the template, not the organisation's own."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host in PLACEHOLDER_HOSTS or host.endswith(tuple(f".{h}" for h in PLACEHOLDER_HOSTS)):
        return True
    if host.endswith((".example", ".invalid")):
        return True
    owner = parts.path.strip("/").split("/", 1)[0].lower()
    return owner in PLACEHOLDER_OWNERS


def published_address(url: str | None) -> str | None:
    """``url`` when it is a real address; None when it is missing, blank or a placeholder."""
    if not url or not url.strip() or is_placeholder_address(url):
        return None
    return url.strip()


def canonical_url(site_url: str | None, page_src: str) -> str | None:
    """The published address of a page, or None when the site's address is not configured."""
    if not site_url or not site_url.strip():
        return None
    return site_url.strip().rstrip("/") + "/" + html_path(page_src)


# Pages in one folder link to the same targets (role pages, indexes, procedures): each relative
# path is worked out once per folder and target, within a bound for a long-running preview.
@lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's own clean relative paths, without asking for the working directory."""
    to = [part for part in path.split("/") if part not in ("", ".")]
    here = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."
