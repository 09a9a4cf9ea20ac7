"""The change summary as Markdown: escaping, labels in the handbook's language, the empty summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.changes.change_set import ChangeSet, EntryChange, EntryKind, EntryStatus
from generator.changes.compare import compare
from generator.changes.report import code, markdown_text, render_change_summary
from generator.render.labels import Labels, all_keys
from tests.helpers.change_handbooks import HANDBOOK, SERVICE, handbook, rooted

BASE = {"bar/service.yaml": SERVICE}


def test_user_text_is_literal_markdown_on_one_line() -> None:
    text = "a*b_c [link](javascript:x) <b>x</b> & `y` ~z~ | w\n\nnext"
    assert markdown_text(text) == r"a\*b\_c \[link\](javascript:x) &lt;b&gt;x&lt;/b&gt; &amp; \`y\` \~z\~ \| w next"


def test_ids_and_revisions_are_code_and_odd_names_are_escaped() -> None:
    assert code("HEAD~1") == "`HEAD~1`"
    assert code("procedures/bar/service.yaml") == "`procedures/bar/service.yaml`"
    assert code("a `b` <c>") == "<code>a `b` &lt;c&gt;</code>"


def test_every_summary_label_has_chinese_and_english() -> None:
    keys = sorted(k for k in all_keys() if k.startswith("diff_"))
    assert len(keys) > 40
    for language in ("zh", "en"):
        labels = Labels(language)
        assert all(labels.get(k).strip() for k in keys), language


def test_the_empty_summary_says_so_in_each_language() -> None:
    empty = ChangeSet(())
    zh = render_change_summary(empty, "main", None, "zh")
    assert zh == "## 流程变更摘要：`main` → 工作区\n\n两个版本之间，流程没有变化。\n"
    en = render_change_summary(empty, "v1", "v2", "en")
    assert en == "## Procedure changes: `v1` → `v2`\n\nThe procedures are the same in both versions.\n"


def test_english_summary_uses_english_labels_and_punctuation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = rooted(handbook(Path("a"), BASE))
    moved_role = SERVICE.replace(
        "title: 奉上饮品\n        role: bar-attendant", "title: 奉上饮品\n        role: manager"
    )
    new = rooted(handbook(Path("b"), {"bar/service.yaml": moved_role}))
    text = render_change_summary(compare(old, new), "main", None, "en")
    assert "### Checklists to reprint\n" in text
    assert not {"：", "（", "、"} & set(text), "no Chinese punctuation around English labels"
    assert "- **吧台服务** `service`: roles\n" in text
    assert "#### What changes for 吧台服务员\n" in text and "#### What changes for 主管\n" in text
    assert "    - Reassigned step **奉上饮品**: 吧台服务员 → 主管 — **reprint**\n" in text


def test_handbook_settings_and_role_sheets_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = rooted(handbook(Path("a"), BASE))
    renamed = HANDBOOK.replace("name: 吧台服务员", "name: 吧台员").replace("name: 登记表", "name: 来访登记表")
    new = rooted(handbook(Path("b"), BASE, renamed))
    text = render_change_summary(compare(old, new), "main", None, "en")
    assert "### Handbook settings (handbook.yaml)\n" in text
    assert "- Renamed form: 登记表 → **来访登记表** `register`\n" in text
    assert "- Renamed shared role: 吧台服务员 → **吧台员** `bar-attendant`\n" in text
    assert "- **吧台员** `bar-attendant` (whole-day role sheet): title or ID\n" in text
    assert not {"：", "（", "、"} & set(text.replace("（handbook.yaml）", ""))


def test_a_handbook_yaml_change_alone_is_not_called_no_change() -> None:
    change = EntryChange(EntryKind.TERM, EntryStatus.EDITED, "VIP", "VIP", "VIP", ("definition", "aliases"))
    zh = render_change_summary(ChangeSet((), handbook=(change,)), "main", None, "zh")
    assert "没有变化" not in zh
    assert "- 术语内容改变：**VIP**（释义、别名）\n" in zh
    en = render_change_summary(ChangeSet((), handbook=(change,)), "main", None, "en")
    assert "- Changed glossary term: **VIP** (definition, aliases)\n" in en
