"""A finding's evidence as a reader sees it: a label in their language and the value in words, ids as names.

The evidence of a finding (engine.findings) is the facts and parameters that made its rule fire, keyed by
the probes' field names (`core_kpi_ids`, `weight_sum`…). Reports show them through `evidence_rows`; a test
holds every evidence key and parameter of every shipped rule to a label here in both languages.
"""
from __future__ import annotations

from typing import Any

from engine.findings import ID_KINDS, LIST_SEPARATOR, PUNCTUATION, format_value
from reports.i18n import KINDS

# key -> label per language: evidence keys, the other fact fields rules test, then the rules' parameters (a
# finding's evidence carries them).
LABELS: dict[str, dict[str, str]] = {
    "actions": {"en": "Action items recorded", "zh": "记录的行动项数"},
    "activity_kpi_ids": {"en": "Activity and behaviour KPIs paid on", "zh": "挂钩的活动类和行为类指标"},
    "activity_share": {"en": "Share of pay on activity or behaviour", "zh": "挂在活动类或行为类指标上的激励占比"},
    "actuals": {"en": "Actual values recorded", "zh": "已记录的实际值数"},
    "baseline": {"en": "Baseline", "zh": "基线值"},
    "behaviour_basis": {"en": "Share computed", "zh": "占比计算方式"},
    "behaviour_kpi_ids": {"en": "Behaviour items", "zh": "行为类考核项"},
    "behaviour_share": {"en": "Share of the scorecard on behaviour items", "zh": "行为类考核项占比"},
    "cadence": {"en": "Planned cadence", "zh": "计划频率"},
    "cadences_since_last": {"en": "Cadence periods since the last meeting", "zh": "距上次会议的周期数"},
    "catalogue_kind": {"en": "Kind in the metric catalogue", "zh": "指标库中的类型"},
    "catalogue_metric": {"en": "Catalogue metric", "zh": "对应标准指标"},
    "champion": {"en": "Champion", "zh": "推动人"},
    "champion_name": {"en": "Champion's name", "zh": "推动人姓名"},
    "champion_status": {"en": "Champion's status", "zh": "推动人状态"},
    "child_objective_ids": {"en": "Sub-objectives", "zh": "下级目标"},
    "company_objective_ids": {"en": "Company objectives", "zh": "公司目标"},
    "company_objectives": {"en": "Company objectives", "zh": "公司目标数"},
    "core": {"en": "Core", "zh": "是否核心"},
    "core_kpi_ids": {"en": "Core KPIs", "zh": "核心指标"},
    "core_kpis": {"en": "Core KPIs", "zh": "核心指标数"},
    "core_weights": {"en": "Weights of the core KPIs", "zh": "核心指标权重"},
    "dashboards": {"en": "Dashboards", "zh": "看板数"},
    "days_since_revision": {"en": "Days since the KPI system was revised", "zh": "距KPI体系上次修订的天数"},
    "days_since_system_review": {"en": "Days since the last KPI-system review", "zh": "距上次KPI体系复盘的天数"},
    "definition_id": {"en": "Data definition", "zh": "数据口径"},
    "definition_ids": {"en": "Data definitions", "zh": "数据口径"},
    "definitions": {"en": "Definitions", "zh": "口径数"},
    "design_consultations": {"en": "KPI design and target-setting sessions", "zh": "指标设计和目标设定会议数"},
    "differing": {"en": "Differs in", "zh": "不一致之处"},
    "drives": {"en": "Drives", "zh": "驱动的指标"},
    "frequency": {"en": "Frequency", "zh": "统计频率"},
    "frontline_consultations": {"en": "Sessions with front-line staff", "zh": "有一线员工参与的会议数"},
    "growth_share": {"en": "Share on growth", "zh": "增长类占比"},
    "is_company": {"en": "A company objective", "zh": "是否公司目标"},
    "label": {"en": "Your label", "zh": "客户标注的类型"},
    "last_actual": {"en": "Latest actual", "zh": "最近一次实际值"},
    "last_held": {"en": "Last held", "zh": "最近一次召开"},
    "leadership_attended": {"en": "Reviews a manager attended", "zh": "有管理者参加的复盘数"},
    "link_weights": {"en": "Payout weights", "zh": "挂钩权重"},
    "market": {"en": "Market", "zh": "市场"},
    "measured_core_kpi_ids": {"en": "Measured core KPIs", "zh": "量化核心指标"},
    "measured_core_kpis": {"en": "Measured core KPIs", "zh": "量化核心指标数"},
    "pay_kpi_ids": {"en": "KPIs to pay on", "zh": "计酬指标"},
    "min_core_weight": {"en": "Smallest weight", "zh": "最小权重"},
    "non_result_kpi_ids": {"en": "Non-result KPIs", "zh": "非结果类指标"},
    "objective_ids": {"en": "Objectives", "zh": "对应目标"},
    "on_dashboard": {"en": "On a dashboard", "zh": "是否在看板上"},
    "owner": {"en": "Owner", "zh": "负责岗位"},
    "performance_reviews": {"en": "Performance reviews", "zh": "绩效复盘数"},
    "periods_since_actual": {"en": "Periods since the latest actual", "zh": "距最近一次实际值的周期数"},
    "process_kpi_ids": {"en": "Process KPIs", "zh": "过程类指标"},
    "process_share": {"en": "Share of pay on process KPIs", "zh": "挂在过程类指标上的激励占比"},
    "profit_efficiency_share": {"en": "Share on profit and efficiency", "zh": "利润和效率类占比"},
    "review_kind": {"en": "Review kind", "zh": "复盘类型"},
    "revised_on": {"en": "Last revised", "zh": "上次修订日期"},
    "share_basis": {"en": "Share computed", "zh": "占比计算方式"},
    "source": {"en": "Data source", "zh": "数据来源"},
    "stage": {"en": "Business stage", "zh": "发展阶段"},
    "target": {"en": "Target", "zh": "目标值"},
    "uniform_target_groups": {"en": "Same target in different markets", "zh": "不同市场相同的目标值"},
    "unit_kind": {"en": "Unit kind", "zh": "部门类型"},
    "unweighted_kpi_ids": {"en": "Core KPIs without a weight", "zh": "未设权重的核心指标"},
    "unweighted_kpis": {"en": "Core KPIs without a weight", "zh": "未设权重的核心指标数"},
    "variants": {"en": "Definitions compared", "zh": "各口径对比"},
    "weight": {"en": "Weight", "zh": "权重"},
    "weight_sum": {"en": "Sum of weights", "zh": "权重合计"},
    # fact fields the rules' scopes and `unknown` conditions test (shown by `kpi-audit rules show`)
    "actuals_collected": {"en": "actuals collected", "zh": "已提供实际值"},
    "actuals_supplied": {"en": "actuals given for it", "zh": "提供了实际值"},
    "attainment": {"en": "an attainment ratio", "zh": "属于完成率"},
    "behaviour": {"en": "a behaviour item", "zh": "行为类考核项"},
    "dashboards_listed": {"en": "dashboards listed", "zh": "已列出看板"},
    "domestic": {"en": "a domestic-China metric", "zh": "国内平台指标"},
    "drives_result": {"en": "drives a result KPI", "zh": "驱动结果指标"},
    "has_baseline": {"en": "has a baseline", "zh": "有基线值"},
    "has_target": {"en": "has a target", "zh": "有目标值"},
    "held": {"en": "meetings held", "zh": "召开次数"},
    "held_log": {"en": "meeting log collected", "zh": "已提供会议记录"},
    "is_input": {"en": "an input KPI", "zh": "投入类指标"},
    "is_process": {"en": "a process KPI", "zh": "过程类指标"},
    "is_root": {"en": "the root unit", "zh": "根部门"},
    "kpis_owned": {"en": "KPIs owned", "zh": "负责的指标数"},
    "people_collected": {"en": "people collected", "zh": "已提供人员"},
    "reviews_collected": {"en": "reviews collected", "zh": "已提供复盘记录"},
    "source_given": {"en": "source given", "zh": "已填写数据来源"},
    "unowned_targets": {"en": "KPIs without an owner", "zh": "无负责岗位的指标数"},
    "zero_tolerance": {"en": "a zero-tolerance target", "zh": "零容忍目标"},
    # what every finding's message and steps may name
    "subject": {"en": "subject", "zh": "对象"},
    "subject_name": {"en": "name of the subject", "zh": "对象名称"},
    # parameters
    "incentive_process_max": {"en": "Most pay on activity allowed", "zh": "活动类激励占比上限"},
    "lapse_periods": {"en": "Periods before a review counts as lapsed", "zh": "视为中断的周期数"},
    "mature_profit_min": {"en": "Least share on profit and efficiency (mature)", "zh": "成熟期利润和效率类占比下限"},
    "max_behaviour_share": {"en": "Most share on behaviour items allowed", "zh": "行为类考核项占比上限"},
    "max_core_kpis": {"en": "Most core KPIs per role", "zh": "每岗位核心指标上限"},
    "min_core_kpis": {"en": "Fewest core KPIs per role", "zh": "每岗位核心指标下限"},
    "min_weight": {"en": "Smallest meaningful weight", "zh": "最小有效权重"},
    "process_weight_limit": {"en": "Most weight on one process KPI", "zh": "单个过程指标权重上限"},
    "revision_days": {"en": "Days between KPI-system revisions", "zh": "KPI体系修订间隔天数"},
    "stale_periods": {"en": "Periods without actuals allowed", "zh": "允许缺少实际值的周期数"},
    "startup_growth_min": {"en": "Least share on growth (startup and growth stage)", "zh": "初创期和成长期增长类占比下限"},
    "unreliable_sources": {"en": "Sources counted as unreliable", "zh": "视为不可靠的数据来源"},
    "weight_tolerance": {"en": "Tolerance around 100", "zh": "权重合计允许偏差"},
}

# Units of numbers: shares and limits in percent, spans in days.
UNITS: dict[str, dict[str, str]] = {
    **{key: {"en": "%", "zh": "%"} for key in (
        "activity_share", "behaviour_share", "growth_share", "process_share", "profit_efficiency_share",
        "incentive_process_max", "mature_profit_min", "max_behaviour_share", "startup_growth_min")},
    **{key: {"en": " days", "zh": " 天"} for key in ("days_since_revision", "days_since_system_review",
                                                     "revision_days")},
}
# The fields inside structured evidence (D01 `variants`, L02 `uniform_target_groups`) and what their ids name.
PART_LABELS: dict[str, dict[str, str]] = {
    "formula": {"en": "formula", "zh": "公式"}, "currency": {"en": "currency", "zh": "币种"},
    "source": {"en": "source", "zh": "来源"}, "parent": {"en": "under", "zh": "上级部门"},
    "target": {"en": "target", "zh": "目标值"}, "units": {"en": "units", "zh": "部门"},
    "markets": {"en": "markets", "zh": "市场"},
}
PART_KINDS: dict[str, str] = {"units": "unit", "parent": "unit"}
NONE_WORD = {"en": "none", "zh": "无"}
_KINDS_OF_PREFIXED = frozenset(KINDS["en"])  # `unit:hq` inside a value names a subject of one of these kinds


def subject_kind_label(kind: str, lang: str) -> str:
    """What a subject kind is called in `lang` (`role` -> 岗位), the reports' own words."""
    return KINDS[lang].get(kind, kind)


def evidence_label(key: str, lang: str) -> str:
    """The label of an evidence key; a key no rule shipped with (an agency's own rule) reads as itself."""
    return LABELS[key][lang] if key in LABELS else key.replace("_", " ")


def _name(value: Any, kind: str | None, names: dict[str, str]) -> Any:
    """An id as its subject's name: `kpi:us-gmv` as it stands, a bare id through the key's kind."""
    if not isinstance(value, str):
        return value
    if value.partition(":")[0] in _KINDS_OF_PREFIXED and value in names:
        return names[value]
    return names.get(f"{kind}:{value}", value) if kind else value


def _text(value: Any, kind: str | None, names: dict[str, str], lang: str) -> str:
    if isinstance(value, (list, tuple)):
        if not value:
            return NONE_WORD[lang]
        return LIST_SEPARATOR[lang].join(_text(v, kind, names, lang) for v in value)
    if isinstance(value, dict):
        if kind == "kpi":  # {kpi id: weight}
            return LIST_SEPARATOR[lang].join(f"{_name(k, kind, names)} {format_value(v, lang)}" for k, v in value.items())
        marks = PUNCTUATION[lang]
        inner = marks["clauses"].join(f"{PART_LABELS[k][lang] if k in PART_LABELS else k}{marks['colon']}"
                               f"{_text(v, PART_KINDS.get(k), names, lang)}" for k, v in value.items() if k != "id")
        if "id" in value:  # a definition compared: its name, then how it reads
            return f"{_name(value['id'], kind, names)}{marks['open']}{inner}{marks['close']}"
        return inner
    return format_value(_name(value, kind, names), lang)


def evidence_rows(finding: dict, names: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """(label, value text) for each evidence item of a finding, in its order.

    Ids become the names in `names` ("kind:id" -> display name; an id not in it stays as it is), lists read
    with the language's separator, an empty list as "none"/"无", booleans and enum words through
    engine.findings.format_value, shares and spans with their unit.
    """
    rows = []
    evidence = finding.get("evidence", {})
    for key, value in evidence.items():
        if f"{key}_name" in evidence and isinstance(value, str) and f"{ID_KINDS.get(key)}:{value}" not in names:
            continue  # an id whose name the evidence gives next to it (champion, champion_name): the name is shown
        text = _text(value, ID_KINDS.get(key), names, lang)
        if key in UNITS and isinstance(value, (int, float)) and not isinstance(value, bool):
            text += UNITS[key][lang]
        rows.append((evidence_label(key, lang), text))
    return rows
