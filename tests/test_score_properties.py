"""Scores cannot be raised by leaving things out, and fixing a finding never lowers them (rules-v1 1.1).

Hypothesis draws random valid intakes (tests/test_engine_properties.py) with sections randomly left out and
review logs randomly missing, then compares the audit of the intake with the audit of a changed copy:
- removing a section (with the references into it), marking every KPI non-core, deleting all KPIs, or
  removing a KPI's owner never raises `score.overall`;
- fixing any single finding (giving an ownerless KPI an owner, naming a champion, writing responsibilities,
  logging a review meeting or its actions, setting a target or a baseline, defining a KPI) never lowers it;
- always `overall <= potential`, and a dimension marked not assessed has no findings.
"""
from __future__ import annotations

import copy

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine.audit import run_audit
from engine.model import OPTIONAL_SECTIONS
from engine.validate import build_intake
from tests.test_engine_properties import intakes

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BEHAVIOUR_NAMES = ["工作态度", "团队协作", "Teamwork", "抗压能力"]


@st.composite
def partial_intakes(draw) -> dict:
    """A valid intake with some optional sections left out, some review logs missing, some behaviour items."""
    raw = draw(intakes())
    for kpi in raw["kpis"]:
        if draw(st.integers(0, 5)) == 0:
            kpi["name"] = draw(st.sampled_from(BEHAVIOUR_NAMES))
            kpi["kind"] = draw(st.sampled_from([None, "behaviour"]))
    for review in raw["reviews"]:
        if draw(st.booleans()):
            del review["held_on"]
    for section in OPTIONAL_SECTIONS:
        if draw(st.integers(0, 3)) == 0:
            raw = without_section(raw, section)
    return raw


def without_section(raw: dict, section: str) -> dict:
    """The intake with `section` left out, and the references into it dropped so it stays valid."""
    raw = copy.deepcopy(raw)
    raw.pop(section, None)
    for kpi in raw["kpis"]:
        if section == "objectives":
            kpi["objectives"] = []
        if section == "metrics":
            kpi["metric"] = None
    return raw


def overall(raw: dict, core) -> float:
    intake, _ = build_intake(raw)
    return run_audit(intake, core)["score"]["overall"]


def report(raw: dict, core) -> dict:
    intake, _ = build_intake(raw)
    return run_audit(intake, core)


@SETTINGS
@given(partial_intakes(), st.data())
def test_removing_a_section_never_raises_the_score(core, raw, data):
    present = [s for s in OPTIONAL_SECTIONS if s in raw]
    assume(present)
    section = data.draw(st.sampled_from(present))
    assert overall(without_section(raw, section), core) <= overall(raw, core)


@SETTINGS
@given(partial_intakes())
def test_marking_every_kpi_non_core_never_raises_the_score(core, raw):
    demoted = copy.deepcopy(raw)
    for kpi in demoted["kpis"]:
        kpi["core"] = False
    assert overall(demoted, core) <= overall(raw, core)


@SETTINGS
@given(partial_intakes())
def test_deleting_all_kpis_never_raises_the_score(core, raw):
    bare = copy.deepcopy(raw)
    bare["kpis"] = []
    for section in ("incentives", "dashboards", "actuals"):
        if section in bare:
            bare[section] = []
    assert overall(bare, core) <= overall(raw, core)


@SETTINGS
@given(partial_intakes(), st.data())
def test_removing_an_owner_never_raises_the_score(core, raw, data):
    owned = [k for k in raw["kpis"] if k.get("owner")]
    assume(owned)
    changed = copy.deepcopy(raw)
    changed["kpis"][raw["kpis"].index(data.draw(st.sampled_from(owned)))]["owner"] = None
    assert overall(changed, core) <= overall(raw, core)


def _fixes(raw: dict, finding: dict, data) -> dict | None:
    """The intake with one finding fixed the way its remediation says, or None for a rule not covered here."""
    fixed = copy.deepcopy(raw)
    kind, ident = finding["subject"].split(":", 1)
    kpi = next((k for k in fixed["kpis"] if k["id"] == ident), None) if kind == "kpi" else None
    code = finding["code"]
    if code == "O02":
        if not fixed["roles"]:
            return None
        kpi["owner"] = data.draw(st.sampled_from([r["id"] for r in fixed["roles"]]))
    elif code == "O01":
        fixed.setdefault("people", []).append({"id": "p-champ", "name": "Champion", "internal": True, "active": True})
        fixed["organization"]["champion"] = "p-champ"
    elif code == "O05":
        next(r for r in fixed["roles"] if r["id"] == ident)["responsibilities"] = "Owns the results of the unit"
    elif code == "C04":
        next(r for r in fixed["reviews"] if r["id"] == ident)["actions"] = 3
    elif code == "C02":
        next(r for r in fixed["reviews"] if r["id"] == ident)["held_on"] = ["2026-10-30"]
    elif code == "D07":  # a target of its own: an equal one in a sibling market would be a new finding (L02)
        kpi["target"], kpi["baseline"] = 1000 + fixed["kpis"].index(kpi) + 0.5, 900
    elif code == "D05":
        kpi["baseline"] = 90
    elif code == "D02":
        fixed["metrics"].append({"id": f"def-{ident}", "name": f"Definition {ident}", "formula": "x", "source": "erp"})
        kpi["metric"] = f"def-{ident}"
    else:
        return None
    return fixed


@SETTINGS
@given(partial_intakes(), st.data())
def test_fixing_a_finding_never_lowers_the_score(core, raw, data):
    before = report(raw, core)
    fixable = [f for f in before["findings"] if f["code"] in {"O02", "O01", "O05", "C04", "C02", "D07", "D05", "D02"}]
    assume(fixable)
    fixed = _fixes(raw, data.draw(st.sampled_from(fixable)), data)
    assume(fixed is not None)
    assert overall(fixed, core) >= before["score"]["overall"]


@SETTINGS
@given(partial_intakes())
def test_overall_is_a_lower_bound_of_the_potential(core, raw):
    score = report(raw, core)["score"]
    assert score["overall"] <= score["potential"] <= 100
    assert 0 <= score["coverage"] <= 1
    if score["coverage"] == 1:
        assert score["overall"] == score["potential"]


def test_giving_the_north_star_kpi_an_owner_never_lowers_the_score(core, base_intake):
    """The issue's case: a company's one KPI, ownerless, then owned by a role that had none."""
    raw = copy.deepcopy(base_intake)
    raw["kpis"] = [{"id": "north-star", "name": "GMV", "core": True, "weight": 100, "target": 100, "baseline": 90}]
    for section in ("incentives", "dashboards", "actuals"):
        raw[section] = []
    for review in raw.get("reviews", []):
        review["held_on"] = review.get("held_on") or []
    owned = copy.deepcopy(raw)
    owned["kpis"][0]["owner"] = raw["roles"][-1]["id"]
    assert overall(owned, core) >= overall(raw, core)
