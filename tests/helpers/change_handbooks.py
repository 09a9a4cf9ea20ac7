"""Small handbooks for comparing two versions: handbook.yaml, two procedures, and a validating builder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from generator.model.handbook import Handbook
from generator.validate.pipeline import validate_root

HANDBOOK = """\
title: 测试手册
language: zh
sections:
  - {id: bar, title: 吧台}
  - {id: hall, title: 大厅}
roles:
  - {id: bar-attendant, name: 吧台服务员}
forms:
  - {id: register, name: 登记表}
  - {id: requisition, name: 领用单}
"""

SERVICE = """\
id: service
title: 吧台服务
version: "1.0"
effective: 2026-01-01
owner: 案场物业
review_by: 2099-01-01
source: {document: 测试文件}
purpose: 为客户提供饮品。
roles:
  - id: bar-attendant
  - {id: manager, name: 主管}
checklist: {type: DO-CONFIRM, read_by: manager, confirmed_by: manager}
phases:
  - id: before
    title: 班前
    steps:
      - id: check
        title: 检查备品
        role: bar-attendant
        timing: {at: "08:30"}
        forms: [register]
        checklist: {item: 检查备品, confirm: 充足}
      - id: music
        title: 播放背景音乐
        role: bar-attendant
  - id: during
    title: 班中
    steps:
      - id: greet
        title: 迎客
        role: bar-attendant
        details: 站立微笑迎客。
        checklist: 微笑迎客
      - id: serve
        title: 奉上饮品
        role: bar-attendant
        checklist: 奉上饮品
      - id: clear
        title: 清理桌面
        role: bar-attendant
"""

CLOSING = """\
id: closing
title: 闭店检查
version: "1.0"
effective: 2026-01-01
owner: 案场物业
review_by: 2099-01-01
source: {document: 测试文件}
purpose: 闭店前检查。
roles:
  - {id: manager, name: 主管}
phases:
  - id: close
    title: 闭店
    steps:
      - {id: lights, title: 关灯, role: manager}
      - {id: doors, title: 锁门, role: manager}
"""


def handbook(root: Path, files: dict[str, str], handbook_text: str = HANDBOOK) -> Handbook:
    """Validate a handbook made of handbook.yaml and the given procedure files; it must be clean."""
    (root / "handbook.yaml").parent.mkdir(parents=True, exist_ok=True)
    (root / "handbook.yaml").write_text(handbook_text, encoding="utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = validate_root(root, date(2026, 6, 1))
    assert result.ok(), [d.message for d in result.errors]
    assert result.handbook is not None
    return result.handbook


def rooted(hb: Handbook) -> Handbook:
    """The handbook with file names as paths inside its procedures folder, so two folders compare."""
    procedures = tuple(replace(p, file=p.file.split("/", 1)[1]) for p in hb.procedures)
    return replace(hb, procedures=procedures)
