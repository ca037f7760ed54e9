"""Results: whether KPIs measure outcomes or activity, and whether activity leads to results (R01-R03, I02).

A KPI is process (or input) when the catalogue says so or the client labels it
so; the client's `result` label never overrides the catalogue; a KPI the
catalogue does not know is judged by its label (rules-v1).
"""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.schema import fields
from engine.graph import node, reaching

FIELDS = {
    "kpi": fields(
        core=("bool", "part of the owner's assessed scorecard"),
        weight=("number", "weight in % of the owner's scorecard; absent when not given"),
        label=("str", "kind as the client labels it; absent when not given"),
        catalogue_metric=("str", "catalogue metric id the KPI matched; absent when unknown"),
        catalogue_kind=("str", "kind the catalogue gives; absent when unknown"),
        is_process=("bool", "process metric by the catalogue or by label"),
        is_input=("bool", "input metric by the catalogue or by label"),
        is_result=("bool", "result metric (catalogue, else label)"),
        behaviour=("bool", "a behaviour item (labelled so, or named by a behaviour term and no metric)"),
        kpi_kind=("str", "the kind the rules use: result, process, input or behaviour; absent when unknown"),
        kind_from=("str", "what decided the kind: label, catalogue or behaviour-term"),
        reading=("str", "how the catalogue read the name (synonym, ratio, share, growth, ambiguous...)"),
        drives_result=("bool", "a drives chain or a catalogue driver link leads to a result KPI of the same unit"),
        drives=("list", "KPI ids it says it drives"),
    ),
    "role": fields(
        result_kpis=("int", "core KPIs that are result metrics"),
        unclassified_kpis=("int", "core KPIs neither the catalogue nor the client classifies"),
        process_kpi_ids=("list", "core KPIs that are process or input metrics"),
        non_result_kpi_ids=("list", "core KPIs that are process, input or behaviour items"),
    ),
}


def _driven(ix: AuditIndex) -> set[str]:
    """KPIs whose drives lead to a result KPI, directly, through a chain, or via a catalogue link."""
    unit_results: dict[str | None, set[str]] = {}
    for kpi in ix.kpis.values():
        cls = ix.kpi_class[kpi.id]
        if cls.is_result and cls.metric:
            unit_results.setdefault(ix.kpi_unit(kpi), set()).add(cls.metric.id)
    anchors = [node("kpi", k) for k, c in ix.kpi_class.items() if c.is_result]
    for kpi in ix.kpis.values():
        cls = ix.kpi_class[kpi.id]
        unit = ix.kpi_unit(kpi)
        if (cls.is_process or cls.is_input) and cls.metric and unit is not None \
                and set(cls.metric.drives) & unit_results.get(unit, set()):
            anchors.append(node("kpi", kpi.id))
    return {n[4:] for n in reaching(ix.graph, anchors, "drives")}


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    driven = _driven(ix)
    for kpi in ix.kpis.values():
        cls = ix.kpi_class[kpi.id]
        facts = {"core": kpi.is_core, "weight": kpi.weight, "label": kpi.kind,
                 "catalogue_metric": cls.metric.id if cls.metric else None,
                 "catalogue_kind": cls.metric.kind if cls.metric else None,
                 "is_process": cls.is_process, "is_input": cls.is_input, "is_result": cls.is_result,
                 "behaviour": cls.is_behaviour, "kpi_kind": cls.kind, "kind_from": cls.kind_from,
                 "reading": cls.why,
                 "drives_result": kpi.id in driven, "drives": list(kpi.drives)}
        yield "kpi", kpi.id, facts
    for role_id, core in ix.core_by_role.items():
        classes = [ix.kpi_class[k.id] for k in core]
        yield "role", role_id, {
            "result_kpis": sum(c.is_result for c in classes),
            "unclassified_kpis": sum(c.unclassified for c in classes),
            "process_kpi_ids": [k.id for k, c in zip(core, classes) if c.is_process or c.is_input],
            "non_result_kpi_ids": [k.id for k, c in zip(core, classes) if c.is_process or c.is_input or c.is_behaviour]}
