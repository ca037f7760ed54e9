"""Focus: how many core KPIs each role carries and how their weights add up (F01-F03)."""
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
    ),
    "unit": fields(
        core_kpis=("int", "core KPIs owned by roles of this unit (not its sub-units)"),
        core_kpi_ids=("list", "ids of those KPIs"),
    ),
    "org": fields(core_kpis=("int", "core KPIs in the whole organisation")),
}


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    for role_id, core in ix.core_by_role.items():
        weights = {k.id: k.weight for k in core}
        total = sum(w or 0 for w in weights.values())
        facts = {"core_kpis": len(core), "core_kpi_ids": [k.id for k in core], "core_weights": weights,
                 "weight_sum": round(total, 4), "weight_gap": round(abs(total - 100), 4),
                 "unweighted_kpi_ids": [k for k, w in weights.items() if w is None]}
        if core:
            facts["min_core_weight"] = min(w or 0 for w in weights.values())
        yield "role", role_id, facts
    for unit_id, core in ix.core_by_unit.items():
        yield "unit", unit_id, {"core_kpis": len(core), "core_kpi_ids": [k.id for k in core]}
    yield "org", ix.org.id, {"core_kpis": sum(len(c) for c in ix.core_by_role.values())}
