"""Deterministic, explained scores: every point lost is traced to findings or to what was not assessed.

A rule that fires on k of the N subjects it judges (its `scope`, e.g. the roles that carry core KPIs; else
every subject of its kind) costs its dimension `severity_weight x k / N` points, shared by its k findings in whole
cents that add up to the rounded deduction (the first findings take the odd cents): a pitfall everywhere costs
the full weight, one on a third of the KPIs a third of it.

Rules 1.1: `score.overall` counts only what was shown. A rule not assessed at all costs its full weight, and so
does (in the potential too) a rule with nothing to judge because the organisation has no KPI or core KPI; one
that could not judge u of its subjects costs `weight x min(1, (k + u) / N)`, as if it had fired there. That is
a lower bound no intake can raise by leaving things out, and that fixing a finding never lowers (giving a KPI
an owner adds at most one judged role per KPI). `score.potential` is the score if everything not assessed
turned out fine; `score.coverage` the share of rule weight that was assessed. A dimension scores 100 minus its
losses (floor 0); the overall score is the weighted mean of the dimensions. Weights are ruleset parameters.
"""
from __future__ import annotations

from engine.assessment import Assessment
from engine.ruleset import Ruleset
from engine.ruleset_model import DIMENSIONS

# (lower bound, band) from the top: rules-v1 1.1 bands of `score.overall`.
BANDS = ((90, "strong"), (80, "good"), (60, "fair"), (40, "weak"), (0, "critical"))


def band(overall: float) -> str:
    return next(name for floor, name in BANDS if overall >= floor)


def populations(ruleset: Ruleset, scopes: dict[tuple[str, str], str], kind_counts: dict[str, int],
                scoped: dict[str, int]) -> dict[tuple[str, str], int]:
    """(code, subject kind) -> N, the subjects the rule judges: its `scope` if it has one, else the whole kind."""
    return {(rule.code, match.fact): scoped.get(scopes[(rule.code, match.fact)], 0)
            if (rule.code, match.fact) in scopes else kind_counts.get(match.fact, 0)
            for rule in ruleset.active_rules for match in rule.match}


def _weighted(dimensions: dict[str, float], ruleset: Ruleset) -> float:
    weights = ruleset.scoring.dimension_weights
    return round(sum(dimensions[d] * weights[d] for d in DIMENSIONS) / sum(weights.values()), 1)


def _assessed_share(n: int, u: int, unowned: bool) -> float:
    """Share of a rule's subjects it could judge: u unknown among its n (unowned KPIs stand outside them)."""
    if not u:
        return 1.0
    if unowned:
        return n / (n + u)
    return max(0.0, (n - u) / n) if n else 0.0


def _shares(total: float, k: int) -> list[int]:
    """`total` points split over `k` findings in whole cents that add up to the rounded total.

    Each finding rounded on its own (0.61 × 23 = 14.03) no longer matched the deduction (13.94) it is part of,
    so a root cause and the deductions table disagreed; the first findings (in report order) take the odd cents.
    """
    if not k:
        return []
    base, extra = divmod(round(round(total, 2) * 100), k)   # the cents of the deduction as the table rounds it
    return [base + (i < extra) for i in range(k)]


def score(findings: list[dict], ruleset: Ruleset, sizes: dict[tuple[str, str], int],
          assessment: Assessment | None = None) -> dict:
    """Scores, deductions, potential and coverage; adds `points` (what it cost) to each finding."""
    assessment = assessment or Assessment()
    weights = ruleset.scoring.severity_weights
    dim_weights = ruleset.scoring.dimension_weights
    groups: dict[tuple[str, str], list[dict]] = {}
    for finding in findings:
        groups.setdefault((finding["code"], finding["subject"].split(":", 1)[0]), []).append(finding)
    lost = {d: 0.0 for d in DIMENSIONS}
    possible = {d: 0.0 for d in DIMENSIONS}  # losses of the findings alone: the potential
    assessed_dims: set[str] = set()
    deductions = []
    weight_total = weight_assessed = 0.0
    for rule in ruleset.active_rules:
        w = weights[rule.severity]
        fractions = []
        for position, kind in enumerate(dict.fromkeys(m.fact for m in rule.match)):
            key = (rule.code, kind)
            members = groups.get(key, [])
            k = len(members)
            if rule.code in assessment.vacant:   # no KPI / no core KPI to judge: F04's cost, shown and potential
                u, n = 0, 0
                shown = lower = w if position == 0 else 0.0
                fractions.append(1.0)
            elif rule.code in assessment.unassessed:
                u, n = None, sizes.get(key, 0)
                shown, lower = 0.0, (w if position == 0 else 0.0)
                fractions.append(0.0)
            else:
                u = assessment.unknown.get(key, 0)
                n = max(sizes.get(key, 0), k)
                shown = w * k / n if n else 0.0
                lower = w * min(1.0, (k + u) / max(n, 1)) if u else shown
                fractions.append(_assessed_share(n, u, rule.unowned))
            for finding, cents in zip(members, _shares(shown, k)):
                finding["points"] = cents / 100
            lost[rule.dimension] += lower
            possible[rule.dimension] += shown
            if lower > 0:
                deductions.append({"code": rule.code, "dimension": rule.dimension, "severity": rule.severity,
                                   "subject_kind": kind, "findings": k, "subjects": n,
                                   "not_assessed": "all" if u is None else u, "points": round(lower, 2),
                                   "points_not_assessed": round(lower - shown, 2),
                                   "vacant": rule.code in assessment.vacant})
        fraction = min(fractions)
        weight_total += w * dim_weights[rule.dimension]
        weight_assessed += w * dim_weights[rule.dimension] * fraction
        if fraction > 0:
            assessed_dims.add(rule.dimension)
    dimensions = {d: round(max(0.0, 100.0 - lost[d]), 1) for d in DIMENSIONS}
    potential = {d: round(max(0.0, 100.0 - possible[d]), 1) for d in DIMENSIONS}
    overall = _weighted(dimensions, ruleset)
    deductions.sort(key=lambda d: (d["code"], d["subject_kind"]))
    return {"overall": overall, "potential": _weighted(potential, ruleset),
            "coverage": round(weight_assessed / weight_total, 3) if weight_total else 1.0,
            "band": band(overall), "dimensions": dimensions,
            "not_assessed_dimensions": [d for d in DIMENSIONS if d not in assessed_dims
                                        and any(r.dimension == d for r in ruleset.active_rules)],
            "lost": {d: round(min(100.0, lost[d]), 2) for d in DIMENSIONS}, "deductions": deductions}
