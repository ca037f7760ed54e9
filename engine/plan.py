"""Findings -> a 30/60/90-day remediation plan: one action per rule and owner, no duplicates.

When the audit could not assess something, the plan opens with collecting it (rules 1.1).
"""
from __future__ import annotations

from engine.findings import LIST_SEPARATOR
from engine.ruleset import OWNER_NEED, Ruleset
from engine.ruleset_model import Text

COLLECT_ACTION = Text(en="Collect what the audit could not assess: {items}",
                      zh="补充收集本次诊断无法评估的信息：{items}")

_PHASES = {"30d": 0, "60d": 1, "90d": 2}
_SEVERITY = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def build_plan(findings: list[dict], ruleset: Ruleset, lang: str, to_collect: list[dict] | None = None,
               org: dict | None = None) -> list[dict]:
    return _collect_first(to_collect or [], ruleset, lang, org) + _actions(findings, ruleset, lang)


def _collect_first(to_collect: list[dict], ruleset: Ruleset, lang: str, org: dict | None) -> list[dict]:
    to_collect = [item for item in to_collect if item["needs"] != OWNER_NEED]   # O02 asks for owners already
    if not to_collect:
        return []
    labels = list(dict.fromkeys(item["item"][lang] for item in to_collect))
    codes = sorted({c for item in to_collect for c in item["codes"]})
    severity = min((ruleset.rule(c).severity for c in codes), key=_SEVERITY.__getitem__)
    return [{"phase": "30d", "action": COLLECT_ACTION[lang].replace("{items}", LIST_SEPARATOR[lang].join(labels)),
             "owner": (org or {}).get("champion_role"), "codes": codes,
             "subjects": list(dict.fromkeys(item["subject"] for item in to_collect)),
             "severity": severity, "effort": "S"}]


def _actions(findings: list[dict], ruleset: Ruleset, lang: str) -> list[dict]:
    items: dict[tuple[str, str, str], dict] = {}
    for finding in findings:
        remedy = finding["remediation"]
        key = (remedy["phase"], finding["code"], remedy["owner"])
        item = items.get(key)
        if item is None:
            rule = ruleset.rule(finding["code"])
            item = items[key] = {"phase": remedy["phase"], "action": rule.remediation.action[lang],
                                 "owner": remedy["owner"], "codes": [finding["code"]], "subjects": [],
                                 "severity": finding["severity"], "effort": remedy["effort"]}
        item["subjects"].append(finding["subject"])
    return sorted(items.values(), key=lambda i: (_PHASES[i["phase"]], _SEVERITY[i["severity"]],
                                                 i["codes"][0], i["owner"]))
