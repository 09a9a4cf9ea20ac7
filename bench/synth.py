"""Synthetic handbooks shaped like the seed procedures, from a fixed random seed.

Areas hold sections of about fifty procedures each, as a large organisation's handbook would.
Each procedure has Chinese text, 8–15 steps in 2–4 phases, 2–6 roles (one shared with its area's
other procedures, from handbook.yaml), decisions (some looping back to an earlier step), checklist items, forms,
say lines, standards, warnings and timing, like the procedures under procedures/.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SEED = 20261128
# A real-looking address, so the synthetic checklists carry QR codes as an adopted handbook's do
# (stand-in addresses such as handbook.example.org get none).
SITE_URL = "https://handbook.bench.test/"


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_WORDS = _split(
    "客户 接待 登记 确认 检查 安排 准备 汇报 审核 归档 服务 现场 资料 表单 会议 物品 车辆 茶水 "
    "来访 预约 引导 介绍 讲解 记录 跟进 反馈 评审 派单 实施 验收 培训 巡查 清洁 维护 交接 通知 "
    "签字 复核 报备 协调 沟通 整理 送别 迎接 问候 落实 核对 统计 分析 申请 审批 保管 发放"
)
_OBJECTS = _split(
    "接待申请单 来访信息 会议室 茶水备品 停车位 资料袋 名片 样板间 合同文本 项目计划 技术方案 "
    "故障记录 维修工单 客户意见 值班记录 工作日志 物资清单 安全设备 宣传资料 服务标准"
)
_ROLE_NAMES = _split(
    "前台接待员 接待负责人 部门经理 总经理 行政专员 保安员 保洁员 水吧服务员 销售顾问 客服专员 "
    "技术工程师 项目经理 售前工程师 质量专员 财务专员 司机 仓库管理员 培训讲师 咨询顾问 客户经理 "
    "值班主管 礼宾员 维修技师 档案管理员 采购专员 法务专员 市场专员 安全主管 物业管家 车场管理员"
)
_TAGS = _split("接待 VIP 案场 物业 技术支持 咨询 礼仪 安全 培训 会议 售后 档案 财务 采购 质量 巡查")
_SHARED_ROLES = ("hr-admin-dept", "admin-office", "quality-dept", "general-manager")
_FORMS_PER_PROCEDURE = 3
_TIMINGS = ({"at": "08:30", "until": "09:00"}, {"deadline": "两个工作日内"}, {"duration": "3 分钟内"})


# Shaped like a large organisation's handbook: areas, each of up to SECTIONS_PER_AREA sections,
# each of about PROCEDURES_PER_SECTION procedures (within the 100 past which validation warns).
PROCEDURES_PER_SECTION = 50
MAX_FORMS = 1000  # the most handbook.yaml's forms catalogue may list
SECTIONS_PER_AREA = 20


@dataclass(frozen=True)
class Shape:
    """How many of each thing a handbook of ``procedures`` procedures gets."""

    procedures: int

    @property
    def sections(self) -> int:
        return max(2, math.ceil(self.procedures / PROCEDURES_PER_SECTION))

    @property
    def areas(self) -> int:
        return math.ceil(self.sections / SECTIONS_PER_AREA)

    def section_folder(self, section: int) -> str:
        """The folder of section number ``section``: its area's, then its own."""
        return f"area-{section % self.areas:02d}/section-{section:03d}"

    @property
    def forms(self) -> int:
        return min(MAX_FORMS, max(10, self.procedures // 5))


def _phrase(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(_WORDS) for _ in range(words))


def _sentence(rng: random.Random) -> str:
    return f"{_phrase(rng, 2)}{rng.choice(_OBJECTS)}，{_phrase(rng, rng.randint(3, 6))}。"


def _text(rng: random.Random, sentences: int) -> str:
    return "".join(_sentence(rng) for _ in range(sentences))


def handbook_data(shape: Shape) -> dict[str, Any]:
    rng = random.Random(SEED)
    sections = [
        {
            "id": f"area-{a:02d}",
            "title": f"{_phrase(rng, 2)}区域{a}",
            "summary": _text(rng, 1),
            "sections": [
                {"id": f"section-{i:03d}", "title": f"{_phrase(rng, 2)}{i}", "summary": _text(rng, 1)}
                for i in range(a, shape.sections, shape.areas)
            ],
        }
        for a in range(shape.areas)
    ]
    # Each area has its own offices, shared by the procedures of its sections.
    names = ("人事行政部", "行政办公室", "质量管理部", "总经理办公室")
    roles = [
        {"id": f"{role_id}-{a:02d}", "name": f"{name}（区域{a}）", "responsibilities": [_text(rng, 1), _text(rng, 1)]}
        for a in range(shape.areas)
        for role_id, name in zip(_SHARED_ROLES, names, strict=True)
    ]
    forms = [
        {"id": f"form-{i:05d}", "name": f"{rng.choice(_OBJECTS)}表{i}", "description": _text(rng, 1)}
        for i in range(shape.forms)
    ]
    glossary = [{"term": f"术语{i}", "definition": _text(rng, 2)} for i in range(20)]
    return {
        "title": "合成流程手册",
        "organisation": "基准测试编辑组",
        "language": "zh",
        "sections": sections,
        "roles": roles,
        "forms": forms,
        "glossary": glossary,
        "search_terms": ["案场", "水吧"],
    }


def _checklist_item(rng: random.Random) -> Any:
    # Long enough to tell apart: editors are warned of near-duplicate items on one role's sheet.
    item = f"{_phrase(rng, 2)}{rng.choice(_OBJECTS)}，{_phrase(rng, 3)}"
    return {"item": item, "confirm": rng.choice(["已完成", "已确认", "充足", "已签字"])} if rng.random() < 0.4 else item


def _step(rng: random.Random, index: int, role_ids: list[str], forms: list[str]) -> dict[str, Any]:
    step: dict[str, Any] = {
        "id": f"step-{index:02d}",
        "title": f"{_phrase(rng, 2)}{rng.choice(_OBJECTS)}",
        "role": rng.choice(role_ids),
        "details": _text(rng, rng.randint(1, 4)),
    }
    if rng.random() < 0.25:
        step["forms"] = [rng.choice(forms)]
    if rng.random() < 0.2:
        step["say"] = [{"role": step["role"], "text": "您好，欢迎光临"}, {"speaker": "客户", "text": _sentence(rng)}]
    if rng.random() < 0.3:
        step["standards"] = [_sentence(rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.2:
        step["warnings"] = [_sentence(rng)]
    if rng.random() < 0.2:
        step["notes"] = [_sentence(rng)]
    if rng.random() < 0.2:
        step["timing"] = rng.choice(
            [{"at": "08:30", "until": "09:00"}, {"deadline": "两个工作日内"}, {"duration": "3 分钟内"}]
        )
    if rng.random() < 0.7:
        step["checklist"] = _checklist_item(rng)
    return step


def _add_decisions(rng: random.Random, steps: list[dict[str, Any]]) -> None:
    """Decisions: one branch goes on, the other skips ahead or loops back to an earlier step."""
    for index in range(1, len(steps) - 2):
        if rng.random() >= 0.2:
            continue
        step = steps[index]
        back = rng.random() < 0.5
        other = steps[rng.randint(0, index - 1)] if back else steps[rng.randint(index + 2, len(steps) - 1)]
        step["decision"] = {
            "question": f"{rng.choice(_OBJECTS)}是否{_phrase(rng, 1)}？",
            "options": [
                {"label": "是", "next": steps[index + 1]["id"]},
                {"label": "否，需要重新处理" if back else "否", "next": other["id"]},
            ],
        }
    steps[-1]["next"] = "end"


def procedure_data(number: int, section: str, shape: Shape) -> dict[str, Any]:
    rng = random.Random(SEED * 100_003 + number)
    local = rng.sample(range(len(_ROLE_NAMES)), rng.randint(1, 5))
    area = (number % shape.sections) % shape.areas
    roles: list[dict[str, Any]] = [{"id": f"{rng.choice(_SHARED_ROLES)}-{area:02d}"}]
    # Staff roles belong to an area too: a large organisation's front desks are not one sheet.
    roles += [{"id": f"r{i}", "name": f"{_ROLE_NAMES[i]}{area}", "responsibilities": [_text(rng, 1)]} for i in local]
    role_ids = [r["id"] for r in roles]
    forms = sorted({f"form-{rng.randrange(shape.forms):05d}" for _ in range(_FORMS_PER_PROCEDURE)})
    steps = [_step(rng, i, role_ids, forms) for i in range(rng.randint(8, 15))]
    _add_decisions(rng, steps)
    count = rng.randint(max(2, math.ceil(len(steps) / 6)), 4)  # at most 7 checklist items per pause point
    bounds = [round(i * len(steps) / count) for i in range(count + 1)]
    phases = [
        {"id": f"phase-{i}", "title": f"{_phrase(rng, 2)}阶段", "steps": steps[start:end]}
        for i, (start, end) in enumerate(itertools.pairwise(bounds))
    ]
    title = f"{_phrase(rng, 3)}流程{number}"
    return {
        "id": f"procedure-{number:05d}",
        "title": title,
        "summary": _text(rng, 2),
        "tags": sorted(set(rng.sample(_TAGS, rng.randint(1, 4)))),
        "version": "1.0",
        "effective": "2026-11-01",
        "owner": rng.choice(_ROLE_NAMES),
        "review_by": "2027-11-01",
        "revisions": [{"version": "1.0", "date": "2026-11-01", "change": "合成的基准测试流程。"}],
        "source": {"document": title, "completeness": "complete"},
        "purpose": _text(rng, 2),
        "scope": _text(rng, 1),
        "principles": [_text(rng, 1) for _ in range(rng.randint(1, 3))],
        "forms": forms,
        "related": [f"procedure-{rng.randrange(shape.procedures):05d}"] if number > 0 else [],
        "roles": roles,
        "checklist": {
            "type": rng.choice(["READ-DO", "DO-CONFIRM"]),
            "read_by": role_ids[0],
            "confirmed_by": role_ids[-1],
        },
        "phases": phases,
    }


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def procedure_path(procedures: Path, number: int, shape: Shape) -> Path:
    return procedures / shape.section_folder(number % shape.sections) / f"procedure-{number:05d}.yaml"


def with_site_url(mkdocs_yml: str) -> str:
    """``mkdocs_yml`` with the benchmark's ``SITE_URL`` as its ``site_url``."""
    kept = [line for line in mkdocs_yml.splitlines() if not line.startswith("site_url:")]
    return "\n".join([f"site_url: {SITE_URL}", *kept]) + "\n"


def write_handbook(root: Path, count: int, mkdocs_yml: str) -> Path:
    """Write a handbook of ``count`` procedures under ``root``; return its procedures folder.

    Its ``mkdocs.yml`` is ``mkdocs_yml`` with the benchmark's ``SITE_URL``."""
    shape = Shape(count)
    procedures = root / "procedures"
    procedures.mkdir(parents=True)
    (procedures / "handbook.yaml").write_text(_dump(handbook_data(shape)), encoding="utf-8")
    for section in range(shape.sections):
        (procedures / shape.section_folder(section)).mkdir(parents=True)
    for number in range(count):
        path = procedure_path(procedures, number, shape)
        data = procedure_data(number, path.parent.name, shape)
        if data["related"] == [data["id"]]:
            data["related"] = []
        path.write_text(_dump(data), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(with_site_url(mkdocs_yml), encoding="utf-8")
    return procedures
