"""Matches -> findings: evidence, bilingual messages and remediation, one per rule and subject."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from engine.bidi import isolate
from engine.conditions import check, compile_condition
from engine.rule_runtime import CompiledRule
from engine.ruleset import Ruleset
from engine.ruleset_model import LANGS, PLACEHOLDER, Rule

_YES = {"en": ("yes", "no"), "zh": ("是", "否")}
# How each language punctuates the tool's own frame around text: a list inside a sentence, a label's colon, clauses,
# an aside in brackets, and the space (none in Chinese) between two sentences. Messages, the Markdown report and
# `catalogue match` all read it from here.
PUNCTUATION = {"en": {"list": ", ", "colon": ": ", "clauses": "; ", "open": " (", "close": ")", "sentences": " "},
               "zh": {"list": "、", "colon": "：", "clauses": "；", "open": "（", "close": "）", "sentences": ""}}
LIST_SEPARATOR = {lang: marks["list"] for lang, marks in PUNCTUATION.items()}
# Evidence keys whose values are ids of one kind of subject: messages (and the reports) show them by name.
ID_KINDS: dict[str, str] = {
    "activity_kpi_ids": "kpi", "behaviour_kpi_ids": "kpi", "core_kpi_ids": "kpi", "measured_core_kpi_ids": "kpi",
    "pay_kpi_ids": "kpi", "non_result_kpi_ids": "kpi", "process_kpi_ids": "kpi", "unweighted_kpi_ids": "kpi",
    "drives": "kpi", "core_weights": "kpi", "link_weights": "kpi",
    "objective_ids": "objective", "company_objective_ids": "objective", "child_objective_ids": "objective",
    "definition_id": "definition", "definition_ids": "definition", "variants": "definition",
    "champion": "person", "owner": "role", "catalogue_metric": "catalogue",
}

SCOPE = "scope:"
UNKNOWN = "unknown:"
# Enum values that appear inside messages, as a Chinese reader expects them.
_ZH_TERMS = {
    "result": "结果", "process": "过程", "input": "投入", "behaviour": "行为", "manual": "手工", "spreadsheet": "表格",
    "unknown": "未知", "erp": "ERP", "bi": "BI", "platform": "平台", "ads-console": "广告后台",
    "formula": "公式", "currency": "币种", "source": "来源", "startup": "初创期", "growth": "成长期",
    "mature": "成熟期", "weekly": "每周", "biweekly": "每两周", "monthly": "每月", "quarterly": "每季度",
    "half-yearly": "每半年", "yearly": "每年",
    "daily": "每日", "performance": "绩效", "kpi-system": "KPI体系", "missing": "未指定",
    "external": "外部人员", "inactive": "已离职", "ok": "正常", "weight": "按权重", "count": "按个数",
    "agency": "代运营",
}


@dataclass(frozen=True)
class CompiledRules:
    """What the runtime evaluates: each rule's matches, each distinct scope pattern once, and the
    subjects each rule cannot judge (`unknown`)."""

    rules: list[CompiledRule]
    scopes: dict[tuple[str, str], str]  # (code, subject kind) -> key of its scope pattern


@dataclass(frozen=True)
class Matches:
    """The runtime's answer, split: findings' matches, scope sizes, and the subjects each rule cannot judge."""

    found: list[tuple[str, int]]  # (rule key CODE#i, fact index)
    populations: dict[str, int]  # scope key -> subjects in it
    unknown: dict[str, set[int]]  # rule code -> fact indexes it cannot judge


def load_compiled(spec: str) -> Ruleset:
    """The ruleset of `spec` loaded and its rules compiled once, so a ruleset error shows when it is loaded (a
    batch's start, a service worker's, a stored ruleset's check), not at the first audit; not cached here, each
    caller keeps it as long as it needs."""
    from diagnostics import fact_schema
    from engine.ruleset import load_ruleset

    ruleset = load_ruleset(spec, fact_schema())
    compile_rules(ruleset, fact_schema())
    return ruleset


def compile_rules(ruleset: Ruleset, schema: dict) -> CompiledRules:
    """The active rules' conditions (and scopes) as durable_rules patterns."""
    compiled: list[CompiledRule] = []
    scopes: dict[tuple[str, str], str] = {}
    seen: set[str] = set()
    for rule in ruleset.active_rules:
        params = {k: ruleset.params[k] for k in rule.params}
        for i, match in enumerate(rule.match):
            fields, _ = check(match.when, schema[match.fact], params, rule.code)
            compiled.append(CompiledRule(f"{rule.code}#{i}", match.fact,
                                         compile_condition(match.when, match.fact, params), tuple(sorted(fields))))
            if match.unknown is not None:
                fields, _ = check(match.unknown.when, schema[match.fact], params, rule.code)
                compiled.append(CompiledRule(f"{UNKNOWN}{rule.code}#{i}", match.fact,
                                             compile_condition(match.unknown.when, match.fact, params),
                                             tuple(sorted(fields))))
            if match.scope is None:
                continue
            fields, _ = check(match.scope, schema[match.fact], params, rule.code)
            pattern = compile_condition(match.scope, match.fact, params)
            key = SCOPE + hashlib.sha256(json.dumps(pattern, sort_keys=True).encode()).hexdigest()[:16]
            scopes[(rule.code, match.fact)] = key
            if key not in seen:
                seen.add(key)
                compiled.append(CompiledRule(key, match.fact, pattern, tuple(sorted(fields))))
    return CompiledRules(compiled, scopes)


def split_matches(matches: list[tuple[str, int]]) -> Matches:
    """Findings' matches, the size of each scope population, and what each rule cannot judge."""
    found, populations, unknown = [], {}, {}
    for key, index in matches:
        if key.startswith(SCOPE):
            populations[key] = populations.get(key, 0) + 1
        elif key.startswith(UNKNOWN):
            unknown.setdefault(key[len(UNKNOWN):].partition("#")[0], set()).add(index)
        else:
            found.append((key, index))
    return Matches(found, populations, unknown)


def _decimal(value: float) -> str:
    """A number as a consultant writes it: two decimals from 1 up, three significant digits below 1.

    Two decimals alone printed a 0.6% click-through target (0.006) as 0.01, a goal the client never set.
    """
    if value.is_integer():
        return str(int(value))
    text = f"{value:.2f}" if abs(value) >= 1 else format(Decimal(f"{value:.3g}"), "f")
    return text.rstrip("0").rstrip(".")


def format_value(value: Any, lang: str) -> str:
    """A fact value as it reads inside a message."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _YES[lang][0 if value else 1]
    if isinstance(value, float):
        return _decimal(value)
    if isinstance(value, (list, tuple)):
        parts = [f"{{{format_value(v, lang)}}}" if isinstance(v, dict) else format_value(v, lang) for v in value]
        return LIST_SEPARATOR[lang].join(parts) if parts else "—"
    if isinstance(value, dict):
        marks = PUNCTUATION[lang]
        inner = marks["clauses"].join(f"{isolate(str(k))}{marks['colon']}{format_value(v, lang)}"
                                      for k, v in value.items())
        return inner or "—"
    # issue 10: client text inside a sentence is isolated, so its bidi controls cannot reorder the sentence.
    return isolate(_ZH_TERMS.get(value, str(value)) if lang == "zh" and isinstance(value, str) else str(value))


def render(template: str, values: dict[str, Any], lang: str) -> str:
    """Fill `{placeholders}` by plain substitution (no str.format: templates may come from overrides)."""
    return PLACEHOLDER.sub(lambda m: format_value(values.get(m.group(1)), lang), template)


def _evidence(rule: Rule, fact: dict, params: dict) -> dict:
    evidence = {name: fact[name] for name in rule.evidence if name in fact}
    evidence.update((name, params[name]) for name in rule.params)
    return evidence


def named_evidence(evidence: dict, names: dict[str, str]) -> dict:
    """Evidence for a message: ids of subjects as the names the client wrote (the evidence keeps the ids)."""
    def name(value: Any, kind: str) -> Any:
        if isinstance(value, list):
            return [name(v, kind) for v in value]
        if isinstance(value, dict) and kind == "kpi":
            return {names.get(f"kpi:{k}", k): v for k, v in value.items()}
        return names.get(f"{kind}:{value}", value) if isinstance(value, str) else value
    return {key: name(value, ID_KINDS[key]) if key in ID_KINDS else value for key, value in evidence.items()}


def build_findings(ruleset: Ruleset, facts: list[dict], matches: Matches, lang: str,
                   unassessed: set[str] = frozenset(), names: dict[str, str] | None = None) -> list[dict]:
    """One finding per (code, subject), sorted by code then subject.

    A rule in `unassessed` (what it needs was not collected) finds nothing, and no rule finds anything
    on a subject it cannot judge: not collected is not a finding (rules 1.1). Messages name subjects and
    definitions as `names` has them ("kpi:us-gmv", "definition:m-gmv"), as the client wrote them; the evidence
    keeps ids.
    """
    by_code = {r.code: r for r in ruleset.active_rules}
    names = names or {}
    seen: set[tuple[str, str]] = set()
    findings = []
    for key, index in matches.found:
        code, _, match_no = key.partition("#")
        rule, fact = by_code[code], facts[index]
        if (code, fact["node"]) in seen or code in unassessed or index in matches.unknown.get(code, ()):
            continue
        seen.add((code, fact["node"]))
        match = rule.match[int(match_no)]
        text = match.message or rule.message
        evidence = _evidence(rule, fact, ruleset.params)
        values = {**named_evidence(evidence, names), "subject": fact["node"], "subject_name": fact.get("name")}
        messages = {lang_: render(text[lang_], values, lang_) for lang_ in LANGS}
        remedy = rule.remediation
        findings.append({
            "code": rule.code, "name": rule.name, "dimension": rule.dimension, "severity": rule.severity,
            "subject": fact["node"], "subject_name": fact.get("name"),
            "message": messages[lang], "messages": messages, "evidence": evidence,
            "remediation": {"steps": [render(s, values, lang) for s in remedy.steps[lang]],
                            "owner": fact.get(remedy.owner) or fact.get("lead_role"),
                            "effort": remedy.effort, "phase": remedy.phase},
        })
    findings.sort(key=lambda f: (f["code"], f["subject"]))
    return findings
