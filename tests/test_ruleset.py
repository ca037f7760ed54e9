"""Rulesets as data: eager validation, versions, identity (sha256), overrides, generated docs."""
from __future__ import annotations

import pytest
import yaml

from engine.errors import RulesetError
from engine.ruleset import load_ruleset, shipped_names, shipped_versions
from engine.ruleset_model import LANGS, PLACEHOLDER
from reports.rule_docs import rules_markdown
from tests.conftest import EXAMPLES, ROOT, write_yaml

SPEC_NAMES = {"F01": "too-many-core-kpis", "R01": "process-metric-as-result", "I01": "no-incentive-link",
              "C01": "no-review-cadence", "D01": "inconsistent-definitions", "O01": "missing-champion",
              "L03": "agency-without-kpis", "D06": "kpi-not-visualised", "A03": "unit-misaligned-with-hq",
              "F04": "no-core-kpis", "R04": "subjective-scorecard", "D07": "kpi-without-target"}
NEWEST = shipped_versions("core")[-1]
# core 1.0.0 as stored audits name it: its identity and what it finds on the seller example never change (messages
# name subjects and definitions the way the engine renders them today).
CORE_1_0_SHA256 = "dbba8490aa89d2d09bc63dd0403b91d7c2a886d5bfa086e1ca5862b702c9fc16"
CORE_1_0_SELLER = {
    ("C01", "unit:de"): "Unit Amazon DE owns 3 core KPI(s) but no performance review covers it.",
    ("D01", "metric:gmv"): "Metric GMV has 2 definitions (GMV, 销售额) that differ in formula, currency.",
    ("F01", "role:us-ops"): "Role US operations lead carries 7 core KPIs, more than the 5 a person can focus on.",
    ("I01", "role:de-ops"): "Role DE operations lead has 3 core KPI(s) and no incentive pays on any of them.",
    ("O01", "org:nova-home"): "No internal, active champion drives the KPI system (champion: p-coach, status: external).",
    ("R01", "kpi:us-listings"): "KPI 每日上新数量 is a process metric treated as a result (label: result, weight: 15; limit 20).",
}


def test_core_is_the_newest_version_and_keeps_every_code_of_the_older_ones(core, schema):
    """Codes are a contract: a later version adds codes, and never drops or renames one."""
    assert core.name == "core" and core.version == NEWEST
    names = {r.code: r.name for r in core.rules}
    for version in shipped_versions("core"):
        assert {r.code: r.name for r in load_ruleset(f"core@{version}", schema).rules}.items() <= names.items()
    assert all(names[c] == n for c, n in SPEC_NAMES.items())


def test_core_1_0_0_still_loads_unchanged(schema, audit_raw):
    old = load_ruleset("core@1.0.0", schema)
    assert old.version == "1.0.0" and old.sha256 == CORE_1_0_SHA256
    raw = yaml.safe_load((EXAMPLES / "cross-border-seller.yaml").read_text(encoding="utf-8"))
    report = audit_raw(raw, old)
    assert {(f["code"], f["subject"]): f["message"] for f in report["findings"]} == CORE_1_0_SELLER
    assert report["not_assessed"] == []


def assert_documented(rule) -> None:
    """Every text of the rule written in both languages (no TODO left by scripts/new_rule.py), an example that
    exists, and the same placeholders in en and zh."""
    texts = [rule.source, rule.message, rule.remediation.action, rule.doc.what, rule.doc.why, rule.doc.fires,
             rule.doc.passes, *(m.message for m in rule.match if m.message)]
    for text in texts:
        for lang in LANGS:
            assert text[lang].strip() and "TODO" not in text[lang], f"{rule.code} ({lang}): {text[lang]!r}"
    assert len(rule.remediation.steps.en) == len(rule.remediation.steps.zh) >= 1
    assert not any("TODO" in step for lang in LANGS for step in rule.remediation.steps[lang]), rule.code
    assert not rule.name.startswith("todo-"), rule.code
    assert (ROOT / rule.doc.example).is_file(), rule.code
    assert rule.status in ("stable", "preview", "deprecated") and rule.since
    names = {lang: set(PLACEHOLDER.findall(rule.message[lang])) for lang in LANGS}
    assert names["en"] == names["zh"], rule.code


def test_every_rule_of_every_shipped_ruleset_is_documented_in_both_languages(schema):
    for name in shipped_names():
        for version in shipped_versions(name):
            for rule in load_ruleset(f"{name}@{version}", schema).rules:
                assert_documented(rule)


def test_versions_resolve(schema):
    assert load_ruleset("core@1", schema).version == load_ruleset("core", schema).version == NEWEST
    assert load_ruleset("core@1.0.0", schema).version == "1.0.0"
    with pytest.raises(RulesetError, match="no version 2"):
        load_ruleset("core@2", schema)
    with pytest.raises(RulesetError, match="no such ruleset"):
        load_ruleset("nope", schema)


def test_sha256_is_stable_and_tracks_content(core, schema, tmp_path):
    assert core.sha256 == load_ruleset("core", schema).sha256 and len(core.sha256) == 64
    changed = load_ruleset(str(write_yaml(tmp_path / "o.yaml", {"extends": "core@1", "params": {"max_core_kpis": 4}})),
                           schema)
    assert changed.sha256 != core.sha256


def test_override_example_changes_threshold_severity_and_disables(schema):
    ruleset = load_ruleset(str(EXAMPLES / "agency-override.yaml"), schema)
    assert ruleset.params["max_core_kpis"] == 4
    assert ruleset.rule("D06").severity == "medium"
    assert "L02" in ruleset.disabled and "L02" not in {r.code for r in ruleset.active_rules}
    assert ruleset.rule("X01").status == "preview"
    assert ruleset.catalogue.match("店铺流水").id == "gmv"
    assert ruleset.catalogue.match("视频广告播放量").kind == "process"
    assert ruleset.base == f"core@{NEWEST}" and ruleset.name == "northstar-agency"


@pytest.mark.parametrize(("override", "message"), [
    ({"params": {"max_core_kpiz": 4}}, "unknown parameter 'max_core_kpiz'"),
    ({"params": {"max_core_kpis": "four"}}, "is not a number"),
    ({"params": {"max_core_kpis": 4.5}}, "not a whole number"),
    ({"severity": {"Z01": "high"}}, "unknown rule code 'Z01'"),
    ({"severity": {"F01": "urgent"}}, "severity"),
    ({"disable": {"F01": ""}}, "needs a reason"),
    ({"catalogue": {"synonyms": {"nope": ["x"]}}}, "unknown catalogue metric 'nope'"),
    ({"catalogue": {"metrics": [{"id": "x", "en": "X", "zh": "X", "kind": "outcome", "focus": "growth"}]}}, "kind"),
])
def test_bad_overrides_are_refused(tmp_path, schema, override, message):
    path = write_yaml(tmp_path / "bad.yaml", {"extends": "core@1", **override})
    with pytest.raises(RulesetError) as info:
        load_ruleset(str(path), schema)
    assert message in info.value.render()


def _new_rule(**changes) -> dict:
    rule = yaml.safe_load((EXAMPLES / "agency-override.yaml").read_text(encoding="utf-8"))["rules"][0]
    rule.update(changes)
    return rule


@pytest.mark.parametrize(("rule", "message"), [
    (_new_rule(match=[{"fact": "kpi", "when": {"no_such_field": True}}]), "unknown fact field 'no_such_field'"),
    (_new_rule(match=[{"fact": "kpi", "when": {"weight": {"about": 3}}}]), "unknown operator 'about'"),
    (_new_rule(match=[{"fact": "kpi", "when": {"label": {"gt": 3}}}]), "compares numbers"),
    (_new_rule(match=[{"fact": "kpi", "when": {"weight": "heavy"}}]), "does not fit field 'weight'"),
    (_new_rule(message={"en": "Only English {subject_name}"}), "zh"),
    (_new_rule(message={"en": "{subject_name} {frequency}", "zh": "{subject_name}"}), "different placeholders"),
    (_new_rule(code="F01"), "already used"),
    (_new_rule(evidence=["nope"]), "unknown fact field 'nope'"),
])
def test_bad_added_rules_are_refused(tmp_path, schema, rule, message):
    path = write_yaml(tmp_path / "bad.yaml", {"extends": "core@1", "rules": [rule]})
    with pytest.raises(RulesetError) as info:
        load_ruleset(str(path), schema)
    assert message in info.value.render()


def test_extends_cycle_is_refused(tmp_path, schema):
    write_yaml(tmp_path / "a.yaml", {"extends": "./b.yaml"})
    write_yaml(tmp_path / "b.yaml", {"extends": "./a.yaml"})
    with pytest.raises(RulesetError, match="cycle"):
        load_ruleset(str(tmp_path / "a.yaml"), schema)


def test_override_of_override_accumulates(tmp_path, schema):
    write_yaml(tmp_path / "agency.yaml", {"extends": "core@1", "params": {"max_core_kpis": 4}})
    client = write_yaml(tmp_path / "client.yaml", {"extends": "./agency.yaml", "disable": {"L03": "No agencies."}})
    ruleset = load_ruleset(str(client), schema)
    assert ruleset.params["max_core_kpis"] == 4 and "L03" in ruleset.disabled
    assert set(ruleset.changes["params"]) == {"max_core_kpis"} and ruleset.base == f"core@{NEWEST}"


def test_report_shows_override_changes(audit_raw, schema):
    ruleset = load_ruleset(str(EXAMPLES / "agency-override.yaml"), schema)
    raw = yaml.safe_load((EXAMPLES / "cross-border-seller.yaml").read_text(encoding="utf-8"))
    report = audit_raw(raw, ruleset)
    block = report["ruleset"]
    assert block["name"] == "northstar-agency" and block["base"] == f"core@{NEWEST}"
    assert block["disabled"] == {"L02": ruleset.disabled["L02"]}
    assert block["changes"]["params"]["max_core_kpis"] == {"from": 5, "to": 4}
    assert block["changes"]["severity"]["D06"] == {"from": "low", "to": "medium"}
    f01 = next(f for f in report["findings"] if f["code"] == "F01")
    assert f01["evidence"]["max_core_kpis"] == 4


def test_docs_rules_md_is_in_sync(core):
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(core), "run: kpi-audit rules docs --out docs/rules.md"


def test_an_override_extending_a_shipped_name_ignores_the_working_folder(tmp_path, monkeypatch, schema):
    """`extends: core` is the shipped core even where a file or folder named `core` sits in the working folder
    (the service stores tenants' overrides and must never read a server file they name)."""
    from engine.ruleset import load_ruleset

    (tmp_path / "core").write_text("name: decoy\n", encoding="utf-8")
    override = tmp_path / "agency.yaml"
    override.write_text("extends: core\nname: agency\nversion: 1.0.0\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    loaded = load_ruleset(str(override), schema)
    assert loaded.base is not None and loaded.base.startswith("core")
