"""Property-based: any valid intake audits without error, deterministically, with sane findings and scores."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.audit import run_audit
from engine.validate import build_intake

NAMES = ["GMV", "销售额", "每日上新数量", "ACoS", "TACoS", "直通车ROI", "Content posts", "Headcount", "Net profit",
         "Conversion rate", "Project X", "ＧＭＶ"]
DATES = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)).map(dt.date.isoformat)


def _maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def intakes(draw) -> dict:
    n_units = draw(st.integers(1, 5))
    units = [{"id": f"u{i}", "name": f"Unit {i}",
              "kind": draw(_maybe(st.sampled_from(["company", "site", "agency", "team"]))),
              "parent": None if i == 0 else f"u{draw(st.integers(0, i - 1))}",
              "market": draw(_maybe(st.sampled_from(["US", "DE", "CN"]))),
              "platform": draw(_maybe(st.sampled_from(["amazon", "tmall"])))} for i in range(n_units)]
    unit = st.sampled_from([u["id"] for u in units])
    roles = [{"id": f"r{i}", "name": f"Role {i}", "unit": draw(unit), "leadership": draw(st.booleans()),
              "responsibilities": draw(_maybe(st.just("Runs things")))} for i in range(draw(st.integers(0, 5)))]
    role_ids = [r["id"] for r in roles]
    role = st.sampled_from(role_ids) if role_ids else st.none()
    people = [{"id": f"p{i}", "name": f"P{i}", "role": draw(_maybe(role)), "internal": draw(st.booleans()),
               "active": draw(st.booleans())} for i in range(draw(st.integers(0, 3)))]
    objectives = []
    for i in range(draw(st.integers(0, 4))):
        objectives.append({"id": f"o{i}", "name": f"O{i}", "unit": draw(_maybe(unit)),
                           "parent": f"o{draw(st.integers(0, i - 1))}" if i and draw(st.booleans()) else None})
    metrics = [{"id": f"m{i}", "name": draw(st.sampled_from(NAMES)), "formula": draw(_maybe(st.sampled_from(["a", "b"]))),
                "source": draw(_maybe(st.sampled_from(["erp", "manual", "spreadsheet", "unknown"]))),
                "currency": draw(_maybe(st.sampled_from(["USD", "EUR"])))} for i in range(draw(st.integers(0, 4)))]
    n_kpis = draw(st.integers(0, 10))
    kpi_ids = [f"k{i}" for i in range(n_kpis)]
    kpis = [{"id": kid, "name": draw(st.sampled_from(NAMES)), "owner": draw(_maybe(role)),
             "kind": draw(_maybe(st.sampled_from(["result", "process", "input"]))), "core": draw(_maybe(st.booleans())),
             "weight": draw(_maybe(st.integers(0, 100))),
             "metric": draw(_maybe(st.sampled_from([m["id"] for m in metrics]))) if metrics else None,
             "objectives": draw(st.lists(st.sampled_from([o["id"] for o in objectives]), max_size=2)) if objectives else [],
             "drives": draw(st.lists(st.sampled_from(kpi_ids), max_size=2)),
             "target": draw(_maybe(st.sampled_from([1000, 0.25, 5]))), "baseline": draw(_maybe(st.just(900))),
             "frequency": draw(_maybe(st.sampled_from(["daily", "weekly", "monthly", "quarterly"])))}
            for kid in kpi_ids]
    kpi = st.sampled_from(kpi_ids) if kpi_ids else None
    incentives = [{"id": f"i{i}", "name": "Bonus", "roles": draw(st.lists(role, max_size=2)) if role_ids else [],
                   "links": [{"kpi": draw(kpi), "weight": draw(_maybe(st.integers(0, 100)))} for _ in range(draw(st.integers(0, 3)))]}
                  for i in range(draw(st.integers(0, 2)) if kpi_ids else 0)]
    reviews = [{"id": f"v{i}", "name": "Review", "kind": draw(_maybe(st.sampled_from(["performance", "kpi-system"]))),
                "scope": draw(_maybe(unit)), "cadence": draw(_maybe(st.sampled_from(["weekly", "monthly", "quarterly"]))),
                "attendees": draw(st.lists(role, max_size=2)) if role_ids else [],
                "held_on": draw(st.lists(DATES, max_size=3)), "actions": draw(_maybe(st.integers(0, 5)))}
               for i in range(draw(st.integers(0, 3)))]
    dashboards = [{"id": "d0", "name": "Board", "kpis": draw(st.lists(kpi, max_size=4, unique=True))}] \
        if kpi_ids and draw(st.booleans()) else []
    consultations = [{"id": "c0", "topic": draw(st.sampled_from(["kpi-design", "review"])),
                      "participants": draw(st.lists(role, max_size=2))}] if role_ids and draw(st.booleans()) else []
    actuals = [{"kpi": draw(kpi), "period": draw(st.sampled_from(["2026-09", "2026-10-15", "2025-12"])), "value": 1}
               for _ in range(draw(st.integers(0, 4)))] if kpi_ids else []
    org = {"id": "fuzz", "name": "Fuzz", "stage": draw(_maybe(st.sampled_from(["startup", "growth", "mature"]))),
           "audit_date": "2026-11-01", "champion": draw(_maybe(st.sampled_from(["p0", "ghost"]))),
           "kpi_system_revised_on": draw(_maybe(DATES))}
    return {"organization": org, "units": units, "roles": roles, "people": people, "objectives": objectives,
            "metrics": metrics, "kpis": kpis, "incentives": incentives, "reviews": reviews,
            "dashboards": dashboards, "consultations": consultations, "actuals": actuals}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(intakes())
def test_any_valid_intake_audits_sanely(core, raw):
    intake, _ = build_intake(raw)
    report = run_audit(intake, core)
    assert report == run_audit(intake, core)
    assert 0 <= report["score"]["overall"] <= 100
    assert all(0 <= s <= 100 for s in report["score"]["dimensions"].values())
    keys = [(f["code"], f["subject"]) for f in report["findings"]]
    assert keys == sorted(set(keys))
    ids = {f"{kind}:{r['id']}" for kind, section in [("unit", "units"), ("role", "roles"), ("kpi", "kpis"),
                                                      ("objective", "objectives"), ("review", "reviews"),
                                                      ("incentive", "incentives")] for r in raw[section]}
    for finding in report["findings"]:
        kind = finding["subject"].split(":")[0]
        assert finding["subject"] in ids or kind in ("org", "metric"), finding["subject"]
        assert finding["message"] and finding["remediation"]["owner"]
