"""Stand-in addresses from a template never reach a QR code or an edit button."""

from __future__ import annotations

import pytest

from generator.render.paths import is_placeholder_address, published_address


@pytest.mark.parametrize(
    "url",
    [
        "https://handbook.example.org/",
        "https://example.com/handbook/",
        "http://docs.example.net",
        "https://handbook.example/",
        "https://site.invalid/",
        "https://github.com/example-org/procedure-handbook",
    ],
)
def test_template_addresses_are_placeholders(url: str) -> None:
    assert is_placeholder_address(url)
    assert published_address(url) is None


@pytest.mark.parametrize(
    "url", ["https://handbook.acme.cn/", "https://git.fixture.test/team/handbook", "https://example-tools.org/"]
)
def test_real_addresses_are_published(url: str) -> None:
    assert not is_placeholder_address(url)
    assert published_address(f"  {url} ") == url


def test_no_address_is_not_a_placeholder_but_is_not_published() -> None:
    assert not is_placeholder_address(None) and not is_placeholder_address("")
    assert published_address(None) is None and published_address("   ") is None
