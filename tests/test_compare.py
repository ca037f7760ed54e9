"""compare(old, new): two quarterly audits of one client, one pitfall fixed and one introduced, give exactly
those as resolved and new, the rest persisting, and the score change; also across a ruleset version change."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from cli.main import run
from diagnostics import fact_schema
from engine.audit import run_audit
from engine.loaders import load_intake
from engine.ruleset import load_ruleset
from engine.ruleset_model import DIMENSIONS
from history.compare import compare, since_last_audit
from history.compare_view import render
from tests.conftest import EXAMPLES, write_yaml


@pytest.fixture(scope="module")
def q3_intake() -> dict:
    return yaml.safe_load((EXAMPLES / "cross-border-seller.yaml").read_text(encoding="utf-8"))


def next_quarter(raw: dict) -> dict:
    """Three months later: DE's lead now has a bonus on their KPIs (I01 fixed), and a new DE KPI counts
    new listings, an activity, as a result (a new R01); every meeting kept its rhythm."""
    raw = copy.deepcopy(raw)
    raw["organization"].update(audit_date="2027-02-01", kpi_system_revised_on="2027-01-05")
    reviews = {r["id"]: r for r in raw["reviews"]}
    reviews["us-weekly"]["held_on"] = ["2027-01-12", "2027-01-19", "2027-01-26"]
    reviews["q-kpi"]["held_on"] = ["2027-01-05"]
    raw["incentives"].append({"id": "de-bonus", "name": "DE quarterly bonus", "roles": ["de-ops"], "kind": "bonus",
                              "links": [{"kpi": "de-gmv", "weight": 100}]})
    next(k for k in raw["kpis"] if k["id"] == "de-gmv")["weight"] = 40
    raw["kpis"].append({"id": "de-listings", "name": "DE 每日上新数量", "owner": "de-ops", "kind": "result",
                        "weight": 10, "metric": "m-listings", "drives": ["de-gmv"], "target": 5, "baseline": 2,
                        "frequency": "daily"})
    raw["dashboards"][0]["kpis"].append("de-listings")
    return raw


@pytest.fixture(scope="module")
def audit_of(tmp_path_factory):
    folder = tmp_path_factory.mktemp("intakes")

    def audit(raw: dict, ruleset: str = "core", name: str = "intake") -> dict:
        loaded = load_intake(write_yaml(folder / f"{name}.yaml", raw))
        return run_audit(loaded.intake, load_ruleset(ruleset, fact_schema()), "en", warnings=loaded.warnings)

    return audit


def keys(entries: list[dict]) -> list[tuple[str, str]]:
    return [(e["code"], e["subject"]) for e in entries]


@pytest.mark.parametrize("old_ruleset", ["core", "core@1.0.0"])
def test_two_quarters_fixed_and_new(audit_of, q3_intake, old_ruleset):
    old = audit_of(q3_intake, old_ruleset, "q3")
    new = audit_of(next_quarter(q3_intake), "core", "q4")
    result = compare(old, new)
    findings = result["findings"]
    assert keys(findings["new"]) == [("R01", "kpi:de-listings")]
    assert keys(findings["resolved"]) == [("I01", "role:de-ops")]
    both = {(f["code"], f["subject"]) for f in old["findings"]} & {(f["code"], f["subject"]) for f in new["findings"]}
    assert set(keys(findings["persisting"])) == both
    assert len(both) == len(new["findings"]) - 1 == len(old["findings"]) - 1
    assert findings["newly_assessed"] == findings["no_longer_assessed"] == findings["waived"] == []
    delta = result["score_delta"]
    assert delta["overall"] == round(new["score"]["overall"] - old["score"]["overall"], 2)
    assert delta["dimensions"] == {d: round(new["score"]["dimensions"][d] - old["score"]["dimensions"][d], 2)
                                   for d in DIMENSIONS}
    assert delta["dimensions"]["incentives"] > 0 > delta["dimensions"]["results"]
    assert result["rules"]["changed"] is (old_ruleset != "core")
    assert result["rules"]["findings"] == {"new": [], "resolved": []}
    assert result["same_organization"]


def test_root_causes_follow_the_findings(audit_of, q3_intake):
    result = compare(audit_of(q3_intake, name="q3"), audit_of(next_quarter(q3_intake), name="q4"))
    causes = result["root_causes"]
    assert [c["codes"] for c in causes["new"]] == [["R01"]]
    assert [c["codes"] for c in causes["resolved"]] == [["I01"]]
    assert ["I01"] not in [c["codes"] for c in causes["persisting"]]


def test_same_audit_changes_nothing(audit_of, q3_intake):
    report = audit_of(q3_intake, name="q3")
    result = compare(report, report)
    assert result["score_delta"]["overall"] == 0
    assert len(result["findings"]["persisting"]) == len(report["findings"])
    assert not any(result["findings"][k] for k in ("new", "resolved", "newly_assessed", "no_longer_assessed"))


def test_rule_changes_kept_apart_from_the_organisation(audit_of):
    """The same intake under core 1.0 and 1.1: what changed is the rules' doing, and said why."""
    raw = yaml.safe_load((EXAMPLES / "everything-wrong.yaml").read_text(encoding="utf-8"))
    result = compare(audit_of(raw, "core@1.0.0", "a"), audit_of(raw, "core", "b"))
    assert result["rules"]["changed"] and result["rules"]["known"]
    assert result["findings"]["new"] == result["findings"]["resolved"] == []
    moved = result["rules"]["findings"]
    assert ("R04", "role:jp-content") in keys(moved["new"])
    assert {e["rule_change"] for e in moved["new"] if e["code"] in ("D07", "R04")} == {"rule_added"}
    assert {e["rule_change"] for e in moved["resolved"]} == {"kpi_reading_changed"}
    assert result["rules"]["codes"]["R04"] == ["rule_added"]


def test_override_params_and_disabled_rules_are_rule_changes(audit_of, tmp_path):
    raw = yaml.safe_load((EXAMPLES / "cross-border-seller.yaml").read_text(encoding="utf-8"))
    override = write_yaml(tmp_path / "strict.yaml", {"extends": "core", "name": "strict", "version": "1.0.0",
                                                     "params": {"max_core_kpis": 2}, "disable": {"O01": "n/a"}})
    result = compare(audit_of(raw, name="a"), audit_of(raw, str(override), "b"))
    moved = result["rules"]["findings"]
    assert ("F01", "role:de-ops") in keys(moved["new"])
    assert all(e["rule_change"] == "params_changed" for e in moved["new"] if e["code"] == "F01")
    assert [(e["code"], e["rule_change"]) for e in moved["resolved"]] == [("O01", "rule_removed")]
    assert result["findings"]["new"] == result["findings"]["resolved"] == []


def test_not_assessed_before_is_newly_assessed(audit_of, q3_intake):
    """Actuals collected this quarter: D04 judged now is neither new nor a change of the organisation."""
    raw = next_quarter(q3_intake)
    later = copy.deepcopy(raw)
    later["actuals"] = [{"kpi": "us-gmv", "period": "2026-06", "value": 2600000}]
    old, new = audit_of(raw, name="before"), audit_of(later, name="after")
    assert any(e["code"] == "D04" for e in old["not_assessed"])
    result = compare(old, new)
    assert result["findings"]["newly_assessed"] and {e["code"] for e in result["findings"]["newly_assessed"]} == {"D04"}
    assert "D04" not in {e["code"] for e in result["findings"]["new"]}
    reverse = compare(new, old)
    assert {e["code"] for e in reverse["findings"]["no_longer_assessed"]} == {"D04"}
    assert "D04" not in {e["code"] for e in reverse["findings"]["resolved"]}


def test_since_last_audit_and_other_organisation(audit_of, q3_intake):
    old, new = audit_of(q3_intake, name="q3"), audit_of(next_quarter(q3_intake), name="q4")
    since = since_last_audit(new, old)["since_last_audit"]
    assert keys(since["new"]) == [("R01", "kpi:de-listings")] and keys(since["resolved"]) == [("I01", "role:de-ops")]
    assert since["previous"]["audit_date"] == "2026-11-01"
    other = copy.deepcopy(old)
    other["organization"]["id"] = "someone-else"
    with pytest.raises(Exception, match="someone-else"):
        since_last_audit(new, other, "q3.json")


def test_compare_command_formats_and_errors(audit_of, q3_intake, tmp_path, capsys):
    old, new = tmp_path / "q3.json", tmp_path / "q4.json"
    old.write_text(json.dumps(audit_of(q3_intake, name="q3")), encoding="utf-8")
    new.write_text(json.dumps(audit_of(next_quarter(q3_intake), name="q4")), encoding="utf-8")
    assert run(["compare", str(old), str(new)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert keys(data["findings"]["new"]) == [("R01", "kpi:de-listings")]
    for fmt, lang, word in (("md", "zh", "已解决问题"), ("html", "en", "Resolved findings")):
        out = tmp_path / f"c.{fmt}"
        assert run(["compare", str(old), str(new), "--format", fmt, "--lang", lang, "--out", str(out)]) == 0
        assert word in out.read_text(encoding="utf-8")
    assert run(["compare", str(old), str(tmp_path / "missing.json")]) == 2
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    assert run(["compare", str(old), str(tmp_path / "list.json")]) == 2
    assert "not a kpi-audit JSON report" in capsys.readouterr().err


def test_audit_baseline_adds_the_section(audit_of, q3_intake, tmp_path, capsys):
    baseline = tmp_path / "q3.json"
    baseline.write_text(json.dumps(audit_of(q3_intake, name="q3")), encoding="utf-8")
    intake = write_yaml(tmp_path / "q4.yaml", next_quarter(q3_intake))
    assert run(["audit", str(intake), "--baseline", str(baseline)]) == 0
    since = json.loads(capsys.readouterr().out)["since_last_audit"]
    assert since["counts"]["new"] == since["counts"]["resolved"] == 1
    for fmt, lang, words in (("md", "en", ("Since last audit", "DE 每日上新数量")), ("html", "zh", ("自上次诊断以来", "已解决"))):
        out = tmp_path / f"r.{fmt}"
        assert run(["audit", str(intake), "--baseline", str(baseline), "--lang", lang, "--out", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert all(w in text for w in words)


def test_client_text_is_escaped(audit_of, q3_intake):
    raw = next_quarter(q3_intake)
    raw["kpis"][-1]["name"] = "<script>alert(1)</script> | `x`"
    result = compare(audit_of(q3_intake, name="q3"), audit_of(raw, name="q4"))
    assert "<script>" not in render(result, "html", "en")
    assert "<script>" not in render(result, "md", "en")


def test_deterministic(audit_of, q3_intake):
    old, new = audit_of(q3_intake, name="q3"), audit_of(next_quarter(q3_intake), name="q4")
    assert render(compare(old, new), "json", "en") == render(compare(copy.deepcopy(old), copy.deepcopy(new)), "json", "en")
