"""Findings -> root causes (report 1.1 `root_causes`): findings that share one cause, grouped.

A consultant sees a handful of causes where the findings log has hundreds of lines: 90 "KPI reaches no
objective" findings are one cause when the company wrote no objective down. How a rule's findings group is
data declared with the rule (`root_cause` in its YAML, see engine.ruleset_model.Grouping), so a new rule
groups without an engine edit:
- `by` names the group: each subject, the subject's owner role (one scorecard), its unit, or the organisation;
- `systemic`: a rule that fires on more than half of the subjects it judges (of the kinds it found) is one
  organisation-wide cause;
- `joins`: another rule's findings in the same group share the cause (A03 on a unit explains A01 on its KPIs).
Whatever `by` says, a rule whose findings fall in more than MAX_GROUPS groups is one organisation-wide cause:
the same gap in many scorecards is one habit of the organisation, not many problems (and a 200-KPI
organisation reads as a handful of causes).
Every finding belongs to exactly one root cause (`finding["root_cause"]`). Causes are ordered by the points
they cost the overall score, then severity, and each has one remediation; the plan is built from them (engine.plan).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from engine.bidi import isolate
from engine.findings import LIST_SEPARATOR, named_evidence as _named, render
from engine.ruleset import Ruleset
from engine.ruleset_model import LANGS, PHASES, PLACEHOLDER, SEVERITY_RANK as _RANK, Rule

SYSTEMIC_SHARE = 0.5  # "most of its scope": more than half of the subjects the rule judges
MAX_GROUPS = 2  # a rule whose findings fall in more groups than this is one organisation-wide cause
NAMES_SHOWN = 5  # subject names a cause's message spells out before "and N more"

# Subject kinds as a cause's message counts them: (one, several) in English, one word in Chinese.
KIND_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {"org": ("organisation", "organisations"), "unit": ("unit", "units"), "role": ("role", "roles"),
           "kpi": ("KPI", "KPIs"), "objective": ("objective", "objectives"), "metric": ("metric", "metrics"),
           "review": ("review", "reviews"), "incentive": ("incentive plan", "incentive plans"),
           "subject": ("subject", "subjects")},
    "zh": {"org": ("组织",) * 2, "unit": ("部门",) * 2, "role": ("岗位",) * 2, "kpi": ("指标",) * 2,
           "objective": ("目标",) * 2, "metric": ("口径",) * 2, "review": ("复盘会",) * 2,
           "incentive": ("激励方案",) * 2, "subject": ("对象",) * 2},
}
_GENERIC = {  # a grouped cause's message when its rule declares none
    "org": {"en": "{count} of {total} {kinds} across the organisation: {names}.",
            "zh": "全组织{total}个{kinds}中有{count}个存在此问题：{names}。"},
    "group": {"en": "{count} {kinds} of {group}: {names}.", "zh": "{group}有{count}个{kinds}存在此问题：{names}。"},
}
_SCOPE_WORDS = {"en": "{title} (organisation-wide)", "zh": "{title}（普遍存在）"}
_GROUP_TITLE = {"en": "{title}: {group}", "zh": "{title}：{group}"}
_MORE = {"en": "{shown} and {more} more", "zh": "{shown}等{count}个"}


@dataclass
class _Cause:
    rule: Rule
    by: str  # subject | role | unit | org
    key: str  # the group's node ("org" for an organisation-wide cause)
    findings: list[dict] = field(default_factory=list)


def _group_key(finding: dict, by: str, fact: dict) -> str:
    kind = finding["subject"].split(":", 1)[0]
    if by == "org":
        return "org"
    if by == "unit":
        return finding["subject"] if kind == "unit" else f"unit:{fact['unit']}"
    if by == "role":
        if kind == "role":
            return finding["subject"]
        if kind == "kpi" and fact.get("owner"):  # a KPI nobody owns belongs to no scorecard: its unit's
            return fact["owner_role"]
        return f"unit:{fact['unit']}"
    return finding["subject"]


def _matches(cause: _Cause, finding: dict, fact: dict) -> bool:
    """Whether a joined rule's finding falls in a host cause's group."""
    if cause.key == "org":
        return True
    kind = cause.key.split(":", 1)[0]
    by = kind if kind in ("unit", "role") else "subject"
    return _group_key(finding, by, fact) == cause.key


def judged(rule: Rule, sizes: dict[tuple[str, str], int], found: list[dict]) -> int:
    """How many subjects the rule judges, over the subject kinds of what it found.

    Counting every kind it matches put D06's one organisation among its KPIs ("23 of 34 KPIs" where the
    deductions table, by kind, says 23 / 33).
    """
    kinds = dict.fromkeys(f["subject"].split(":", 1)[0] for f in found)
    return sum(sizes.get((rule.code, kind), 0) for kind in kinds)


def group_findings(findings: list[dict], ruleset: Ruleset, facts: dict[str, dict],
                   sizes: dict[tuple[str, str], int]) -> list[_Cause]:
    """Findings -> causes, each finding in exactly one, by the rules' `root_cause` declarations."""
    rules = {r.code: r for r in ruleset.active_rules}
    by_code: dict[str, list[dict]] = {}
    for finding in findings:
        by_code.setdefault(finding["code"], []).append(finding)

    def scope_by(rule: Rule, found: list[dict]) -> str:
        total = judged(rule, sizes, found)
        if rule.root_cause.systemic and len(found) >= 2 and len(found) > SYSTEMIC_SHARE * max(total, len(found)):
            return "org"
        groups = {_group_key(f, rule.root_cause.by, facts[f["subject"]]) for f in found}
        return "org" if len(groups) > MAX_GROUPS else rule.root_cause.by

    causes: dict[tuple[str, str], _Cause] = {}

    def place(rule: Rule, by: str, finding: dict) -> None:
        key = _group_key(finding, by, facts[finding["subject"]])
        causes.setdefault((rule.code, key), _Cause(rule, by, key)).findings.append(finding)

    hosts = [rules[c] for c in sorted(by_code) if rules[c].root_cause.joins]
    for rule in hosts:
        by = scope_by(rule, by_code[rule.code])
        for finding in by_code[rule.code]:
            place(rule, by, finding)
    joined = {code for rule in hosts for code in rule.root_cause.joins}
    for code in sorted(by_code):
        rule = rules[code]
        if rule in hosts:
            continue
        own = []
        for finding in by_code[code]:
            fact = facts[finding["subject"]]
            host = next((c for c in causes.values() if code in c.rule.root_cause.joins
                         and _matches(c, finding, fact)), None) if code in joined else None
            if host is not None:
                host.findings.append(finding)
            else:
                own.append(finding)
        by = scope_by(rule, own)  # what a host explained does not make the rest organisation-wide
        for finding in own:
            place(rule, by, finding)
    return list(causes.values())


def _subject_names(found: list[dict]) -> list[str]:
    """One name per subject (a subject two joined rules found once), in finding order."""
    return list({f["subject"]: f["subject_name"] or f["subject"] for f in found}.values())


def _names(names: list[str], lang: str) -> str:
    """The first few names, a name written on several subjects once with its count (出勤率 ×2), and how many more.

    The count is of subjects, not of distinct names: two KPIs both called 出勤率 are two of the cause's 30.
    """
    sep = LIST_SEPARATOR[lang]
    counts = Counter(names)
    first = list(counts)[:NAMES_SHOWN]
    # issue 10: one name's bidi controls cannot reorder the next
    shown = [isolate(name) + (f"\u00a0×{counts[name]}" if counts[name] > 1 else "") for name in first]
    more = len(names) - sum(counts[name] for name in first)
    if not more:
        return sep.join(shown)
    return _MORE[lang].format(shown=sep.join(shown), more=more, count=len(names))


def _merged_evidence(findings: list[dict]) -> dict:
    """The evidence of several findings as one: lists joined, and a value that differs between findings
    (a weekly and a quarterly review) as the list of its distinct values."""
    merged: dict[str, list] = {}
    for finding in findings:
        for name, value in finding["evidence"].items():
            values = merged.setdefault(name, [])
            values.extend(v for v in (value if isinstance(value, list) else [value]) if v not in values)
    return {name: values[0] if len(values) == 1 and not any(isinstance(f["evidence"].get(name), list)
                                                            for f in findings) else values
            for name, values in merged.items()}


def _shortened(values: dict, lang: str) -> dict:
    """Long lists of a grouped cause's evidence cut to the first few names, for its remediation steps."""
    return {key: _names(list(dict.fromkeys(str(v) for v in value)), lang) if isinstance(value, list) and len(value) > NAMES_SHOWN
            else value for key, value in values.items()}


def _describe(cause: _Cause, facts: dict[str, dict], total: int, org_name: str) -> tuple[dict, dict]:
    """(title, message) of a cause in both languages."""
    rule, found = cause.rule, cause.findings
    if len(found) == 1:
        return ({lang: rule.heading(lang) for lang in LANGS}, dict(found[0]["messages"]))
    kinds = {f["subject"].split(":", 1)[0] for f in found}
    kind = kinds.pop() if len(kinds) == 1 else "subject"
    group = org_name if cause.key == "org" else facts[cause.key]["name"]
    names = _subject_names(found)
    title, message = {}, {}
    for lang in LANGS:
        heading = rule.heading(lang)
        title[lang] = (_SCOPE_WORDS[lang].format(title=heading) if cause.key == "org" and cause.by == "org"
                       and rule.root_cause.by != "org" else
                       heading if cause.key == "org" else _GROUP_TITLE[lang].format(title=heading, group=group))
        template = (rule.root_cause.message[lang] if rule.root_cause.message
                    else _GENERIC["org" if cause.key == "org" else "group"][lang])
        words = KIND_WORDS[lang][kind]
        values = {"count": len(found), "total": max(total, len(found)), "group": group,
                  "names": _names(names, lang), "kinds": words[len(found) > 1]}
        message[lang] = PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)
    return title, message


def build_root_causes(findings: list[dict], ruleset: Ruleset, facts: list[dict],
                      sizes: dict[tuple[str, str], int], lang: str, names: dict[str, str]) -> list[dict]:
    """Report 1.1 `root_causes`, ordered by points lost then severity; sets each finding's `root_cause`.

    `points` is what the cause costs `score.overall`: its findings' points (dimension points, kept as
    `dimension_points`) weighted by their dimensions' weights, as the overall score weighs the dimensions.
    It is what fixing the cause gives back unless a dimension has lost more than its 100 points, and what
    the plan orders actions by. `names` maps each named subject to the name the client wrote.
    """
    by_node = {f["node"]: f for f in facts}
    org = facts[0]
    grouped = group_findings(findings, ruleset, by_node, sizes)
    weights = ruleset.scoring.dimension_weights
    weight_total = sum(weights.values())
    causes = []
    for cause in grouped:
        found = cause.findings
        rule = cause.rule
        total = judged(rule, sizes, found)
        title, message = _describe(cause, by_node, total, org["name"])
        codes = list(dict.fromkeys([rule.code, *sorted({f["code"] for f in found} - {rule.code})]))
        owners = list(dict.fromkeys(f["remediation"]["owner"] for f in found))
        subject_names = _subject_names(found)
        values = {**_shortened(_named(_merged_evidence(found), names), lang), "subject": cause.key,
                  "subject_name": _names(subject_names, lang)}
        steps = (found[0]["remediation"]["steps"] if len(found) == 1
                 else [render(s, values, lang) for s in rule.remediation.steps[lang]])
        causes.append({
            "title": title, "codes": codes, "dimension": rule.dimension,
            "severity": min((f["severity"] for f in found), key=_RANK.__getitem__),
            "group": {"by": "org" if cause.key == "org" else cause.by, "subject": cause.key},
            "subjects": list(dict.fromkeys(f["subject"] for f in found)), "count": len(found),
            "points": round(sum(f.get("points", 0.0) * weights[f["dimension"]] for f in found) / weight_total, 2),
            "dimension_points": round(sum(f.get("points", 0.0) for f in found), 2),
            "message": message,
            "remediation": {"steps": steps, "owner": owners[0] if len(owners) == 1 else org["org_lead"],
                            "effort": rule.remediation.effort,
                            "phase": min((f["remediation"]["phase"] for f in found), key=PHASES.index)},
            "_findings": found,
        })
    causes.sort(key=lambda c: (-c["points"], _RANK[c["severity"]], c["codes"][0], c["group"]["subject"]))
    for number, cause in enumerate(causes, 1):
        cause_id = f"rc-{number}"
        for finding in cause.pop("_findings"):
            finding["root_cause"] = cause_id
        cause["id"] = cause_id
    return [{"id": c.pop("id"), **c} for c in causes]
