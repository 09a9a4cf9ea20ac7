"""The Jinja environment for pages: autoescaping on, user text only ever passed as data."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.render.document_control import shown, version_line

# The package's templates (Jinja pages, the print layout).
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
# Characters Python-Markdown treats as escapable; a backslash makes them literal.
_MARKDOWN_LITERAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()>#+-.!"})
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BLANK_LINE = re.compile(r"\n\s*\n")
# Every character str.splitlines breaks a line at.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def clean_text(text: str) -> str:
    """Remove characters that XML and HTML forbid."""
    return _XML_FORBIDDEN.sub("", text)


def markdown_inline(text: str) -> Markup:
    """Text safe in a Markdown heading: HTML-escaped, Markdown syntax made literal."""
    return Markup(str(escape(clean_text(text))).translate(_MARKDOWN_LITERAL))


def paragraphs(text: str | None) -> Markup:
    """Plain text as HTML paragraphs: blank lines separate paragraphs, newlines break lines."""
    if not text:
        return Markup("")
    text = clean_text(text)
    if not _LINE_BREAK.search(text):
        # One line, one paragraph (or none): what the general case below gives, without splitting.
        line = text.strip()
        return Markup(f"<p>{escape(line)}</p>") if line else Markup("")
    blocks = (block.strip() for block in _BLANK_LINE.split(text))
    return Markup("".join(f"<p>{'<br>'.join(map(escape, block.splitlines()))}</p>" for block in blocks if block))


def plain(text: str | None) -> Markup:
    """Inline text, escaped, with characters HTML forbids removed."""
    return escape(clean_text(text or ""))


def excerpt(text: str | None, length: int = 120) -> Markup:
    """The first ``length`` characters of a text on one line, escaped."""
    flat = " ".join(clean_text(text or "").split())
    return escape(flat if len(flat) <= length else flat[: length - 1] + "…")


def package_environment(*, autoescape: bool, finalize: Callable[[Any], Any] | None = None) -> Environment:
    """A Jinja environment over the package's templates, strict about undefined names."""
    return Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The templates ship with the package: compile each once per process, never look at it again.
        auto_reload=False,
        # "{#id}" is Markdown's attribute syntax for heading anchors, so Jinja comments use "{##".
        comment_start_string="{##",
        comment_end_string="##}",
    )


@cache
def environment() -> Environment:
    """The environment of pages and print sheets: HTML autoescaping on."""
    env = package_environment(autoescape=True)
    env.filters["md"] = markdown_inline
    env.filters["paragraphs"] = paragraphs
    env.filters["plain"] = plain
    env.filters["excerpt"] = excerpt
    env.globals["shown"] = shown
    env.globals["version_line"] = version_line
    return env


def template_macro(template: str, name: str) -> Callable[..., Markup]:
    """A macro of a page template, for Python to call when the same markup recurs on a page."""
    macro: Callable[..., Markup] = getattr(environment().get_template(template).module, name)
    return macro


def templates_fingerprint() -> tuple[tuple[str, int], ...]:
    """Name and modification time of every package template: it changes when a template is edited."""
    return tuple(
        sorted(
            (str(path.relative_to(TEMPLATE_DIR)), path.stat().st_mtime_ns)
            for path in TEMPLATE_DIR.rglob("*")
            if path.is_file()
        )
    )


def forget_compiled_templates() -> None:
    """Drop the compiled templates, so the next page is rendered from the templates as they are now."""
    environment.cache_clear()
