"""Whole-system fixtures: healthy, the six named pitfalls, bare, everything wrong once, all-Chinese (newest core)."""
from __future__ import annotations

import yaml

from tests.conftest import EXAMPLES


def _audit(audit_raw, name: str, lang: str = "en") -> dict:
    return audit_raw(yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8")), lang=lang)


def test_healthy_organisation_has_no_findings_and_scores_at_least_90(audit_raw):
    report = _audit(audit_raw, "healthy.yaml")
    assert report["findings"] == [] and report["plan"] == []
    assert report["score"]["overall"] >= 90


def test_seller_gets_exactly_the_six_named_pitfalls(audit_raw):
    report = _audit(audit_raw, "cross-border-seller.yaml")
    assert {(f["code"], f["subject"]) for f in report["findings"]} == {
        ("F01", "role:us-ops"), ("R01", "kpi:us-listings"), ("I01", "role:de-ops"), ("C01", "unit:de"),
        ("D01", "metric:gmv"), ("O01", "org:nova-home")}
    by_code = {f["code"]: f for f in report["findings"]}
    assert by_code["F01"]["evidence"]["measured_core_kpis"] == 7 and by_code["F01"]["evidence"]["max_core_kpis"] == 5
    assert by_code["D01"]["evidence"]["definition_ids"] == ["m-gmv", "m-sales-de"]
    assert by_code["O01"]["evidence"]["champion_status"] == "external"
    for finding in report["findings"]:
        assert finding["messages"]["en"] and finding["messages"]["zh"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding["messages"]["zh"])
        assert finding["remediation"]["owner"].startswith("role:") and finding["remediation"]["steps"]


def test_bare_organisation_scores_below_40(audit_raw):
    """Leaving the basics out is no way out: what was not collected is asked for, and costs the score."""
    report = _audit(audit_raw, "bare.yaml")
    assert report["score"]["overall"] < 40
    assert "O01" in {f["code"] for f in report["findings"]}
    assert {"I01", "C01", "D02"} <= {e["code"] for e in report["not_assessed"]}


def test_everything_wrong_fires_every_code_but_f04(audit_raw, core):
    """F04 (no core KPI at all) excludes every rule that judges core KPIs, so one intake cannot fire both."""
    report = _audit(audit_raw, "everything-wrong.yaml")
    assert {f["code"] for f in report["findings"]} == {r.code for r in core.rules} - {"F04"}


def test_chinese_example_reads_in_chinese(audit_raw):
    report = _audit(audit_raw, "shenzhen-seller-zh.yaml", lang="zh")
    assert report["language"] == "zh" and report["organization"]["stage"] == "startup"
    assert {"L01", "L03", "R02", "C04", "I02"} <= {f["code"] for f in report["findings"]}
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f["message"]) for f in report["findings"])
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in p["action"]) for p in report["plan"])


def test_the_contracts_small_example_still_audits(core):
    """shared/spec/intake-v1.md's own example (copied in tests/fixtures) loads and audits; its known pitfalls show."""
    from engine.audit import run_audit
    from engine.loaders import load_intake
    from tests.conftest import ROOT

    loaded = load_intake(ROOT / "tests" / "fixtures" / "spec-small-example.yaml")
    report = run_audit(loaded.intake, core)
    found = {(f["code"], f["subject"]) for f in report["findings"]}
    assert {("R01", "kpi:us-listings"), ("D03", "kpi:us-listings")} <= found
    assert report["not_assessed"] == [] and report["score"]["band"] in ("good", "strong")


def test_a_scorecard_with_behaviour_lines_gets_r04_and_nothing_on_them(audit_raw):
    """业绩 lines and 工作态度/抗压能力/学习能力 lines: R04 at 40% behaviour; no data, driver, target or objective
    finding on the behaviour lines."""
    report = _audit(audit_raw, "amazon-ops-scorecard-zh.yaml")
    behaviour = {"kpi:ops-attitude", "kpi:ops-pressure", "kpi:ops-learning", "kpi:ops-team"}
    assert {(f["code"], f["subject"]) for f in report["findings"]} == {("R04", "role:ops")}
    assert not [f for f in report["findings"] if f["subject"] in behaviour]
    kinds = {k["id"]: (k["kind"], k["kind_from"]) for k in report["kpis"]}
    assert kinds["ops-attitude"] == ("behaviour", "behaviour-term") and kinds["ops-team"] == ("behaviour", "label")
