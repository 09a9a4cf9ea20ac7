"""The Chinese search's word splitting (jieba): the handbook's own words are kept whole.

Nothing is written to the system's temporary folder: the words are handed to jieba from memory,
and jieba's dictionary cache goes to the user's cache folder.
"""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator.mkdocs_plugin.search_worker import DIGIT_HAN_BOUNDARY, correct_search_worker
from generator.render.word_cache import keep_cache_in_user_folder

log = logging.getLogger("mkdocs.plugins.handbook")

SEARCH_PLUGINS = ("search", "material/search")
WORD_WEIGHT = 100000


def reset_word_splitting() -> None:
    """Start each build from jieba's own dictionary.

    Loading the words again adds their counts to jieba's total once more, which would change how a
    second build in the same process (serve, tests) splits words."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it reports loading its dictionary on every build
    keep_cache_in_user_folder(jieba.dt)
    jieba.dt.initialized = False


def keep_words_whole(config: MkDocsConfig, words: tuple[str, ...]) -> None:
    """Teach jieba the handbook's words (role and form names, terms, tags), when the site has a search."""
    if not any(config.plugins.get(name) is not None for name in SEARCH_PLUGINS):
        return
    import jieba

    dictionary = "".join(f"{word} {WORD_WEIGHT} n\n" for word in words).encode("utf-8")
    jieba.load_userdict(io.BytesIO(dictionary))


def finish_search(site_dir: Path) -> None:
    """The search as the build left it, made right for Chinese: its index and its worker."""
    rewrite_index(site_dir)
    missed = correct_search_worker(site_dir)
    if missed:
        log.warning(
            "handbook: the search worker (%s) is not the one this tool corrects; Chinese queries whose last"
            " word is the query's last characters may match too much (check the pinned mkdocs-material)",
            ", ".join(missed),
        )


def rewrite_index(site_dir: Path) -> None:
    """Rewrite the search index with its Chinese as UTF-8 rather than ``\\uXXXX`` escapes, and a digit next
    to a Chinese character as a word boundary (``3分钟`` is found as ``3 分钟``).

    The search plugin writes JSON with every non-ASCII character escaped, which makes Chinese
    text three times its size; the index is most of a cold page load."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    config = data.get("config")
    separator = config.get("separator") if isinstance(config, dict) else None
    if isinstance(separator, str) and DIGIT_HAN_BOUNDARY not in separator:
        config["separator"] = f"{separator}|{DIGIT_HAN_BOUNDARY}"
    index.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
