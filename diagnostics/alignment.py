"""Alignment: whether KPIs reach objectives, objectives have measures, units serve HQ,
and weights follow the business stage (A01-A04).

Reach (rules-v1): a KPI reaches an objective when it lists it or drives, through
any chain, a KPI that lists it; reaching an objective reaches its ancestors.
"""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.schema import fields

FIELDS = {
    "kpi": fields(
        reaches_objective=("bool", "lists an objective or drives a KPI that does"),
        objective_ids=("list", "objectives the KPI lists"),
    ),
    "objective": fields(
        measured=("bool", "some KPI lists the objective or one of its descendants"),
        is_company=("bool", "owned by the root unit"),
        child_objective_ids=("list", "objectives that name it as parent"),
    ),
    "unit": fields(
        is_root=("bool", "the root of the unit tree"),
        reaches_company_objective=("bool", "one of the unit's core KPIs reaches a company objective"),
        company_objective_ids=("list", "the company (root-unit) objectives"),
        company_objectives=("int", "how many company (root-unit) objectives there are"),
    ),
    "org": fields(
        stage=("str", "business stage: startup, growth or mature; absent when not given"),
        growth_share=("number", "% of core KPI weight that is growth-focused; absent without core KPIs"),
        profit_efficiency_share=("number", "% of core KPI weight that is profit- or efficiency-focused"),
        share_basis=("str", "'weight', or 'count' when no core KPI has a weight"),
    ),
}


def _stage_shares(ix: AuditIndex) -> dict:
    core = ix.all_core  # organisation-level: core KPIs without an owner count too (rules 1.1)
    if not core:
        return {}
    total = sum(k.weight or 0 for k in core)
    basis = "weight" if total > 0 else "count"

    def share(foci: set[str]) -> float:
        hits = [k for k in core if ix.kpi_class[k.id].focus in foci]
        if basis == "weight":
            return round(100 * sum(k.weight or 0 for k in hits) / total, 2)
        return round(100 * len(hits) / len(core), 2)

    return {"growth_share": share({"growth"}), "profit_efficiency_share": share({"profit", "efficiency"}),
            "share_basis": basis}


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    reaches = ix.reaches_objective
    for kpi in ix.kpis.values():
        yield "kpi", kpi.id, {"reaches_objective": kpi.id in reaches, "objective_ids": list(kpi.objectives)}
    measured: set[str] = set()
    for kpi in ix.kpis.values():
        for objective_id in kpi.objectives:
            measured |= ix.objective_closure[objective_id]
    children: dict[str, list[str]] = {o: [] for o in ix.objectives}
    for objective in ix.objectives.values():
        if objective.parent:
            children[objective.parent].append(objective.id)
    for objective in ix.objectives.values():
        yield "objective", objective.id, {"measured": objective.id in measured,
                                          "is_company": objective.unit == ix.root_unit,
                                          "child_objective_ids": children[objective.id]}
    company_reach = ix.reaches_company_objective
    for unit_id, core in ix.core_by_unit.items():
        yield "unit", unit_id, {"is_root": unit_id == ix.root_unit,
                                "reaches_company_objective": any(k.id in company_reach for k in core),
                                "company_objective_ids": ix.company_objectives,
                                "company_objectives": len(ix.company_objectives)}
    yield "org", ix.org.id, {"stage": ix.org.stage, **_stage_shares(ix)}
