"""`kpi-audit rules list/show --lang zh` read entirely in Chinese, and every evidence key has a label."""
from __future__ import annotations

import glob

import pytest
import yaml

from engine.findings import LIST_SEPARATOR
from reports.evidence import LABELS, evidence_rows, subject_kind_label
from reports.i18n import KINDS
from reports.rule_docs import rules_table, show_rule
from tests.conftest import ROOT
from tests.zh_check import english_words

RULE_FILES = sorted(glob.glob(str(ROOT / "rulesets/core/*/rules/*.yaml")))


def _shipped_keys() -> set[str]:
    """Every evidence key and parameter of every shipped rule (a finding's evidence carries both)."""
    keys: set[str] = set()
    for path in RULE_FILES:
        rule = yaml.safe_load(open(path, encoding="utf-8"))
        keys.update(rule.get("evidence", []), rule.get("params", {}))
    return keys


def test_every_shipped_evidence_key_has_a_label_in_both_languages():
    assert RULE_FILES
    missing = sorted(key for key in _shipped_keys() if not {"en", "zh"} <= set(LABELS.get(key, {})))
    assert missing == []
    assert all(LABELS[key]["en"] and LABELS[key]["zh"] and not english_words(LABELS[key]["zh"]) for key in LABELS)


def test_rules_show_zh_has_no_english(core):
    """Ids (code, name, parameter names, the example's path) aside, every word of every rule is Chinese."""
    english = {rule.code: english_words(show_rule(core, rule, "zh"),
                                        {rule.code, rule.name, core.name, rule.doc.example or "", *rule.params})
               for rule in core.rules}
    assert {code: words for code, words in english.items() if words} == {}


def test_rules_list_zh_is_chinese(core):
    table = rules_table(core, "zh")
    assert f"（{len(core.rules)} 条规则）" in table and "严重程度" in table
    assert english_words(table, {core.name} | {r.code for r in core.rules}) == []


def test_rules_show_fills_parameters_and_names_what_a_finding_fills_in(core):
    text = show_rule(core, core.rule("I01"), "zh")
    assert "〈计酬指标〉" in text and "{" not in text
    assert "至少 40%" in show_rule(core, core.rule("A04"), "zh")


FINDING = {"code": "F03", "evidence": {
    "weight_sum": 110, "core_weights": {"us-gmv": 60, "us-acos": 50}, "unweighted_kpi_ids": [],
    "core_kpi_ids": ["us-gmv", "us-acos"], "champion_status": "external", "core": True, "owner": "ceo",
    "growth_share": 16.13, "revision_days": 92, "uniform_target_groups": [
        {"parent": "unit:hq", "target": 1000000, "units": ["de", "us"], "markets": ["DE", "US"]}],
    "unreliable_sources": ["manual", "spreadsheet"]}}
NAMES = {"kpi:us-gmv": "美国站GMV", "kpi:us-acos": "美国站ACoS", "unit:hq": "总部", "unit:de": "德国站",
         "unit:us": "美国站", "role:ceo": "总经理"}


def test_evidence_rows_in_chinese():
    rows = evidence_rows(FINDING, NAMES, "zh")
    assert rows == [
        ("权重合计", "110"), ("核心指标权重", "美国站GMV 60、美国站ACoS 50"), ("未设权重的核心指标", "无"),
        ("核心指标", "美国站GMV、美国站ACoS"), ("推动人状态", "外部人员"), ("是否核心", "是"), ("负责岗位", "总经理"),
        ("增长类占比", "16.13%"), ("KPI体系修订间隔天数", "92 天"),
        ("不同市场相同的目标值", "上级部门：总部；目标值：1000000；部门：德国站、美国站；市场：DE、US"),
        ("视为不可靠的数据来源", "手工、表格")]


def test_evidence_rows_in_english_and_unknown_ids_as_they_are():
    rows = evidence_rows({"evidence": {"core_kpi_ids": ["us-gmv", "ghost"], "drives": [], "core": False}},
                         NAMES, "en")
    assert rows == [("Core KPIs", f"美国站GMV{LIST_SEPARATOR['en']}ghost"), ("Drives", "none"), ("Core", "no")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_subject_kind_labels_are_the_reports_words(lang):
    assert {kind: subject_kind_label(kind, lang) for kind in KINDS[lang]} == KINDS[lang]
