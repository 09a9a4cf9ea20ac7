"""Every site label exists in every language the handbook can be written in."""

from __future__ import annotations

from generator.render.labels import LANGUAGES, all_keys, labels_for


def test_every_label_has_every_language() -> None:
    missing = [(key, lang) for key in sorted(all_keys()) for lang in LANGUAGES if not _has(key, lang)]
    assert not missing


def _has(key: str, language: str) -> bool:
    try:
        return bool(labels_for(language).get(key).strip())
    except KeyError:
        return False
