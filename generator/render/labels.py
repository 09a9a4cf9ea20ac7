"""The translation table for site labels, keyed by the handbook language."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

from generator.load.yaml_loader import load_yaml

LANGUAGES = ("zh", "en")


@cache
def _table() -> Mapping[str, Mapping[str, str]]:
    data = resources.files("generator").joinpath("i18n/labels.yaml").read_bytes()
    loaded: dict[str, dict[str, str]] = load_yaml(data, "generator/i18n/labels.yaml").data
    return loaded


class Labels:
    """Labels for one language; ``labels.purpose`` or ``labels.format('steps_count', count=3)``."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language

    def __getattr__(self, key: str) -> str:
        # Only reached for names the class lacks; keeping the label on the instance makes the
        # next look-up (templates ask for the same labels on every page) a plain attribute read.
        value = self.get(key)
        self.__dict__[key] = value
        return value

    def get(self, key: str) -> str:
        try:
            return _table()[key][self.language]
        except KeyError:
            raise KeyError(f"no label {key!r} for language {self.language!r}") from None

    def format(self, key: str, **values: object) -> str:
        return self.get(key).format(**values)


@cache
def labels_for(language: str) -> Labels:
    return Labels(language)


def all_keys() -> frozenset[str]:
    return frozenset(_table())
