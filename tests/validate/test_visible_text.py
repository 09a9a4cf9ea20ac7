"""What a reader sees: blank-looking values and look-alike names."""

from __future__ import annotations

import pytest

from generator.validate.visible_text import looks_blank, visible_name


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \t",
        "\u200b",
        "\u200b\u200c\u200d\u2060",
        "\ufeff",
        "\u00ad",
        "\u202e\u202c",
        "\U000e0001\U000e0041\U000e007f",
        "\u3164",
        "\u2800",
        "\ufe0f",
        "\u3000\u200b ",
    ],
)
def test_values_that_show_nothing_look_blank(text: str) -> None:
    assert looks_blank(text)


@pytest.mark.parametrize("text", ["a", "吧台", "\u200b吧", "👩\u200d👩", ".", "\U000e0041x"])
def test_values_with_one_visible_character_do_not(text: str) -> None:
    assert not looks_blank(text)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("主管", "主\u200b管"),
        ("Manager", "Ｍａｎａｇｅｒ"),
        ("值班 主管", " 值班\u3000 主管 "),
        ("主管", "主管\U000e0041"),
    ],
)
def test_names_that_look_the_same_have_the_same_visible_name(first: str, second: str) -> None:
    assert visible_name(first) == visible_name(second)


def test_names_that_look_different_stay_apart() -> None:
    assert visible_name("主管") != visible_name("主 管")
    assert visible_name("Manager") != visible_name("manager")
