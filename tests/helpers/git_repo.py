"""Git repositories for tests: an environment cut off from the user's settings, and hand-made commits.

``commit_with_entries`` builds a commit with git's plumbing (``hash-object``, ``mktree``,
``commit-tree``), so that a test can make trees no checkout could hold: symbolic links to
anywhere, entries named ``..`` or with an empty name, submodules.
"""

from __future__ import annotations

import os
import subprocess

import pytest

# A tree as (name, entry) pairs, names repeated if wanted: an entry is (mode, blob content or, for a
# submodule, a commit id), or a list for a subtree.
Leaf = tuple[str, bytes]
Tree = list[tuple[bytes, "Leaf | Tree"]]


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """No GIT_* variable and no user or system configuration; fixed names and dates for commits."""
    for key in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Handbook Tests")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "tests@example.org")
        monkeypatch.setenv(f"GIT_{who}_DATE", "2026-06-01T12:00:00Z")


def git(*args: str, stdin: bytes | None = None) -> str:
    """Run git in the working directory; its output, stripped."""
    done = subprocess.run(["git", *args], input=stdin, check=True, capture_output=True)
    return done.stdout.decode("utf-8", errors="surrogateescape").strip()


def _object(mode: str, content: bytes) -> str:
    if mode == "160000":
        return content.decode("ascii")  # a submodule names a commit, which need not exist here
    return git("hash-object", "-w", "--stdin", stdin=content)


def _record(name: bytes, value: Leaf | Tree) -> bytes:
    """One ``git mktree -z`` record."""
    if isinstance(value, tuple):
        mode, content = value
        kind = "commit" if mode == "160000" else "blob"
        return f"{mode} {kind} {_object(mode, content)}\t".encode() + name
    return b"040000 tree " + make_tree(value).encode() + b"\t" + name


def _mktree(records: list[bytes]) -> str:
    return git("mktree", "-z", stdin=b"".join(record + b"\0" for record in records))


def make_tree(entries: Tree) -> str:
    """Write a tree object holding ``entries`` exactly as given, names included; its id."""
    return _mktree([_record(name, value) for name, value in entries])


def _listing(treeish: str) -> list[bytes]:
    listing = git("ls-tree", "-z", treeish).encode("utf-8", "surrogateescape")
    return [record for record in listing.split(b"\0") if record]


def commit_with_entries(folder: str, extra: Tree) -> str:
    """A commit on top of HEAD whose ``folder`` holds HEAD's entries plus ``extra``; its id (HEAD stays)."""
    inner = _mktree([*_listing(f"HEAD:{folder}"), *(_record(name, value) for name, value in extra)])
    name = b"\t" + folder.encode()
    top = [b"040000 tree " + inner.encode() + name if r.endswith(name) else r for r in _listing("HEAD")]
    return git("commit-tree", _mktree(top), "-p", "HEAD", "-m", "crafted")
