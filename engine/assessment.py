"""What the audit could not assess, and what to ask the client for (rules-v1 1.1: not collected is not a finding).

Three ways a rule can be short of input, all declared with the rule (data, not code):
- `needs`: a section the intake left out (`incentives`): the rule is not assessed at all. `kpis` / `core-kpis`
  are needs of another sort: an organisation that lists no KPI or no core KPI has nothing for the rule to judge
  (F04 says so); the rule is *vacant*, costs its full weight in the score and in the potential, and asks for
  nothing;
- `match.unknown`: subjects whose fact says the input is missing (a review without its meeting log);
- `unowned`: a role- or unit-level rule cannot judge the role a KPI without an owner belongs to.
Each becomes an entry of the report's `not_assessed` list with the request to put to the client, and the
scoring counts it as if the rule had fired there (a lower bound), so leaving things out never raises a score.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.findings import Matches, render
from engine.model import Intake
from engine.ruleset import OWNER_NEED, Ruleset

VACANT_NEEDS = ("kpis", "core-kpis")  # the organisation has none: nothing to collect, nothing to judge


def unmet_needs(intake: Intake) -> set[str]:
    """The needs this intake leaves unmet: sections left out, and no KPI / no core KPI at all."""
    unmet = set(intake.absent)
    if not intake.kpis:
        unmet.add("kpis")
    if not any(kpi.is_core for kpi in intake.kpis):
        unmet.add("core-kpis")
    return unmet


@dataclass
class Assessment:
    unassessed: set[str] = field(default_factory=set)  # rule codes not assessed at all
    vacant: set[str] = field(default_factory=set)  # rule codes with no KPI / no core KPI to judge
    unknown: dict[tuple[str, str], int] = field(default_factory=dict)  # (code, kind) -> subjects not judged
    entries: list[dict] = field(default_factory=list)  # the report's `not_assessed`


def assess(ruleset: Ruleset, intake: Intake, facts: list[dict], matches: Matches) -> Assessment:
    unmet = unmet_needs(intake)
    org = facts[0]  # the subjects probe yields the organisation first
    unowned = [f for f in facts if f["kind"] == "kpi" and not f.get("owner")]
    result = Assessment()

    def entry(code: str, fact: dict, need: str) -> None:
        ask = ruleset.collect[need].ask
        values = {"subject_name": fact.get("name")}
        result.entries.append({"code": code, "subject": fact["node"], "subject_name": fact.get("name"),
                               "needs": need, "request": {lang: render(ask[lang], values, lang) for lang in ("en", "zh")}})

    for rule in ruleset.active_rules:
        missing = [need for need in rule.needs if need in unmet and need not in VACANT_NEEDS]
        if missing:
            result.unassessed.add(rule.code)
            for need in missing:
                entry(rule.code, org, need)
            continue
        if any(need in unmet for need in rule.needs):
            result.vacant.add(rule.code)
            continue
        for index in sorted(matches.unknown.get(rule.code, ())):
            fact = facts[index]
            match = next(m for m in rule.match if m.fact == fact["kind"] and m.unknown)
            key = (rule.code, fact["kind"])
            result.unknown[key] = result.unknown.get(key, 0) + 1
            entry(rule.code, fact, match.unknown.needs)
        if rule.unowned and unowned:
            key = (rule.code, rule.match[0].fact)
            result.unknown[key] = result.unknown.get(key, 0) + len(unowned)
            for fact in unowned:
                entry(rule.code, fact, OWNER_NEED)
    result.entries.sort(key=lambda e: (e["code"], e["subject"], e["needs"]))
    return result


def to_collect(entries: list[dict], ruleset: Ruleset) -> list[dict]:
    """The `not_assessed` entries as a list of requests: one per thing to collect, with the rules it unblocks."""
    grouped: dict[tuple[str, str], dict] = {}
    for e in entries:
        item = grouped.setdefault((e["needs"], e["subject"]), {
            "needs": e["needs"], "subject": e["subject"], "subject_name": e["subject_name"],
            "item": ruleset.collect[e["needs"]].label.model_dump(), "request": e["request"], "codes": []})
        item["codes"].append(e["code"])
    order = list(ruleset.collect)
    return sorted(grouped.values(), key=lambda g: (order.index(g["needs"]), g["subject"]))
