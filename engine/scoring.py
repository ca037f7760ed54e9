"""Deterministic, explained scores: every point lost is traced to findings.

A rule that fires on k of the N subjects it judges (its `scope`, e.g. the roles
that carry core KPIs; else every subject of its kind) costs its dimension
`severity_weight x k / N` points, shared equally by its k findings: a pitfall
everywhere costs the full weight, one on a third of the KPIs a third of it.
A dimension scores 100 minus its losses (floor 0); the overall score is the
weighted mean of the dimensions. Fixing a finding lowers k and never lowers a
score (monotonic). Weights are ruleset parameters (`scoring:`).
"""
from __future__ import annotations

from engine.ruleset import Ruleset
from engine.ruleset_model import DIMENSIONS


def populations(ruleset: Ruleset, scopes: dict[tuple[str, str], str], kind_counts: dict[str, int],
                scoped: dict[str, int]) -> dict[tuple[str, str], int]:
    """(code, subject kind) -> N, the subjects the rule judges: its `scope` if it has one, else the whole kind."""
    return {(rule.code, match.fact): scoped.get(scopes[(rule.code, match.fact)], 0)
            if (rule.code, match.fact) in scopes else kind_counts.get(match.fact, 0)
            for rule in ruleset.active_rules for match in rule.match}


def score(findings: list[dict], ruleset: Ruleset, sizes: dict[tuple[str, str], int]) -> dict:
    """Scores and deductions; adds `points` (what it cost) to each finding."""
    weights = ruleset.scoring.severity_weights
    groups: dict[tuple[str, str], list[dict]] = {}
    for finding in findings:
        groups.setdefault((finding["code"], finding["subject"].split(":", 1)[0]), []).append(finding)
    lost = {d: 0.0 for d in DIMENSIONS}
    deductions = []
    for (code, kind), members in sorted(groups.items()):
        first = members[0]
        total = max(sizes.get((code, kind), 0), len(members))
        points = weights[first["severity"]] * len(members) / total
        lost[first["dimension"]] += points
        for finding in members:
            finding["points"] = round(points / len(members), 2)
        deductions.append({"code": code, "dimension": first["dimension"], "severity": first["severity"],
                           "subject_kind": kind, "findings": len(members), "subjects": total,
                           "points": round(points, 2)})
    dimensions = {d: round(max(0.0, 100.0 - lost[d]), 1) for d in DIMENSIONS}
    dim_weights = ruleset.scoring.dimension_weights
    overall = sum(dimensions[d] * dim_weights[d] for d in DIMENSIONS) / sum(dim_weights.values())
    return {"overall": round(overall, 1), "dimensions": dimensions,
            "lost": {d: round(min(100.0, lost[d]), 2) for d in DIMENSIONS}, "deductions": deductions}
