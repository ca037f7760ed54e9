"""Rule documentation rendered from the rule YAML itself (`rules list`, `rules show`, docs/rules.md)."""
from __future__ import annotations

import unicodedata

from engine.assessment import OWNER_NEED
from engine.findings import format_value
from engine.ruleset import Ruleset
from engine.ruleset_model import PLACEHOLDER, Rule
from reports.evidence import evidence_label, subject_kind_label
from reports.i18n import DIMENSIONS, EFFORTS, PHASES, SEVERITIES

_HEADINGS = {
    "en": {"what": "What it checks", "why": "Why it hurts", "source": "Source pitfall", "params": "Parameters",
           "fires": "Fires on", "passes": "Does not fire on", "fix": "Fix", "example": "Example",
           "owner": "owner", "effort": "effort", "phase": "phase", "none": "none", "default": "default",
           "current": "in force", "range": "range", "status": "status", "since": "since", "subject": "subject",
           "judges": "Judges (scoring population)", "all": "every", "not_assessed": "Not assessed when",
           "never": "never", "and": ", ", "missing": "not collected: {label}", "unknown": "{kind} {when} ({missing})",
           "unowned": "the {kind} of a KPI without an owner ({label})", "disabled": "DISABLED: {reason}",
           "colon": ": ", "sep": "; ", "paren": (" (", ")"), "rules": "{count} rules", "present": "is given",
           "is": "is", "not": "not"},
    "zh": {"what": "检查内容", "why": "危害", "source": "来源陷阱", "params": "参数", "fires": "触发示例",
           "passes": "不触发示例", "fix": "整改", "example": "示例", "owner": "负责人", "effort": "工作量",
           "phase": "阶段", "none": "无", "default": "默认", "current": "当前", "range": "范围",
           "status": "状态", "since": "起始版本", "subject": "对象", "judges": "评判对象（计分基数）", "all": "全部",
           "not_assessed": "不评估的情况", "never": "始终评估", "and": "、", "missing": "未提供{label}",
           "unknown": "{kind}：{when}（{missing}）", "unowned": "无负责岗位的指标所属的{kind}（{label}）",
           "disabled": "已停用：{reason}", "colon": "：", "sep": "；", "paren": ("（", "）"), "rules": "{count} 条规则",
           "present": "已填写", "is": "为", "not": "不是"},
}
# Who acts on a rule's finding (`remediation.owner`), as the rule's documentation says it.
OWNERS = {
    "en": {"lead_role": "the leader of the subject's unit", "org_lead": "the leader of the company",
           "champion_role": "the KPI champion (else the leader of the company)", "owner_role": "the KPI's owner",
           "metric_owner": "the definition's owner (else the leader of its unit)"},
    "zh": {"lead_role": "所在部门负责人", "org_lead": "公司负责人", "champion_role": "KPI体系内部推动人（否则公司负责人）",
           "owner_role": "指标负责岗位", "metric_owner": "口径维护岗位（否则所在部门负责人）"},
}
STATUSES = {"en": {"stable": "stable", "preview": "preview", "deprecated": "deprecated", "disabled": "disabled"},
            "zh": {"stable": "正式", "preview": "预览", "deprecated": "已弃用", "disabled": "已停用"}}
PARAM_TYPES = {"en": {"int": "whole number", "number": "number", "str": "text", "list": "list"},
               "zh": {"int": "整数", "number": "数值", "str": "文字", "list": "列表"}}
_SLOT = {"en": ("<", ">"), "zh": ("〈", "〉")}  # what a finding fills in, in a rule's documentation
_OPERATORS = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "in": "∈", "not_in": "∉"}
# The columns of `rules list`: key of `rule_rows`, heading per language.
_LIST_COLUMNS = (("code", {"en": "code", "zh": "编号"}), ("title", {"en": "title", "zh": "标题"}),
                 ("dimension", {"en": "dimension", "zh": "维度"}), ("severity", {"en": "severity", "zh": "严重程度"}),
                 ("status", {"en": "status", "zh": "状态"}), ("since", {"en": "since", "zh": "起始版本"}))


def rule_rows(ruleset: Ruleset, lang: str = "en") -> list[dict]:
    """One row per rule: its identity (code, name, dimension, severity, status, since, subject) and its title."""
    return [{"code": r.code, "name": r.name, "title": r.heading(lang), "dimension": r.dimension,
             "severity": r.severity, "status": "disabled" if r.code in ruleset.disabled else r.status,
             "since": r.since, "subject": r.subject} for r in ruleset.rules]


def rules_table(ruleset: Ruleset, lang: str) -> str:
    """`kpi-audit rules list` as a table in `lang`: words, not keys, and columns aligned for CJK text too."""
    rows = [{"code": r["code"], "title": r["title"], "dimension": DIMENSIONS[lang][r["dimension"]],
             "severity": SEVERITIES[lang][r["severity"]], "status": STATUSES[lang][r["status"]], "since": r["since"]}
            for r in rule_rows(ruleset, lang)]
    header = [names[lang] for _, names in _LIST_COLUMNS]
    widths = [max(_width(header[i]), *(_width(row[key]) for row in rows)) for i, (key, _) in enumerate(_LIST_COLUMNS)]
    count = _HEADINGS[lang]["rules"].format(count=len(rows))
    left, right = _HEADINGS[lang]["paren"]
    lines = [f"{ruleset.name} {ruleset.version}{left}{count}{right}",
             "  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip()]
    lines += ["  ".join(_pad(row[key], w) for (key, _), w in zip(_LIST_COLUMNS, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Columns a terminal gives `text`: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _value(value, lang: str) -> str:
    """A parameter or condition value as the reader's language writes it (lists joined, enum words translated)."""
    if isinstance(value, dict) and set(value) == {"param"}:
        return evidence_label(value["param"], lang)
    return format_value(value, lang)


def _condition(condition: dict, lang: str) -> str:
    """A scope or `unknown` condition in words: `core KPI = yes; behaviour item = no`."""
    h = _HEADINGS[lang]
    if set(condition) == {"all"}:
        return h["sep"].join(_condition(c, lang) for c in condition["all"])
    if set(condition) == {"any"}:
        return (" / ").join(_condition(c, lang) for c in condition["any"])
    parts = []
    for field, test in condition.items():
        label = evidence_label(field, lang)
        if isinstance(test, dict) and "param" not in test:
            for op, operand in test.items():
                if op == "present":
                    parts.append(f"{label} {h['present'] if operand else h['not'] + ' ' + h['present']}")
                else:
                    parts.append(f"{label} {_OPERATORS.get(op, op)} {_value(operand, lang)}")
        else:
            parts.append(f"{label} = {_value(test, lang)}")
    return h["sep"].join(parts)


def _with_params(text: str, ruleset: Ruleset, lang: str) -> str:
    """A remediation step with the parameters in force filled in, and what each finding fills in named by its
    label (`〈核心指标〉`), since the rule's documentation has no finding to take it from."""
    left, right = _SLOT[lang]
    return PLACEHOLDER.sub(lambda m: _value(ruleset.params[m.group(1)], lang) if m.group(1) in ruleset.params
                           else f"{left}{evidence_label(m.group(1), lang)}{right}", text)


def _not_assessed(ruleset: Ruleset, rule: Rule, lang: str) -> str:
    """What the rule cannot be assessed without (rules 1.1), so a reader knows why it may be silent: the inputs
    whose absence leaves it unassessed, the subjects it cannot judge (and when), and KPIs without an owner."""
    h = _HEADINGS[lang]

    def label(need: str) -> str:  # the loader checks needs against `collect`, but not the owner need of `unowned`
        return ruleset.collect[need].label[lang] if need in ruleset.collect else need

    parts = [h["missing"].format(label=h["and"].join(label(need) for need in rule.needs))] if rule.needs else []
    parts += [h["unknown"].format(kind=subject_kind_label(m.fact, lang), when=_condition(m.unknown.when, lang),
                                  missing=h["missing"].format(label=label(m.unknown.needs)))
              for m in rule.match if m.unknown]
    if rule.unowned:
        parts.append(h["unowned"].format(kind=subject_kind_label(rule.subject, lang), label=label(OWNER_NEED)))
    return f"{h['not_assessed']}{h['colon']}{h['sep'].join(parts) or h['never']}"


def show_rule(ruleset: Ruleset, rule: Rule, lang: str) -> str:
    """One rule's documentation as Markdown-flavoured text, every word in `lang` (ids and the client's
    parameter values aside); the English version also glosses the Chinese source pitfall."""
    h = _HEADINGS[lang]
    colon, (left, right) = h["colon"], h["paren"]
    status = "disabled" if rule.code in ruleset.disabled else rule.status
    lines = [f"{rule.code} {rule.heading(lang)}{left}{rule.name}{right}",
             f"{DIMENSIONS[lang][rule.dimension]} · {SEVERITIES[lang][rule.severity]} · "
             f"{h['subject']}{colon}{subject_kind_label(rule.subject, lang)} · {h['status']}{colon}{STATUSES[lang][status]}"
             f" · {h['since']} {rule.since} · {ruleset.name} {ruleset.version}"]
    if rule.code in ruleset.disabled:
        lines.append(h["disabled"].format(reason=ruleset.disabled[rule.code]))
    judged = dict.fromkeys(f"{h['all']}{'' if lang == 'zh' else ' '}{subject_kind_label(m.fact, lang)}"
                           if m.scope is None else f"{subject_kind_label(m.fact, lang)}{left}{_condition(m.scope, lang)}{right}"
                           for m in rule.match)
    source = [f"  {rule.source.zh}"] + ([f"  {rule.source.en}"] if lang == "en" else [])
    lines += ["", f"## {h['what']}", rule.doc.what[lang], f"{h['judges']}{colon}{h['sep'].join(judged)}",
              _not_assessed(ruleset, rule, lang),
              "", f"## {h['why']}", rule.doc.why[lang], "", f"## {h['source']}", *source, "", f"## {h['params']}"]
    if not rule.params:
        lines.append(h["none"])
    for name, spec in rule.params.items():
        facts = [PARAM_TYPES[lang][spec.type], f"{h['default']} {_value(spec.default, lang)}",
                 f"{h['current']} {_value(ruleset.params[name], lang)}"]
        if spec.min is not None and spec.max is not None:
            facts.append(f"{h['range']} {spec.min:g}..{spec.max:g}")
        lines.append(f"- {evidence_label(name, lang)}{left}{name}{h['sep']}{h['and'].join(facts)}{right}"
                     f"{colon}{spec.doc[lang]}")
    remedy = rule.remediation
    terms = h["and"].join([f"{h['owner']} {OWNERS[lang][remedy.owner]}", f"{h['effort']} {EFFORTS[lang][remedy.effort]}",
                           f"{h['phase']} {PHASES[lang][remedy.phase]}"])
    lines += ["", f"## {h['fires']}", rule.doc.fires[lang], "", f"## {h['passes']}", rule.doc.passes[lang], "",
              f"## {h['fix']}", f"{remedy.action[lang]}{left}{terms}{right}"]
    lines += [f"{i}. {_with_params(step, ruleset, lang)}" for i, step in enumerate(remedy.steps[lang], 1)]
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
