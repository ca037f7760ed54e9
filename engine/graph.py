"""Intake -> networkx DiGraph, and the graph questions answered once, in linear time.

Nodes are `kind:id` with attributes `kind`, `id` and `data` (the intake record).
Edges carry `rel`: parent-of, has-unit, has-role, holds, owns, maintained-by,
defined-by, measures, drives, pays, pays-on, covers, attends, shows,
participates, championed-by.
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

import networkx as nx

from engine.model import Intake

NODE_KINDS = ("org", "unit", "role", "person", "objective", "metric", "kpi",
              "incentive", "review", "dashboard", "consultation")


def node(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def build_graph(intake: Intake) -> nx.DiGraph:
    """The whole intake as one typed graph; actuals hang on their KPI node."""
    org = intake.organization
    graph = nx.DiGraph(org=node("org", org.id), audit_date=org.audit_date, absent=intake.absent)
    nodes: list[tuple[str, dict]] = [(node("org", org.id), {"kind": "org", "id": org.id, "data": org})]
    edges: list[tuple[str, str, dict]] = []

    def add(kind: str, records: Iterable) -> None:
        nodes.extend((node(kind, r.id), {"kind": kind, "id": r.id, "data": r}) for r in records)

    def link(src: str, dst: str, rel: str, **attrs) -> None:
        edges.append((src, dst, {"rel": rel, **attrs}))

    add("unit", intake.units)
    add("role", intake.roles)
    add("person", intake.people)
    add("objective", intake.objectives)
    add("metric", intake.metrics)
    add("kpi", intake.kpis)
    add("incentive", intake.incentives)
    add("review", intake.reviews)
    add("dashboard", intake.dashboards)
    add("consultation", intake.consultations)

    for u in intake.units:
        if u.parent:
            link(node("unit", u.parent), node("unit", u.id), "parent-of")
        else:
            link(node("org", org.id), node("unit", u.id), "has-unit")
    for r in intake.roles:
        link(node("unit", r.unit), node("role", r.id), "has-role")
    for p in intake.people:
        if p.role:
            link(node("person", p.id), node("role", p.role), "holds")
    for o in intake.objectives:
        if o.unit:
            link(node("unit", o.unit), node("objective", o.id), "owns")
        if o.parent:
            link(node("objective", o.parent), node("objective", o.id), "parent-of")
    for m in intake.metrics:
        if m.owner:
            link(node("metric", m.id), node("role", m.owner), "maintained-by")
    for k in intake.kpis:
        kpi = node("kpi", k.id)
        if k.owner:
            link(node("role", k.owner), kpi, "owns")
        if k.metric:
            link(kpi, node("metric", k.metric), "defined-by")
        for o in k.objectives:
            link(kpi, node("objective", o), "measures")
        for d in k.drives:
            link(kpi, node("kpi", d), "drives")
    for i in intake.incentives:
        for r in i.roles:
            link(node("incentive", i.id), node("role", r), "pays")
        for ln in i.links:
            link(node("incentive", i.id), node("kpi", ln.kpi), "pays-on", weight=ln.weight)
    for v in intake.reviews:
        if v.scope:
            link(node("review", v.id), node("unit", v.scope), "covers")
        for r in v.attendees:
            link(node("role", r), node("review", v.id), "attends")
    for d in intake.dashboards:
        for k in d.kpis:
            link(node("dashboard", d.id), node("kpi", k), "shows")
    for c in intake.consultations:
        for r in c.participants:
            link(node("role", r), node("consultation", c.id), "participates")
    if org.champion and any(p.id == org.champion for p in intake.people):
        link(node("org", org.id), node("person", org.champion), "championed-by")

    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    actuals: dict[str, list] = {}
    for a in intake.actuals:
        actuals.setdefault(node("kpi", a.kpi), []).append(a)
    for kpi, rows in actuals.items():
        graph.nodes[kpi]["actuals"] = rows
    by_kind: dict[str, list[str]] = {kind: [] for kind in NODE_KINDS}
    for name, attrs in nodes:
        by_kind[attrs["kind"]].append(name)
    graph.graph["by_kind"] = by_kind
    return graph


def of_kind(graph: nx.DiGraph, kind: str) -> list[str]:
    """Nodes of one kind, in intake order."""
    return graph.graph["by_kind"][kind]


def data(graph: nx.DiGraph, name: str):
    return graph.nodes[name]["data"]


def out_rel(graph: nx.DiGraph, name: str, rel: str) -> Iterator[str]:
    return (dst for dst, attrs in graph.succ[name].items() if attrs["rel"] == rel)


def in_rel(graph: nx.DiGraph, name: str, rel: str) -> Iterator[str]:
    return (src for src, attrs in graph.pred[name].items() if attrs["rel"] == rel)


def _walk(graph: nx.DiGraph, starts: Iterable[str], rel: str, backwards: bool) -> set[str]:
    """Multi-source breadth-first search along `rel` edges: linear in the edges walked."""
    step = in_rel if backwards else out_rel
    seen = set(starts)
    queue = deque(seen)
    while queue:
        for nxt in step(graph, queue.popleft(), rel):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def reaching(graph: nx.DiGraph, targets: Iterable[str], rel: str) -> set[str]:
    """Every node with a path of `rel` edges to one of `targets` (targets included)."""
    return _walk(graph, targets, rel, backwards=True)


def descendants_via(graph: nx.DiGraph, roots: Iterable[str], rel: str) -> set[str]:
    """Every node reachable from `roots` along `rel` edges (roots included)."""
    return _walk(graph, roots, rel, backwards=False)
