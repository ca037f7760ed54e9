"""Focus: how many core KPIs each role carries, how their weights add up, how much of a scorecard is
behaviour items, and whether the organisation has core KPIs at all (F01-F04, R04)."""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.schema import fields

FIELDS = {
    "role": fields(
        core_kpis=("int", "number of core KPIs the role owns"),
        core_kpi_ids=("list", "ids of those KPIs"),
        core_weights=("map", "weight of each core KPI (missing weights shown as null)"),
        weight_sum=("number", "sum of core KPI weights (a missing weight counts 0)"),
        weight_gap=("number", "distance of weight_sum from 100"),
        min_core_weight=("number", "smallest core weight (a missing weight counts 0); absent without core KPIs"),
        unweighted_kpi_ids=("list", "core KPIs without a weight"),
        unweighted_kpis=("int", "how many core KPIs have no weight"),
        kpis_owned=("int", "KPIs the role owns, core or not"),
        measured_core_kpis=("int", "core KPIs that are measured metrics, not behaviour items"),
        measured_core_kpi_ids=("list", "ids of those KPIs"),
        pay_kpi_ids=("list", "the core KPIs pay should rest on: the measured ones, else the behaviour items"),
        behaviour_share=("number", "% of the core weight on behaviour items (by count when no core KPI has a "
                                   "weight); absent without core KPIs"),
        behaviour_basis=("str", "'weight', or 'count' when no core KPI has a weight"),
        behaviour_kpi_ids=("list", "core KPIs that are behaviour items"),
    ),
    "unit": fields(
        core_kpis=("int", "core KPIs owned by roles of this unit (not its sub-units)"),
        core_kpi_ids=("list", "ids of those KPIs"),
    ),
    "org": fields(core_kpis=("int", "core KPIs in the whole organisation, with or without an owner"),
                  measured_core_kpis=("int", "those that are measured metrics, not behaviour items")),
}


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    for role_id, core in ix.core_by_role.items():
        weights = {k.id: k.weight for k in core}
        total = sum(w or 0 for w in weights.values())
        facts = {"core_kpis": len(core), "core_kpi_ids": [k.id for k in core], "core_weights": weights,
                 "weight_sum": round(total, 4), "weight_gap": round(abs(total - 100), 4),
                 "unweighted_kpi_ids": [k for k, w in weights.items() if w is None]}
        facts["unweighted_kpis"] = len(facts["unweighted_kpi_ids"])
        if core:
            facts["min_core_weight"] = min(w or 0 for w in weights.values())
        measured = ix.measured_core_by_role[role_id]
        behaviour = [k for k in core if ix.kpi_class[k.id].is_behaviour]
        facts |= {"kpis_owned": len(ix.kpis_by_role[role_id]), "measured_core_kpis": len(measured),
                  "measured_core_kpi_ids": [k.id for k in measured],
                  "pay_kpi_ids": [k.id for k in measured or core],
                  "behaviour_kpi_ids": [k.id for k in behaviour], **_behaviour_share(core, behaviour)}
        yield "role", role_id, facts
    for unit_id, core in ix.core_by_unit.items():
        yield "unit", unit_id, {"core_kpis": len(core), "core_kpi_ids": [k.id for k in core]}
    yield "org", ix.org.id, {"core_kpis": len(ix.all_core),
                             "measured_core_kpis": sum(not ix.kpi_class[k.id].is_behaviour for k in ix.all_core)}


def _behaviour_share(core: list, behaviour: list) -> dict:
    """Share of a scorecard judged rather than measured (R04): by weight, by count when nothing is weighted."""
    if not core:
        return {}
    total = sum(k.weight or 0 for k in core)
    if total > 0:
        return {"behaviour_share": round(100 * sum(k.weight or 0 for k in behaviour) / total, 2),
                "behaviour_basis": "weight"}
    return {"behaviour_share": round(100 * len(behaviour) / len(core), 2), "behaviour_basis": "count"}
