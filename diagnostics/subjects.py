"""Every subject the rules can judge, with its name and who should act on it.

This family runs first: it guarantees one fact per subject even when no other
family has anything to say about it, and gives each fact the owner candidates
a rule's remediation can name (`lead_role`, `org_lead`, `champion_role`, `metric_owner`).
"""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.schema import fields

_OWNERS = {
    "name": ("str", "the subject's name as the client wrote it"),
    "unit": ("str", "the unit the subject belongs to"),
    "lead_role": ("str", "nearest leadership role at or above the subject's unit"),
    "org_lead": ("str", "leadership role of the root unit"),
    "champion_role": ("str", "the champion's role (else the org lead)"),
}
FIELDS = {kind: fields(**_OWNERS) for kind in
          ("org", "unit", "role", "kpi", "objective", "metric", "review", "incentive")}
FIELDS["kpi"] |= fields(owner_role=("str", "the KPI's owner role, else the unit lead"))
FIELDS["metric"] |= fields(metric_owner=("str", "the role that maintains the metric's definition, else the champion's role"))


def metric_keys(ix: AuditIndex) -> dict[str, str]:
    """Canonical metric key -> display name, for definitions and KPIs alike."""
    keys: dict[str, str] = {}
    for definition in ix.metrics.values():
        keys.setdefault(ix.definition_keys[definition.id], definition.name)
    for kpi_id, cls in ix.kpi_class.items():
        keys.setdefault(cls.key, ix.kpis[kpi_id].name)
    return keys


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    def base(kind: str, record, name: str) -> dict:
        unit = ix.subject_unit(kind, record)
        lead = ix.lead_above(unit, besides=record.id) if kind == "role" else ix.unit_leads[unit]
        return {"name": name, "unit": unit, "lead_role": lead,
                "org_lead": ix.org_lead, "champion_role": ix.champion_role}

    yield "org", ix.org.id, base("org", ix.org, ix.org.name)
    for kind in ("unit", "role", "objective", "review", "incentive"):
        for record in ix.records(kind):
            yield kind, record.id, base(kind, record, record.name)
    for kpi in ix.kpis.values():
        facts = base("kpi", kpi, kpi.name)
        facts["owner_role"] = f"role:{kpi.owner}" if kpi.owner else facts["lead_role"]
        yield "kpi", kpi.id, facts
    owners: dict[str, str] = {}
    for definition in ix.metrics.values():
        if definition.owner:
            owners.setdefault(ix.definition_keys[definition.id], f"role:{definition.owner}")
    for key, name in metric_keys(ix).items():
        yield "metric", key, {**base("metric", None, name), "metric_owner": owners.get(key, ix.champion_role)}
