"""Cadence: whether KPIs are reviewed, reviews happen, and the KPI system itself is revisited (C01-C04)."""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.periods import periods_between
from diagnostics.schema import fields

FIELDS = {
    "unit": fields(review_covered=("bool", "inside the scope of some performance review (lapsed or not)")),
    "review": fields(
        review_kind=("str", "performance or kpi-system"),
        cadence=("str", "weekly, biweekly, monthly, quarterly, half-yearly or yearly; absent when not given"),
        held=("bool", "at least one meeting logged on or before the audit date"),
        held_log=("bool", "the meeting log (held_on) was collected; false when the intake does not give it"),
        last_held=("str", "date of the last logged meeting"),
        cadences_since_last=("number", "cadence periods between the last meeting and the audit date"),
        actions=("int", "action items recorded (0 when not given)"),
    ),
    "org": fields(
        revised_on=("str", "when the KPI system was last revised; absent when not given"),
        days_since_revision=("int", "days from kpi_system_revised_on to the audit date"),
        days_since_system_review=("int", "days since the last kpi-system review meeting"),
        reviews_collected=("bool", "the intake has a reviews section (empty or not)"),
    ),
}


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    today = ix.audit_date
    covered = ix.review_covered_units
    for unit_id in ix.units:
        yield "unit", unit_id, {"review_covered": unit_id in covered}
    system_days: list[int] = []
    for review in ix.records("review"):
        past = [d for d in review.held_on or () if d <= today]
        last = max(past) if past else None
        facts = {"review_kind": review.kind, "cadence": review.cadence, "held": last is not None,
                 "held_log": review.held_on is not None,
                 "last_held": last.isoformat() if last else None, "actions": review.actions or 0}
        if last and review.cadence:
            facts["cadences_since_last"] = round(periods_between(last, today, review.cadence), 4)
        if last and review.kind == "kpi-system":
            system_days.append((today - last).days)
        yield "review", review.id, facts
    revised = ix.org.kpi_system_revised_on
    yield "org", ix.org.id, {
        "revised_on": revised.isoformat() if revised else None,
        "days_since_revision": (today - revised).days if revised else None,
        "days_since_system_review": min(system_days) if system_days else None,
        "reviews_collected": ix.collected("reviews")}
