"""Rule documentation rendered from the rule YAML itself (`rules list`, `rules show`, docs/rules.md)."""
from __future__ import annotations

import json

from engine.assessment import OWNER_NEED
from engine.ruleset import Ruleset
from engine.ruleset_model import Rule
from reports.i18n import DIMENSIONS, KINDS, PHASES, SEVERITIES

_HEADINGS = {
    "en": {"what": "What it checks", "why": "Why it hurts", "source": "Source pitfall", "params": "Parameters",
           "fires": "Fires on", "passes": "Does not fire on", "fix": "Fix", "example": "Example",
           "owner": "owner", "effort": "effort", "phase": "phase", "none": "none", "default": "default",
           "current": "in force", "range": "range", "status": "status", "since": "since",
           "judges": "Judges (scoring population)", "all": "every", "not_assessed": "Not assessed when",
           "never": "never", "and": ", ", "missing": "not collected: {label}", "unknown": "{kind} {when} ({missing})",
           "unowned": "the {kind} of a KPI without an owner ({label})"},
    "zh": {"what": "检查内容", "why": "危害", "source": "来源陷阱", "params": "参数", "fires": "触发示例",
           "passes": "不触发示例", "fix": "整改", "example": "示例", "owner": "负责人", "effort": "工作量",
           "phase": "阶段", "none": "无", "default": "默认", "current": "当前", "range": "范围",
           "status": "状态", "since": "起始版本", "judges": "评判对象（计分基数）", "all": "全部",
           "not_assessed": "不评估的情况", "never": "始终评估", "and": "、", "missing": "未提供{label}",
           "unknown": "{kind} {when}（{missing}）", "unowned": "无负责人的KPI所属的{kind}（{label}）"},
}


def rule_rows(ruleset: Ruleset) -> list[dict]:
    return [{"code": r.code, "name": r.name, "dimension": r.dimension, "severity": r.severity,
             "status": "disabled" if r.code in ruleset.disabled else r.status, "since": r.since,
             "subject": r.subject} for r in ruleset.rules]


def _value(value) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def _not_assessed(ruleset: Ruleset, rule: Rule, lang: str) -> str:
    """What the rule cannot be assessed without (rules 1.1), so a reader knows why it may be silent: the inputs
    whose absence leaves it unassessed, the subjects it cannot judge (and when), and KPIs without an owner."""
    h = _HEADINGS[lang]

    def label(need: str) -> str:  # the loader checks needs against `collect`, but not the owner need of `unowned`
        return ruleset.collect[need].label[lang] if need in ruleset.collect else need

    parts = [h["missing"].format(label=h["and"].join(label(need) for need in rule.needs))] if rule.needs else []
    parts += [h["unknown"].format(kind=KINDS[lang][m.fact], when=_value(m.unknown.when),
                                  missing=h["missing"].format(label=label(m.unknown.needs)))
              for m in rule.match if m.unknown]
    if rule.unowned:
        parts.append(h["unowned"].format(kind=KINDS[lang][rule.subject], label=label(OWNER_NEED)))
    return f"{h['not_assessed']}: {'; '.join(parts) or h['never']}"


def show_rule(ruleset: Ruleset, rule: Rule, lang: str) -> str:
    """One rule's documentation as Markdown-flavoured text."""
    h = _HEADINGS[lang]
    lines = [f"{rule.code} {rule.name}",
             f"{DIMENSIONS[lang][rule.dimension]} · {SEVERITIES[lang][rule.severity]} · subject {rule.subject} · "
             f"{h['status']} {rule.status} · {h['since']} {rule.since} · {ruleset.name} {ruleset.version}"]
    if rule.code in ruleset.disabled:
        lines.append(f"DISABLED: {ruleset.disabled[rule.code]}")
    judged = [f"{h['all']} {m.fact}" if m.scope is None else f"{m.fact} {_value(m.scope)}" for m in rule.match]
    lines += ["", f"## {h['what']}", rule.doc.what[lang], f"{h['judges']}: {'; '.join(judged)}",
              _not_assessed(ruleset, rule, lang),
              "", f"## {h['why']}", rule.doc.why[lang], "",
              f"## {h['source']}", f"  {rule.source.zh}", f"  {rule.source.en}", "", f"## {h['params']}"]
    if not rule.params:
        lines.append(h["none"])
    for name, spec in rule.params.items():
        bounds = f", {h['range']} {spec.min:g}..{spec.max:g}" if spec.min is not None and spec.max is not None else ""
        lines.append(f"- {name} ({spec.type}, {h['default']} {_value(spec.default)}, "
                     f"{h['current']} {_value(ruleset.params[name])}{bounds}): {spec.doc[lang]}")
    remedy = rule.remediation
    lines += ["", f"## {h['fires']}", rule.doc.fires[lang], "", f"## {h['passes']}", rule.doc.passes[lang], "",
              f"## {h['fix']}", f"{remedy.action[lang]} ({h['owner']} {remedy.owner}, {h['effort']} {remedy.effort}, "
              f"{h['phase']} {PHASES[lang][remedy.phase]})"]
    lines += [f"{i}. {step}" for i, step in enumerate(remedy.steps[lang], 1)]
    if rule.doc.example:
        lines += ["", f"## {h['example']}", rule.doc.example]
    return "\n".join(lines) + "\n"


def rules_markdown(ruleset: Ruleset) -> str:
    """docs/rules.md: every rule in English then Chinese, generated (a test keeps it in sync)."""
    out = [f"# Rules of {ruleset.name} {ruleset.version}", "",
           "Generated by `kpi-audit rules docs --out docs/rules.md` from the rule files in "
           f"`rulesets/{ruleset.name}/{ruleset.version}/rules/`; do not edit by hand.", "",
           "| code | name | dimension | severity | subject | status |", "|---|---|---|---|---|---|"]
    out += [f"| {r.code} | {r.name} | {r.dimension} | {r.severity} | {r.subject} | {r.status} |" for r in ruleset.rules]
    for rule in ruleset.rules:
        for lang in ("en", "zh"):
            text = show_rule(ruleset, rule, lang).splitlines()
            out += ["", f"## {text[0]} ({lang})", "", text[1], ""]
            out += [line.replace("## ", "#### ", 1) if line.startswith("## ") else line for line in text[2:]]
    return "\n".join(out).rstrip() + "\n"
