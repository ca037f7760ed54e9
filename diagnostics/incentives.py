"""Incentives: whether pay follows the KPIs, and whether it rewards outcomes (I01, I02)."""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.schema import fields

FIELDS = {
    "role": fields(
        incentive_links=("int", "core KPIs of the role that some incentive pays on"),
        linked_kpi_ids=("list", "those KPIs"),
    ),
    "incentive": fields(
        links=("int", "number of KPI links"),
        process_share=("number", "% of the link weight on process metrics (equal shares when weights are missing)"),
        process_kpi_ids=("list", "linked KPIs that are process metrics"),
        activity_share=("number", "% of the link weight on process metrics and behaviour items (not results)"),
        activity_kpi_ids=("list", "linked KPIs that are process metrics or behaviour items"),
        link_weights=("map", "weight per linked KPI"),
    ),
}


_ACTIVITY = ("process", "behaviour")  # rules 1.1: I02 counts behaviour items as non-results


def _share(ix: AuditIndex, incentive, kinds: tuple[str, ...]) -> float | None:
    """% of an incentive's link weight on KPIs of `kinds` (equal shares when weights are missing)."""
    links = incentive.links
    if not links:
        return None
    weights = [link.weight or 0 for link in links]
    total = sum(weights)
    if total <= 0:
        weights, total = [1] * len(links), len(links)
    on_kinds = sum(w for link, w in zip(links, weights) if ix.kpi_class[link.kpi].kind in kinds)
    return round(100 * on_kinds / total, 2)


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    linked = ix.incentive_linked
    for role_id, core in ix.core_by_role.items():
        ids = [k.id for k in core if k.id in linked]
        yield "role", role_id, {"incentive_links": len(ids), "linked_kpi_ids": ids}
    for incentive in ix.records("incentive"):
        yield "incentive", incentive.id, {
            "links": len(incentive.links),
            "process_share": _share(ix, incentive, ("process",)),
            "process_kpi_ids": [ln.kpi for ln in incentive.links if ix.kpi_class[ln.kpi].is_process],
            "activity_share": _share(ix, incentive, _ACTIVITY),
            "activity_kpi_ids": [ln.kpi for ln in incentive.links if ix.kpi_class[ln.kpi].kind in _ACTIVITY],
            "link_weights": {ln.kpi: ln.weight for ln in incentive.links}}
