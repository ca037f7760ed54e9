"""Data: definitions (数据口径), sources, actuals, baselines and dashboards (D01-D06)."""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.periods import periods_between
from diagnostics.schema import fields
from engine.catalogue import normalise

FIELDS = {
    "kpi": fields(
        has_definition=("bool", "the KPI names a metric definition"),
        definition_id=("str", "the metric definition id"),
        source=("str", "where the definition's number comes from; 'unknown' when the definition does not say"),
        source_given=("bool", "the definition states its source (false: not recorded); absent without a definition"),
        actuals_supplied=("bool", "the intake has actuals rows at all"),
        actuals_collected=("bool", "the intake has an actuals section (empty or not)"),
        actuals=("int", "actuals rows for this KPI"),
        last_actual=("str", "period of the latest actual"),
        periods_since_actual=("number", "KPI periods between the latest actual's end and the audit date"),
        frequency=("str", "measurement frequency (monthly when not given)"),
        target=("number", "the goal; absent when not given"),
        baseline=("number", "the historical level; absent when not given"),
        has_target=("bool", "a target is set"),
        has_baseline=("bool", "a baseline is set"),
        zero_tolerance=("bool", ("the target is a standard, not a forecast: 0 with direction lower (0 incidents), or "
                                 "100% of a rate with direction higher (every reply on time); it needs no baseline")),
        attainment=("bool", "the KPI is an attainment ratio against its own target (完成率, % of target)"),
        dashboards_listed=("bool", "the intake lists dashboards at all"),
        on_dashboard=("bool", "some dashboard shows the KPI"),
    ),
    "metric": fields(
        definitions=("int", "metric definitions that describe this metric"),
        definition_ids=("list", "their ids"),
        differing=("list", "fields on which the definitions differ: formula, currency, source"),
        inconsistent=("bool", "two or more definitions differ in formula, currency or source"),
        variants=("list", "the distinct definitions (id, formula, currency, source)"),
    ),
    "org": fields(dashboards=("int", "dashboards listed in the intake")),
}
_COMPARED = ("formula", "currency", "source")
# the foci of rates a team meets in full (on time, answered, present), unlike returns and growth rates
_STANDARD_FOCI = ("customer", "capability")


def _definition_groups(ix: AuditIndex) -> dict[str, list]:
    groups: dict[str, list] = {}
    for definition in ix.metrics.values():
        groups.setdefault(ix.definition_keys[definition.id], []).append(definition)
    return groups


def _variant(definition) -> tuple[str, ...]:
    return tuple(_comparable(definition, f) or "" for f in _COMPARED)


def _differing(variants: set[tuple[str, ...]]) -> set[str]:
    """The compared fields on which the variants do not all agree."""
    return {f for i, f in enumerate(_COMPARED) if len({v[i] for v in variants}) > 1}


def _rivals(ix: AuditIndex, group: list) -> tuple[list, list[str]]:
    """The definitions of one metric that compete (in intake order) and the fields they differ on.

    Definitions scoped to different markets or platforms (亚马逊销售额, Shopee營業額) count the metric in different
    places, so their sources and currencies may differ; each competes only with the definitions of its own scope
    and with the unscoped ones (销售额(财务口径)), which claim every scope. Linear in the group: the unscoped
    definitions' variants are gathered once and joined to each scope's."""
    scopes: dict[frozenset[str], list] = {}
    for definition in group:
        scopes.setdefault(ix.catalogue.scope(definition.name), []).append(definition)
    everywhere = scopes.pop(frozenset(), [])
    shared = {_variant(d) for d in everywhere}
    competing, fields = [], set()
    for own in scopes.values() or [[]]:
        variants = shared | {_variant(d) for d in own}
        if len(everywhere) + len(own) > 1 and (differ := _differing(variants)):
            competing.append(own)
            fields |= differ
    ids = {d.id for own in competing for d in own} | ({d.id for d in everywhere} if competing else set())
    return [d for d in group if d.id in ids], [f for f in _COMPARED if f in fields]


def _comparable(definition, field: str) -> str | None:
    value = getattr(definition, field)
    if value is None:
        return None
    return normalise(value) if field == "formula" else str(value).strip().upper()


def standard_target(ix: AuditIndex, kpi) -> bool:
    """A target no history sets: zero incidents, or a full 100% of a service or capability standard (出勤率,
    24小时回复率, 月结报表及时率 at 1). A count of 1 is an ordinary target, and so is 1 on a rate that is a multiple
    or a growth (ROAS or ROI at break-even, 100% sales growth): those still want a baseline."""
    if kpi.target == 0:
        return kpi.direction == "lower"
    metric = ix.kpi_class[kpi.id].metric
    if kpi.target != 1 or kpi.direction != "higher" or not ix.catalogue.is_rate(kpi.name, metric):
        return False
    return metric is None or (metric.focus in _STANDARD_FOCI and not metric.ratio_of and not metric.growth_of)


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    today = ix.audit_date
    actuals_supplied = any(ix.graph.nodes[n].get("actuals") for n in ix.graph.graph["by_kind"]["kpi"])
    dashboards_listed = bool(ix.graph.graph["by_kind"]["dashboard"])
    shown = ix.on_dashboard
    for kpi in ix.kpis.values():
        definition = ix.metrics.get(kpi.metric) if kpi.metric else None
        rows = ix.actuals(kpi.id)
        frequency = kpi.frequency or "monthly"
        facts = {"has_definition": definition is not None, "definition_id": kpi.metric,
                 "source": (definition.source or "unknown") if definition else None,
                 "source_given": definition.source is not None if definition else None,
                 "actuals_supplied": actuals_supplied, "actuals_collected": ix.collected("actuals"),
                 "actuals": len(rows), "frequency": frequency,
                 "target": kpi.target, "baseline": kpi.baseline,
                 "has_target": kpi.target is not None, "has_baseline": kpi.baseline is not None,
                 "zero_tolerance": standard_target(ix, kpi),
                 "attainment": ix.kpi_class[kpi.id].attainment,
                 "dashboards_listed": dashboards_listed, "on_dashboard": kpi.id in shown}
        started = [(span[1], row.period) for row in rows for span in (row.span,) if span[0] <= today]
        if started:
            end, period = max(started)
            facts["last_actual"] = period
            facts["periods_since_actual"] = round(periods_between(end, today, frequency), 4)
        yield "kpi", kpi.id, facts
    for key, group in _definition_groups(ix).items():
        rivals, differing = _rivals(ix, group)
        shown = rivals or group
        yield "metric", key, {
            "definitions": len(shown), "definition_ids": [d.id for d in shown], "differing": differing,
            "inconsistent": bool(rivals),
            "variants": [{"id": d.id, "formula": d.formula, "currency": d.currency, "source": d.source}
                         for d in shown]}
    yield "org", ix.org.id, {"dashboards": len(ix.graph.graph["by_kind"]["dashboard"])}
