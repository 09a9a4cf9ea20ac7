"""QR codes of checklist pages, as inline scalable SVG: a printout tells where its current version lives."""

from __future__ import annotations

import segno

from generator.cache import kept_text


def qr_svg(url: str, title: str | None = None) -> str:
    """An inline SVG QR code of ``url``, without a pixel size so that it scales to its box.

    The same URL always gives the same text, so builds are reproducible; a build keeps the text in its
    cache, as choosing the code's mask is most of the time a checklist page takes to render.
    """
    return kept_text("qr", (url, title or ""), lambda: _made_qr_svg(url, title))


def _made_qr_svg(url: str, title: str | None) -> str:
    code = segno.make_qr(url, error="m")
    svg: str = code.svg_inline(
        omitsize=True,
        border=2,
        title=title,
        svgclass="hb-qr",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return svg
