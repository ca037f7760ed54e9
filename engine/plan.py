"""Root causes -> a 30/60/90-day remediation plan: one action per root cause, never the same action twice.

When the audit could not assess something, the plan opens with collecting it (rules 1.1). Actions are ordered
as a consultant presents them: by phase, then by the score points they recover per unit of effort, then by
severity.
"""
from __future__ import annotations

from collections import Counter

from engine.findings import LIST_SEPARATOR
from engine.ruleset import OWNER_NEED, Ruleset
from engine.ruleset_model import PHASES, SEVERITY_RANK as _RANK, Text

COLLECT_ACTION = Text(en="Collect what the audit could not assess: {items}",
                      zh="补充收集本次诊断无法评估的信息：{items}")
# An action that would read like another one names the group it is about.
SCOPED_ACTION = Text(en="{action} ({group})", zh="{action}（{group}）")

EFFORT_UNITS = {"S": 1, "M": 2, "L": 4}  # relative cost of an action, for ordering by points per effort


def build_plan(root_causes: list[dict], ruleset: Ruleset, lang: str, to_collect: list[dict] | None = None,
               org: dict | None = None, names: dict[str, str] | None = None) -> list[dict]:
    """The plan: collecting first, then one action per root cause; `names` maps a group node to its name."""
    return _collect_first(to_collect or [], ruleset, lang, org) + _actions(root_causes, ruleset, lang, names or {})


def _collect_first(to_collect: list[dict], ruleset: Ruleset, lang: str, org: dict | None) -> list[dict]:
    to_collect = [item for item in to_collect if item["needs"] != OWNER_NEED]   # O02 asks for owners already
    if not to_collect:
        return []
    labels = list(dict.fromkeys(item["item"][lang] for item in to_collect))
    codes = sorted({c for item in to_collect for c in item["codes"]})
    severity = min((ruleset.rule(c).severity for c in codes), key=_RANK.__getitem__)
    return [{"phase": "30d", "action": COLLECT_ACTION[lang].replace("{items}", LIST_SEPARATOR[lang].join(labels)),
             "owner": (org or {}).get("champion_role"), "codes": codes,
             "subjects": list(dict.fromkeys(item["subject"] for item in to_collect)),
             "severity": severity, "effort": "S", "root_causes": [], "recovers": 0.0}]


def _actions(root_causes: list[dict], ruleset: Ruleset, lang: str, names: dict[str, str]) -> list[dict]:
    items: list[dict] = []
    for cause in root_causes:
        remedy = cause["remediation"]
        action = ruleset.rule(cause["codes"][0]).remediation.action[lang]
        items.append({"phase": remedy["phase"], "action": action, "owner": remedy["owner"],
                      "codes": list(cause["codes"]), "subjects": list(cause["subjects"]),
                      "severity": cause["severity"], "effort": remedy["effort"], "root_causes": [cause["id"]],
                      "recovers": cause["points"], "_group": cause["group"]["subject"]})
    repeated = {action for action, count in Counter(i["action"] for i in items).items() if count > 1}
    merged: dict[tuple[str, str | None], dict] = {}
    for item in items:
        group = item.pop("_group")
        scoped = item["action"] in repeated and group != "org"
        if scoped:
            item["action"] = SCOPED_ACTION[lang].format(action=item["action"], group=names.get(group, group))
        key = (item["action"], group if scoped else None)   # two reviews both called 周会 stay two actions
        same = merged.get(key)
        if same is None:
            merged[key] = item
            continue
        # the same action for the same group twice: one item, all its causes
        same["codes"] = sorted({*same["codes"], *item["codes"]})
        same["subjects"] = list(dict.fromkeys(same["subjects"] + item["subjects"]))
        same["root_causes"] += item["root_causes"]
        same["recovers"] = round(same["recovers"] + item["recovers"], 2)
        same["phase"] = min(same["phase"], item["phase"], key=PHASES.index)
        same["severity"] = min(same["severity"], item["severity"], key=_RANK.__getitem__)
    return sorted(merged.values(), key=lambda i: (PHASES.index(i["phase"]), -i["recovers"] / EFFORT_UNITS[i["effort"]],
                                                  _RANK[i["severity"]], i["codes"][0], i["action"]))
