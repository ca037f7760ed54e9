"""Findings -> a 30/60/90-day remediation plan: one action per rule and owner, no duplicates."""
from __future__ import annotations

from engine.ruleset import Ruleset

_PHASES = {"30d": 0, "60d": 1, "90d": 2}
_SEVERITY = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def build_plan(findings: list[dict], ruleset: Ruleset, lang: str) -> list[dict]:
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
