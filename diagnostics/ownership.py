"""Ownership: a champion, owners for KPIs, frontline voice, leaders in reviews, written
responsibilities (O01-O05)."""
from __future__ import annotations

from typing import Iterator

from diagnostics.index import AuditIndex
from diagnostics.schema import fields

FIELDS = {
    "org": fields(
        champion=("str", "the champion person id; absent when not named"),
        champion_name=("str", "the champion's name from people, else the id given; absent when not named"),
        champion_status=("str", "ok, missing, unknown (not in people), external or inactive"),
        frontline_consultations=("int", "kpi-design or target-setting consultations with a non-leadership role"),
        design_consultations=("int", "kpi-design or target-setting consultations held"),
        performance_reviews=("int", "performance reviews listed"),
        leadership_attended=("int", "performance reviews attended by a leadership role"),
        people_collected=("bool", "the intake has a people section (empty or not)"),
    ),
    "kpi": fields(owner=("str", "the owner role id; absent when none")),
    "role": fields(
        has_responsibilities=("bool", "responsibilities are written down"),
        leadership=("bool", "a management role"),
    ),
}


def _champion_status(ix: AuditIndex) -> str:
    champion = ix.org.champion
    if not champion:
        return "missing"
    person = ix.people.get(champion)
    if person is None:
        return "unknown"
    if person.internal is False:
        return "external"
    if person.active is False:
        return "inactive"
    return "ok"


def probe(ix: AuditIndex) -> Iterator[tuple[str, str, dict]]:
    leaders = ix.leadership_roles
    design = [c for c in ix.records("consultation") if c.topic in ("kpi-design", "target-setting")]
    reviews = ix.performance_reviews
    yield "org", ix.org.id, {
        "champion": ix.org.champion, "champion_status": _champion_status(ix),
        "champion_name": ix.people[ix.org.champion].name if ix.org.champion in ix.people else ix.org.champion,
        "frontline_consultations": sum(any(p not in leaders for p in c.participants) for c in design),
        "design_consultations": len(design),
        "performance_reviews": len(reviews),
        "leadership_attended": sum(any(a in leaders for a in r.attendees) for r in reviews),
        "people_collected": ix.collected("people")}
    for kpi in ix.kpis.values():
        yield "kpi", kpi.id, {"owner": kpi.owner}
    for role in ix.roles.values():
        yield "role", role.id, {"has_responsibilities": bool(role.responsibilities),
                                "leadership": bool(role.leadership)}
