"""Shared views of the graph that several probe families need, each computed once.

dbt-project-evaluator style: the expensive graph questions (KPI classification,
reach of objectives, drive chains to results, unit ancestry) are answered here
in linear time; probes only read these views and emit flat facts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from engine.catalogue import Catalogue, CatalogueMetric
from engine.graph import data, descendants_via, in_rel, node, of_kind, reaching


@dataclass(frozen=True)
class KpiClass:
    """How the audit classifies one KPI (rules-v1: catalogue kind, then the client's label)."""

    metric: CatalogueMetric | None
    label: str | None
    is_process: bool
    is_input: bool
    is_result: bool
    focus: str | None
    key: str

    @property
    def unclassified(self) -> bool:
        return not (self.is_process or self.is_input or self.is_result)


class _ById:
    """`ix.units`, `ix.kpis`...: the records of one kind by id, built on first use."""

    def __init__(self, kind: str):
        self.kind = kind

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, ix: "AuditIndex", owner: type) -> dict:
        table = {record.id: record for record in ix.records(self.kind)}
        ix.__dict__[self.name] = table
        return table


class AuditIndex:
    """Everything probes share, derived lazily from the graph."""

    def __init__(self, graph: nx.DiGraph, catalogue: Catalogue, audit_date: dt.date):
        self.graph = graph
        self.catalogue = catalogue
        self.audit_date = audit_date

    # --- records ---------------------------------------------------------
    @cached_property
    def org(self):
        return data(self.graph, self.graph.graph["org"])

    def records(self, kind: str) -> list:
        return [data(self.graph, n) for n in of_kind(self.graph, kind)]

    units = _ById("unit")
    roles = _ById("role")
    kpis = _ById("kpi")
    metrics = _ById("metric")
    people = _ById("person")
    objectives = _ById("objective")

    # --- units -----------------------------------------------------------
    @cached_property
    def root_unit(self) -> str:
        return next(u.id for u in self.units.values() if not u.parent)

    def unit_chain(self, unit_id: str | None) -> list[str]:
        """The unit and its ancestors up to the root."""
        chain = []
        while unit_id:
            chain.append(unit_id)
            unit_id = self.units[unit_id].parent
        return chain

    @cached_property
    def unit_leads(self) -> dict[str, str]:
        """Nearest leadership role at or above each unit (the owner of its remediation)."""
        leaders: dict[str, str] = {}
        for role in self.roles.values():
            if role.leadership and role.unit not in leaders:
                leaders[role.unit] = role.id
        return {u: next((f"role:{leaders[c]}" for c in self.unit_chain(u) if c in leaders), self.org_lead)
                for u in self.units}

    @cached_property
    def org_lead(self) -> str:
        """The root unit's first leadership role, else any leadership role, else the org."""
        leaders = [r for r in self.roles.values() if r.leadership]
        root = [r for r in leaders if r.unit == self.root_unit]
        chosen = (root or leaders or [None])[0]
        return f"role:{chosen.id}" if chosen else f"org:{self.org.id}"

    @cached_property
    def champion_role(self) -> str:
        person = self.people.get(self.org.champion or "")
        if person and person.role and person.internal is not False and person.active is not False:
            return f"role:{person.role}"
        return self.org_lead

    # --- KPIs ------------------------------------------------------------
    @cached_property
    def kpis_by_role(self) -> dict[str, list]:
        owned: dict[str, list] = {r: [] for r in self.roles}
        for kpi in self.kpis.values():
            if kpi.owner:
                owned[kpi.owner].append(kpi)
        return owned

    @cached_property
    def core_by_role(self) -> dict[str, list]:
        return {r: [k for k in ks if k.is_core] for r, ks in self.kpis_by_role.items()}

    @cached_property
    def core_by_unit(self) -> dict[str, list]:
        """Core KPIs owned by roles of each unit (the unit itself, not its subtree)."""
        owned: dict[str, list] = {u: [] for u in self.units}
        for role_id, kpis in self.core_by_role.items():
            owned[self.roles[role_id].unit].extend(kpis)
        return owned

    def kpi_unit(self, kpi) -> str | None:
        return self.roles[kpi.owner].unit if kpi.owner else None

    @cached_property
    def kpi_class(self) -> dict[str, KpiClass]:
        classes = {}
        for kpi in self.kpis.values():
            metric = self.catalogue.match(kpi.name)
            if metric is None and kpi.metric:
                metric = self.catalogue.match(self.metrics[kpi.metric].name)
            cat_kind = metric.kind if metric else None
            is_process = cat_kind == "process" or kpi.kind == "process"
            is_input = not is_process and (cat_kind == "input" or kpi.kind == "input")
            is_result = not (is_process or is_input) and (cat_kind == "result" or kpi.kind == "result")
            focus = kpi.focus or (metric.focus if metric else None)
            key = metric.id if metric else self.catalogue.key(kpi.name)
            classes[kpi.id] = KpiClass(metric, kpi.kind, is_process, is_input, is_result, focus, key)
        return classes

    @cached_property
    def definition_keys(self) -> dict[str, str]:
        """Metric definition id -> canonical metric key (catalogue id, else normalised name)."""
        return {d.id: self.catalogue.key(d.name) for d in self.metrics.values()}

    @cached_property
    def objective_closure(self) -> dict[str, set[str]]:
        """Each objective with its ancestors (reaching an objective reaches its ancestors)."""
        closure: dict[str, set[str]] = {}
        for objective_id in self.objectives:
            chain, current = set(), objective_id
            while current and current not in chain:
                chain.add(current)
                current = self.objectives[current].parent
            closure[objective_id] = chain
        return closure

    @cached_property
    def company_objectives(self) -> list[str]:
        return [o.id for o in self.objectives.values() if o.unit == self.root_unit]

    @cached_property
    def reaches_objective(self) -> set[str]:
        """KPIs that list an objective or drive (through any chain) a KPI that does."""
        listing = [node("kpi", k.id) for k in self.kpis.values() if k.objectives]
        return {n[4:] for n in reaching(self.graph, listing, "drives")}

    @cached_property
    def reaches_company_objective(self) -> set[str]:
        company = set(self.company_objectives)
        listing = [node("kpi", k.id) for k in self.kpis.values()
                   if any(self.objective_closure[o] & company for o in k.objectives)]
        return {n[4:] for n in reaching(self.graph, listing, "drives")}

    # --- incentives, reviews, dashboards ------------------------------------
    @cached_property
    def incentive_linked(self) -> set[str]:
        return {n[4:] for n in of_kind(self.graph, "kpi") if any(in_rel(self.graph, n, "pays-on"))}

    @cached_property
    def performance_reviews(self) -> list:
        return [r for r in self.records("review") if r.kind == "performance"]

    @cached_property
    def review_covered_units(self) -> set[str]:
        """Units inside the scope subtree of at least one performance review."""
        scopes = {node("unit", r.scope or self.root_unit) for r in self.performance_reviews}
        return {n[5:] for n in descendants_via(self.graph, scopes, "parent-of")}

    @cached_property
    def on_dashboard(self) -> set[str]:
        return {n[4:] for n in of_kind(self.graph, "kpi") if any(in_rel(self.graph, n, "shows"))}

    @cached_property
    def leadership_roles(self) -> set[str]:
        return {r.id for r in self.roles.values() if r.leadership}

    def subject_unit(self, kind: str, record) -> str:
        """The unit a subject belongs to, for choosing who should act on a finding."""
        if kind == "unit":
            return record.id
        if kind == "role":
            return record.unit
        if kind == "kpi":
            return self.kpi_unit(record) or self.root_unit
        if kind == "objective":
            return record.unit or self.root_unit
        if kind == "review":
            return record.scope or self.root_unit
        return self.root_unit

    def actuals(self, kpi_id: str) -> list:
        return self.graph.nodes[node("kpi", kpi_id)].get("actuals", [])
