"""Probes: graph -> flat facts the rules judge, one module per pitfall family.

`run_probes` merges what every family says about a subject into one fact per
subject (`kind`, `node`, fields...). Rules never reach back into the graph.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx

from diagnostics import alignment, cadence, data, focus, incentives, market_context, ownership, results, subjects
from diagnostics.index import AuditIndex
from diagnostics.schema import FactField
from engine.catalogue import Catalogue

FAMILIES = (subjects, focus, results, alignment, incentives, cadence, data, ownership, market_context)
RESERVED = {"kind", "node", "id", "sid", "fact"}  # fact identity, and durable_rules' own keys


def fact_schema() -> dict[str, dict[str, FactField]]:
    """Every fact field by subject kind, as the families declare them (a field is declared once)."""
    schema: dict[str, dict[str, FactField]] = {}
    for family in FAMILIES:
        for kind, declared in family.FIELDS.items():
            merged = schema.setdefault(kind, {})
            clash = (set(merged) | RESERVED) & set(declared)
            if clash:
                raise RuntimeError(f"{family.__name__} redeclares {kind} fields {sorted(clash)}")
            merged.update(declared)
    return schema


def run_probes(graph: nx.DiGraph, catalogue: Catalogue, audit_date: dt.date) -> list[dict]:
    """One fact per subject, in a stable order (kind, then intake order)."""
    ix = AuditIndex(graph, catalogue, audit_date)
    facts: dict[tuple[str, str], dict] = {}
    for family in FAMILIES:
        for kind, ident, fields in family.probe(ix):
            fact = facts.get((kind, ident))
            if fact is None:
                fact = facts[(kind, ident)] = {"kind": kind, "node": f"{kind}:{ident}"}
            fact.update(fields)
    return list(facts.values())
