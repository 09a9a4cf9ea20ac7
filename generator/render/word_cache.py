"""Where jieba keeps its prepared dictionary: the user's cache folder, never the system's temporary one.

jieba turns its dictionary into a cache file on first use (a few seconds) and by default leaves it
in the temporary folder; both the search's word splitting and the flowcharts' line breaking use
jieba, so both point it here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def jieba_cache_dir() -> Path:
    """The handbook's folder in the user's cache folder ($XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handbook"


def keep_cache_in_user_folder(tokenizer: Any) -> None:
    """Point a jieba tokenizer's cache at the user's cache folder (its default when that cannot be made)."""
    cache = jieba_cache_dir()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache)
    except OSError:
        tokenizer.tmp_dir = None
