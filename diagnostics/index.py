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
    """How the audit reads one KPI (rules-v1 1.1): the metric its name denotes, and the kind the rules use.

    `kind` is behaviour when the client labels it so, or when a behaviour term names it and no catalogue
    metric does; else process/input when the catalogue or the label says so (a `result` label never
    overrides the catalogue); else result by catalogue or label; else unknown (None). `kind_from` says
    which of `label`, `catalogue` or `behaviour-term` decided.
    """

    metric: CatalogueMetric | None
    label: str | None
    kind: str | None
    kind_from: str | None
    focus: str | None
    key: str
    domestic: bool = False  # a domestic-China platform metric, or a metric on a domestic channel (直通车…)
    attainment: bool = False  # an attainment ratio (完成率, % of target): measured against its own target
    why: str | None = None  # how the name was read (the catalogue's reading code)

    @property
    def is_process(self) -> bool:
        return self.kind == "process"

    @property
    def is_input(self) -> bool:
        return self.kind == "input"

    @property
    def is_result(self) -> bool:
        return self.kind == "result"

    @property
    def is_behaviour(self) -> bool:
        return self.kind == "behaviour"

    @property
    def unclassified(self) -> bool:
        return self.kind is None


def classify(metric: CatalogueMetric | None, label: str | None, behaviour_term: str | None) -> tuple[str | None, str | None]:
    """(kind, kind_from) by the precedence of rules-v1 1.1."""
    cat = metric.kind if metric else None
    if label == "behaviour":
        return "behaviour", "label"
    if behaviour_term and metric is None:
        return "behaviour", "behaviour-term"
    for kind in ("process", "input"):
        if cat == kind:
            return kind, "catalogue"
        if label == kind:
            return kind, "label"
    if cat == "result":
        return "result", "catalogue"
    if label == "result":
        return "result", "label"
    return None, None


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

    def collected(self, section: str) -> bool:
        """The intake has the section (intake 1.1: a section left out was not collected)."""
        return section not in self.graph.graph["absent"]

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
        return {u: self.lead_above(u) for u in self.units}

    def lead_above(self, unit_id: str, besides: str | None = None) -> str:
        """The first leadership role of the unit, else of the nearest unit above it, other than `besides`
        (a leader is not told to fix its own scorecard either); the org lead when there is none."""
        for unit in self.unit_chain(unit_id):
            for role_id in self.leaders_by_unit.get(unit, ()):
                if role_id != besides:
                    return f"role:{role_id}"
        return self.org_lead

    @cached_property
    def leaders_by_unit(self) -> dict[str, list[str]]:
        leaders: dict[str, list[str]] = {}
        for role in self.roles.values():
            if role.leadership:
                leaders.setdefault(role.unit, []).append(role.id)
        return leaders

    @cached_property
    def org_lead(self) -> str:
        """The root unit's first leadership role, else any leadership role; in an organisation that marks no
        role as leadership, a role of the root unit (the nearest to authority), else any role; the org itself
        only when it lists no role at all."""
        roles = list(self.roles.values())
        leaders = [r for r in roles if r.leadership]
        chosen = next(iter([r for r in leaders if r.unit == self.root_unit] + leaders
                           + [r for r in roles if r.unit == self.root_unit] + roles), None)
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
        read = self.catalogue.read
        for kpi in self.kpis.values():
            reading = read(kpi.name)
            # Catalogue 1.0 also read a KPI through its definition's name. 1.1 reads the KPI's own name only,
            # so how a KPI is read never depends on whether the definitions were collected.
            if reading.metric is None and kpi.metric and not self.catalogue.recognises:
                reading = read(self.metrics[kpi.metric].name)
            metric = reading.metric
            kind, kind_from = classify(metric, kpi.kind, reading.behaviour)
            focus = kpi.focus or (metric.focus if metric else None)
            key = metric.id if metric else self.catalogue.key(kpi.name)
            domestic = bool(metric and metric.domestic) or reading.domestic is not None
            classes[kpi.id] = KpiClass(metric, kpi.kind, kind, kind_from, focus, key, domestic,
                                       reading.attainment, reading.why)
        return classes

    @cached_property
    def measured_core_by_role(self) -> dict[str, list]:
        """Core KPIs that are measured metrics, not behaviour items (what F01/F02 count)."""
        return {r: [k for k in ks if not self.kpi_class[k.id].is_behaviour] for r, ks in self.core_by_role.items()}

    @cached_property
    def all_core(self) -> list:
        """Every core KPI of the organisation, with or without an owner (organisation-level counts)."""
        return [k for k in self.kpis.values() if k.is_core]

    @cached_property
    def unowned(self) -> list:
        """KPIs without an owner role: each is a role (and unit) the role- and unit-level rules cannot judge."""
        return [k for k in self.kpis.values() if not k.owner]

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
