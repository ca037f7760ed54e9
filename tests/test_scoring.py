"""Scores: calibrated, explained (every point traced), monotonic (fixing never lowers a score)."""
from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.audit import run_audit
from engine.loaders import load_intake
from engine.scoring import score
from tests.conftest import EXAMPLES, ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def _report(audit_raw, name: str) -> dict:
    return audit_raw(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")))


def test_bare_but_otherwise_tidy_organisation_scores_below_40(core):
    """No champion, incentives, reviews or definitions; objectives, dashboards and the rest in place."""
    intake = load_intake(FIXTURES / "bare-but-tidy.yaml").intake
    report = run_audit(intake, core)
    assert report["score"]["overall"] < 40
    deductions = {d["code"]: d for d in report["score"]["deductions"]}
    assert deductions["I01"]["subjects"] == 2  # the CEO carries no KPIs: not judged by I01


@pytest.mark.parametrize("example", ["cross-border-seller.yaml", "bare.yaml", "shenzhen-seller-zh.yaml"])
def test_points_lost_are_traced_to_findings_and_to_what_was_not_assessed(audit_raw, example):
    report = _report(audit_raw, example)
    for dimension, lost in report["score"]["lost"].items():
        traced = sum(f["points"] for f in report["findings"] if f["dimension"] == dimension)
        unassessed = sum(d["points_not_assessed"] + (d["points"] if d["vacant"] else 0)
                         for d in report["score"]["deductions"] if d["dimension"] == dimension)
        assert abs(min(traced + unassessed, 100) - lost) < 0.1, dimension
        assert abs(report["score"]["dimensions"][dimension] - (100 - lost)) < 0.06
    assert sum(d["points"] for d in report["score"]["deductions"]) > 0


def test_not_collected_sections_lower_the_score_but_not_the_potential(audit_raw, base_intake):
    """rules-v1 1.1: left out = not assessed (no finding, a request, a lower bound); [] = none (findings)."""
    left_out = {k: v for k, v in base_intake.items() if k not in ("incentives", "reviews", "objectives")}
    for kpi in left_out["kpis"]:
        kpi.pop("objectives", None)
    absent = audit_raw(left_out)
    codes = {f["code"] for f in absent["findings"]}
    assert not codes & {"I01", "I02", "C01", "C02", "C04", "O04", "A01", "A02", "A03"}
    assert {"incentives", "reviews", "objectives"} <= {e["needs"] for e in absent["not_assessed"]}
    assert absent["score"]["overall"] < absent["score"]["potential"] and absent["score"]["coverage"] < 1
    assert "incentives" in absent["score"]["not_assessed_dimensions"]
    assert absent["plan"][0]["codes"] and absent["plan"][0]["phase"] == "30d"
    empty = audit_raw({**left_out, "incentives": [], "reviews": [], "objectives": []})
    assert {"I01", "C01", "A01"} <= {f["code"] for f in empty["findings"]}
    assert not {e["needs"] for e in empty["not_assessed"]} & {"incentives", "reviews", "objectives"}
    assert empty["score"]["overall"] <= absent["score"]["potential"]


@pytest.mark.parametrize(("overall", "band"), [(39.9, "critical"), (40, "weak"), (59.9, "weak"), (60, "fair"),
                                                (79.9, "fair"), (80, "good"), (89.9, "good"), (90, "strong")])
def test_bands_follow_the_contract(overall, band):
    from engine.scoring import band as band_of
    assert band_of(overall) == band


def test_scores_are_within_bounds_for_everything_wrong(audit_raw):
    report = _report(audit_raw, "everything-wrong.yaml")
    assert all(0 <= s <= 100 for s in report["score"]["dimensions"].values())
    assert 0 <= report["score"]["overall"] < 40


@pytest.fixture(scope="module")
def everything(core) -> dict:
    return run_audit(load_intake(EXAMPLES / "everything-wrong.yaml").intake, core)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_fixing_findings_never_lowers_the_score(everything, core, data):
    sizes = {(d["code"], d["subject_kind"]): d["subjects"] for d in everything["score"]["deductions"]}
    findings = everything["findings"]
    kept = set(data.draw(st.lists(st.sampled_from(range(len(findings))), unique=True)))
    fixed = data.draw(st.sampled_from(sorted(set(range(len(findings))) - kept) or [None]))
    fewer = [copy.deepcopy(findings[i]) for i in sorted(kept)]
    more = fewer + ([copy.deepcopy(findings[fixed])] if fixed is not None else [])
    before, after = score(more, core, sizes), score(fewer, core, sizes)
    assert after["overall"] >= before["overall"]
    assert all(after["dimensions"][d] >= before["dimensions"][d] for d in before["dimensions"])
