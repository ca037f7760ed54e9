"""The pipeline: intake -> graph -> facts -> rules -> findings -> score/plan -> report dict.

Each stage is a plain function of the previous one's output (the benchmark times
them one by one). The report is deterministic: no clock but the audit date.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from diagnostics import fact_schema, run_probes
from engine import __version__
from engine.assessment import assess, to_collect
from engine.findings import CompiledRules, build_findings, compile_rules, split_matches
from engine.graph import build_graph
from engine.messages import in_lang
from engine.model import Intake
from engine.plan import build_plan
from engine.root_causes import build_root_causes
from engine.unit_scores import unit_scores
from engine.rule_runtime import evaluate
from engine.ruleset import Ruleset
from engine.ruleset_model import DIMENSIONS, SEVERITIES
from engine.scoring import populations, score
from waivers import Waiver, apply_waivers

REPORT_VERSION = 1


def audit_date_of(intake: Intake, as_of: dt.date | None = None) -> dt.date:
    """--as-of, else the intake's audit_date, else today (the only clock in the tool)."""
    return as_of or intake.organization.audit_date or dt.date.today()


def run_audit(intake: Intake, ruleset: Ruleset, lang: str = "en", as_of: dt.date | None = None,
              warnings: list[str] | None = None, prepared_by: str | None = None,
              waivers: list[Waiver] | None = None) -> dict:
    """The report dict; `prepared_by` (the consultant named on the cover) is kept only when given, and so are
    `waived`/`waivers` (a waiver file's effect, see waivers/)."""
    when = audit_date_of(intake, as_of)
    graph = build_graph(intake)
    facts = run_probes(graph, ruleset.catalogue, when)
    compiled = compile_rules(ruleset, fact_schema())
    matches = evaluate(compiled.rules, facts)
    report = assemble_report(intake, ruleset, compiled, facts, matches, lang, when, warnings or [], waivers)
    if prepared_by is not None:
        report["prepared_by"] = prepared_by
    return report


def assemble_report(intake: Intake, ruleset: Ruleset, compiled: CompiledRules, facts: list[dict],
                    matches: list[tuple[str, int]], lang: str, when: dt.date, warnings: list[str],
                    waivers: list[Waiver] | None = None) -> dict:
    split = split_matches(matches)
    assessment = assess(ruleset, intake, facts, split)
    # every named subject (unit, role, KPI, review…) as the client wrote it: messages, causes and the plan never
    # show an id
    names = {f["node"]: f["name"] for f in facts if f.get("name")}
    definitions = {f"definition:{m.id}": m.name for m in intake.metrics}
    findings = build_findings(ruleset, facts, split, lang, assessment.unassessed | assessment.vacant,
                              {**definitions, **names})
    # waived findings leave before scoring, grouping and planning: an accepted exception costs nothing
    waived = apply_waivers(findings, waivers, when)
    findings = waived.kept
    counts = Counter(f["kind"] for f in facts)
    sizes = populations(ruleset, compiled.scopes, counts, split.populations)
    scores = score(findings, ruleset, sizes, assessment)
    causes = build_root_causes(findings, ruleset, facts, sizes, lang, names)
    collect = to_collect(assessment.entries, ruleset)
    org = intake.organization
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "kpi-audit", "version": __version__},
        "language": lang,
        "organization": {"id": org.id, "name": org.name, "audit_date": when.isoformat(),
                         "stage": org.stage, "currency": org.currency},
        "ruleset": {"name": ruleset.name, "version": ruleset.version, "sha256": ruleset.sha256,
                    "base": ruleset.base, "disabled": ruleset.disabled, "changes": ruleset.changes},
        "score": scores,
        "summary": {
            "findings": len(findings),
            "by_severity": {s: sum(f["severity"] == s for f in findings) for s in SEVERITIES},
            "by_dimension": {d: sum(f["dimension"] == d for f in findings) for d in DIMENSIONS},
            "subjects": {k: counts[k] for k in sorted(counts)},
        },
        "findings": findings,
        "not_assessed": assessment.entries,
        "to_collect": collect,
        "kpis": kpi_readback(facts, ruleset, lang),
        "root_causes": causes,
        "units": unit_scores(intake.units, facts, findings, ruleset, sizes),
        "roles": [{"id": r.id, "name": r.name, "unit": r.unit} for r in intake.roles],
        "objectives": [{"id": o.id, "name": o.name, "unit": o.unit, "parent": o.parent} for o in intake.objectives],
        "definitions": [{"id": m.id, "name": m.name} for m in intake.metrics],
        "plan": build_plan(causes, ruleset, lang, collect, facts[0], names),
        "intake_warnings": [in_lang(w, lang) for w in warnings],   # a Chinese report says them in Chinese
        **waived.report_keys(),
    }


def kpi_readback(facts: list[dict], ruleset: Ruleset, lang: str) -> list[dict]:
    """How the audit read every KPI (report 1.1 `kpis`), in intake order: the metric its name denotes (with
    that metric's name in the report language), the kind the rules used, why, and how the name was read."""
    metrics = ruleset.catalogue.metrics
    return [{"id": f["node"][4:], "name": f["name"], "owner": f.get("owner"), "core": f["core"],
             "metric": f.get("catalogue_metric"), "kind": f.get("kpi_kind"), "kind_from": f.get("kind_from"),
             "reading": f.get("reading"), "drives": f.get("drives", []), "objectives": f.get("objective_ids", []),
             "metric_name": metrics[f["catalogue_metric"]].name(lang) if f.get("catalogue_metric") else None}
            for f in facts if f["kind"] == "kpi"]
