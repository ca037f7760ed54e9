"""Context: local markets, domestic-China templates and third-party operators (L01-L03).

A unit's market is its own (a unit on a domestic-China platform counts as CN),
else the nearest ancestor's.
"""
from __future__ import annotations

from typing import Iterator

from diagnostics.data import standard_target
from diagnostics.index import AuditIndex
from diagnostics.schema import fields

DOMESTIC_PLATFORMS = {"tmall", "taobao", "pinduoduo", "pdd", "jd", "jingdong", "douyin", "kuaishou",
                      "xiaohongshu", "1688", "天猫", "淘宝", "拼多多", "京东", "抖音", "快手", "小红书"}

FIELDS = {
    "kpi": fields(
        domestic=("bool", "a domestic-China platform metric (by the catalogue, or a domestic channel word "
                          "such as 直通车 in the name)"),
        market=("str", "market of the owner's unit (inherited); absent when unknown"),
        market_not_cn=("bool", "the owner's market is not CN (unknown counts as not CN when no unit is CN)"),
    ),
    "unit": fields(
        unit_kind=("str", "company, department, team, region, site or agency"),
        market=("str", "market (inherited); absent when unknown"),
    ),
    "metric": fields(
        uniform_targets=("bool", "sibling units in different markets carry it with an identical target"),
        uniform_target_groups=("list", "per identical target: the parent unit, the units and their markets"),
        unowned_targets=("bool", "a KPI without an owner shares a target with another KPI of this metric "
                                 "(its market is unknown)"),
    ),
}


def _markets(ix: AuditIndex) -> dict[str, str | None]:
    """Each unit's market: its own (stated, or CN on a domestic platform), else its nearest ancestor's."""
    own = {unit_id: unit.market.upper() if unit.market else
           ("CN" if (unit.platform or "").strip().lower() in DOMESTIC_PLATFORMS else None)
           for unit_id, unit in ix.units.items()}
    return {unit_id: next((own[u] for u in ix.unit_chain(unit_id) if own[u]), None) for unit_id in ix.units}


def _same_everywhere(ix: AuditIndex, kpi) -> bool:
    """A target no market changes: a platform's customer standard (a 4.8 rating, ODR under 1%, replies within 24
    hours are the marketplace's rules in every market) or a standard a team meets in full (zero incidents, 100%).
    FX, logistics and consumer habits move sales, margins and ad costs, not these."""
    metric = ix.kpi_class[kpi.id].metric
    return (metric is not None and metric.focus == "customer") or standard_target(ix, kpi)


def _uniform_targets(ix: AuditIndex, markets: dict[str, str | None]) -> dict[str, list]:
    """Metric key -> groups of sibling units (different markets) sharing one target."""
    buckets: dict[tuple[str, str, float], dict[str, str]] = {}
    for kpi in ix.kpis.values():
        unit = ix.kpi_unit(kpi)
        if unit is None or kpi.target is None or _same_everywhere(ix, kpi):
            continue
        chain = ix.unit_chain(unit)
        key = ix.kpi_class[kpi.id].key
        for child, parent in zip(chain, chain[1:]):
            if markets[child]:
                buckets.setdefault((parent, key, kpi.target), {})[child] = markets[child]
    groups: dict[str, list] = {}
    for (parent, key, target), units in sorted(buckets.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        if len(set(units.values())) > 1:
            groups.setdefault(key, []).append({"parent": f"unit:{parent}", "target": target,
                                                "units": sorted(units), "markets": sorted(set(units.values()))})
    return groups


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    markets = _markets(ix)
    any_cn = any(m == "CN" for m in markets.values())
    for kpi in ix.kpis.values():
        unit = ix.kpi_unit(kpi)
        market = markets[unit] if unit else None
        not_cn = market != "CN" if market else (unit is not None and not any_cn)
        yield "kpi", kpi.id, {"domestic": ix.kpi_class[kpi.id].domestic, "market": market,
                              "market_not_cn": not_cn}
    for unit_id, unit in ix.units.items():
        yield "unit", unit_id, {"unit_kind": unit.kind, "market": markets[unit_id]}
    groups = _uniform_targets(ix, markets)
    for key in groups:
        yield "metric", key, {"uniform_targets": True, "uniform_target_groups": groups[key]}
    for key in _unowned_shared_targets(ix):
        yield "metric", key, {"unowned_targets": True}


def _unowned_shared_targets(ix: AuditIndex) -> list[str]:
    """Metric keys where a KPI without an owner shares its target with another KPI of the metric: once the
    owner is known the two may sit in sibling units of different markets (L02 cannot judge them yet)."""
    counts: dict[tuple[str, float], int] = {}
    for kpi in ix.kpis.values():
        if kpi.target is not None:
            bucket = (ix.kpi_class[kpi.id].key, kpi.target)
            counts[bucket] = counts.get(bucket, 0) + 1
    return sorted({ix.kpi_class[k.id].key for k in ix.unowned
                   if k.target is not None and counts[(ix.kpi_class[k.id].key, k.target)] > 1})
