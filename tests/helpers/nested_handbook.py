"""A copy of the small fixture handbook with sections nested three levels deep.

testing/                      the fixture's own section: valid-base, full-example
property/                     物业服务: area-rules directly in the area
  sales-site/                 案场服务
    bar/                      吧台: bar-service
  parking/                    停车场: parking-guide
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers.paths import FIXTURE_HANDBOOK

NESTED_SECTIONS = """\
  - id: property
    title: 物业服务
    summary: 案场和停车场的服务流程。
    sections:
      - id: sales-site
        title: 案场服务
        sections:
          - id: bar
            title: 吧台
            summary: 吧台的饮品服务。
      - id: parking
        title: 停车场
"""

# Procedure id → its section folder and title.
NESTED_PROCEDURES = {
    "area-rules": ("property", "物业区域守则"),
    "bar-service": ("property/sales-site/bar", "吧台饮品服务"),
    "parking-guide": ("property/parking", "停车引导"),
}


def procedure_text(procedure_id: str, title: str, depth: int) -> str:
    """The fixture's valid-base procedure under another id and title, its modeline fixed for ``depth``."""
    text = (FIXTURE_HANDBOOK / "procedures" / "testing" / "valid-base.yaml").read_text(encoding="utf-8")
    text = text.replace("id: valid-base", f"id: {procedure_id}", 1).replace("title: 吧台服务", f"title: {title}", 1)
    # Items of their own: the same item in two procedures is a near-duplicate on the role's sheet.
    for item in ("检查茶水备品", "奉上饮品"):
        text = text.replace(f"item: {item}", f"item: {item}（{title}）").replace(
            f"checklist: {item}", f"checklist: {item}（{title}）"
        )
    return text.replace("$schema=../../", "$schema=" + "../" * (depth + 1), 1)


def write_nested_handbook(root: Path) -> Path:
    """Copy the fixture handbook to ``root`` and nest sections in it; return ``root``."""
    shutil.copytree(FIXTURE_HANDBOOK, root)
    handbook = root / "procedures" / "handbook.yaml"
    text = handbook.read_text(encoding="utf-8")
    handbook.write_text(text.replace("roles:\n", NESTED_SECTIONS + "roles:\n", 1), encoding="utf-8")
    for procedure_id, (folder, title) in NESTED_PROCEDURES.items():
        target = root / "procedures" / folder / f"{procedure_id}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(procedure_text(procedure_id, title, folder.count("/")), encoding="utf-8")
    return root
