"""Sheet and column names of the spreadsheet forms, in English and Chinese.

One table, used to read (any listed alias is accepted, after width, case, space
and trailing-unit normalisation) and to write templates (the first alias is
the Chinese header). The README prints the same table.
"""
from __future__ import annotations

import re
import unicodedata

from engine.messages import Local
from engine.model import SECTIONS

SECTION_ALIASES: dict[str, tuple[str, ...]] = {
    "organization": ("组织", "组织信息", "公司", "organisation"),
    "units": ("部门", "组织架构", "单位"),
    "roles": ("岗位", "职位"),
    "people": ("人员", "员工"),
    "objectives": ("目标", "公司目标", "okr"),
    "metrics": ("数据口径", "指标口径", "口径"),
    "kpis": ("指标", "kpi", "绩效指标", "考核指标"),
    "incentives": ("激励", "激励方案", "奖金"),
    "reviews": ("复盘", "复盘会议", "会议"),
    "dashboards": ("看板", "数据看板", "报表"),
    "consultations": ("共创", "共创会", "征求意见"),
    "actuals": ("实际值", "实际数据", "实际"),
}

_COMMON = {"id": ("编号", "代码", "ID"), "name": ("名称", "名字")}
FIELD_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "organization": {"stage": ("发展阶段", "阶段"), "audit_date": ("诊断日期", "审计日期"),
                     "currency": ("币种", "货币"), "champion": ("内部推动人", "推动人"),
                     "kpi_system_revised_on": ("体系修订日期", "KPI体系修订日期")},
    "units": {"kind": ("类型", "部门类型"), "parent": ("上级部门", "上级"), "market": ("市场", "站点市场"),
              "platform": ("平台",), "currency": ("币种", "货币")},
    "roles": {"unit": ("所属部门", "部门"), "leadership": ("管理岗", "是否管理岗"),
              "responsibilities": ("岗位职责", "职责"), "headcount": ("人数", "编制")},
    "people": {"role": ("岗位",), "internal": ("内部员工", "是否内部"), "active": ("在职", "是否在职")},
    "objectives": {"unit": ("所属部门", "部门"), "parent": ("上级目标",)},
    "metrics": {"formula": ("计算公式", "公式"), "source": ("数据来源", "来源"), "system": ("系统", "数据系统"),
                "currency": ("币种", "货币"), "owner": ("维护岗位",)},
    "kpis": {"owner": ("负责岗位", "负责人"), "kind": ("指标类型", "类型"), "core": ("核心指标", "是否核心", "核心"),
             "weight": ("权重",), "metric": ("数据口径", "口径"), "objectives": ("对应目标", "目标"),
             "drives": ("驱动指标", "驱动"), "target": ("目标值",), "baseline": ("基线值", "基线"),
             "frequency": ("统计频率", "频率"), "direction": ("方向", "考核方向"), "focus": ("侧重", "指标侧重")},
    "incentives": {"roles": ("适用岗位", "岗位"), "kind": ("激励类型", "类型"), "links": ("挂钩指标", "关联指标")},
    "reviews": {"kind": ("复盘类型", "类型"), "scope": ("覆盖范围", "范围"), "cadence": ("复盘频率", "频率"),
                "attendees": ("参会岗位", "参会人"), "held_on": ("召开日期", "会议日期"),
                "actions": ("行动项", "行动项数")},
    "dashboards": {"tool": ("工具",), "kpis": ("展示指标", "指标")},
    "consultations": {"date": ("日期",), "topic": ("主题",), "participants": ("参与岗位", "参与人")},
    "actuals": {"kpi": ("指标", "KPI"), "period": ("期间", "周期"), "value": ("实际值", "数值")},
}
ORG_COLUMNS = {"field": ("字段", "项目"), "value": ("值", "内容")}
IGNORED_SHEETS = ("readme", "说明", "填写说明", "lists", "选项")


def normalise_header(text: object) -> str:
    """`Audit date (YYYY-MM-DD)` -> `audit_date`; `权重（%）` -> `权重`."""
    value = unicodedata.normalize("NFKC", str(text)).strip()
    value = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", value).strip().rstrip("*").strip()
    return re.sub(r"[\s\-]+", "_", value).lower()


def _lookup(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {}
    for canonical, names in aliases.items():
        for name in (canonical, *names):
            table.setdefault(normalise_header(name), canonical)
    return table


SECTION_LOOKUP = _lookup(SECTION_ALIASES)
FIELD_LOOKUP = {section: _lookup({**{f: () for f in SECTIONS[section].model_fields}, **_COMMON,
                                  **FIELD_ALIASES[section]}) for section in SECTIONS}
ORG_LOOKUP = _lookup(ORG_COLUMNS)


def section_for(name: str) -> str | None:
    return SECTION_LOOKUP.get(normalise_header(name))


def field_for(section: str, header: object) -> str | None:
    return FIELD_LOOKUP[section].get(normalise_header(header))


def header_for(section: str, field: str, lang: str) -> str:
    """The header a template writes for a field."""
    if lang == "zh":
        names = {**_COMMON, **FIELD_ALIASES[section]}.get(field)
        if names:
            return names[0]
    return field


def sheet_name(section: str, lang: str) -> str:
    return SECTION_ALIASES[section][0] if lang == "zh" else section


def sheet_names(section: str) -> Local:
    """A section named in both languages, for messages (`kpis` / `指标`)."""
    return Local({lang: sheet_name(section, lang) for lang in ("en", "zh")})
