"""Each unit's own score, for the org tree of the report (report key `units`).

A unit's score is the overall score its subtree would get from its own findings: the findings on subjects of
the unit and its sub-units, each rule judged against the unit's share of the subjects the rule judges in the
whole organisation (`N x facts of that kind in the subtree / facts of that kind`). Findings on the
organisation itself belong to no unit, and what was not assessed does not count here: the unit score says
where the problems sit, the overall score remains the verdict.
"""
from __future__ import annotations

from collections import Counter

from engine.ruleset import Ruleset
from engine.scoring import score


def unit_scores(intake_units: list, facts: list[dict], findings: list[dict], ruleset: Ruleset,
                sizes: dict[tuple[str, str], int]) -> list[dict]:
    """[{id, name, parent, kind, score}] in intake order; score None for a unit with nothing judged in it."""
    parents = {u.id: u.parent for u in intake_units}

    def chain(unit_id: str) -> list[str]:
        seen: list[str] = []
        while unit_id is not None and unit_id not in seen:
            seen.append(unit_id)
            unit_id = parents.get(unit_id)
        return seen

    chains = {u: chain(u) for u in parents}
    by_node = {f["node"]: f for f in facts}
    kinds_total = Counter(f["kind"] for f in facts if f["kind"] != "org")
    kinds_in: dict[str, Counter] = {u: Counter() for u in parents}
    for fact in facts:
        if fact["kind"] != "org" and fact.get("unit") in chains:
            for unit in chains[fact["unit"]]:
                kinds_in[unit][fact["kind"]] += 1
    found_in: dict[str, list[dict]] = {u: [] for u in parents}
    for finding in findings:
        fact = by_node[finding["subject"]]
        if fact["kind"] != "org" and fact.get("unit") in chains:
            for unit in chains[fact["unit"]]:
                found_in[unit].append(finding)
    rows = []
    for unit in intake_units:
        counts = kinds_in[unit.id]
        scaled = {key: n * counts[key[1]] / kinds_total[key[1]] if kinds_total[key[1]] else 0
                  for key, n in sizes.items()}
        judged = any(counts.values())
        value = score([dict(f) for f in found_in[unit.id]], ruleset, scaled)["overall"] if judged else None
        rows.append({"id": unit.id, "name": unit.name, "parent": unit.parent, "kind": unit.kind, "score": value})
    return rows
