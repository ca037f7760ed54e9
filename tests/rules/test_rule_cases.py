"""Every rule's cases (tests/rules/cases/<CODE>.yaml), sqlfluff-style: each case patches the healthy base intake
and states what THAT rule finds there, so adding a rule never means editing another rule's cases (the union of
all rules is tests/rules/test_no_cross_talk.py's job).

A case gives `expect` (the exact subjects of its code's findings) and optionally `not_assessed` (the exact
subjects of its code in the report's `not_assessed`), `evidence` (a subset every finding of the code carries),
`message` (the English message every finding of the code has), `owners` (subject -> the role its remediation
names) and `params` (overrides of the newest `core`).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.assessment import OWNER_NEED, VACANT_NEEDS
from engine.model import OPTIONAL_SECTIONS
from engine.ruleset import load_ruleset
from tests.conftest import RULE_TESTS, write_yaml
from tests.rules.patching import apply_patch

CASE_FILES = sorted((RULE_TESTS / "cases").glob("*.yaml"))
CASE_KEYS = {"patch", "params", "expect", "not_assessed", "evidence", "message", "owners"}


def _specs() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in CASE_FILES}


def _cases():
    for spec in _specs().values():
        for name, case in spec["cases"].items():
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}_{name}")


def _ruleset_with(params: dict, tmp_path: Path, schema):
    override = write_yaml(tmp_path / "override.yaml", {"extends": "core", "params": params})
    return load_ruleset(str(override), schema)


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code, case, base_intake, audit_raw, tmp_path, schema):
    assert set(case) <= CASE_KEYS, f"unknown case keys {sorted(set(case) - CASE_KEYS)}"
    raw = apply_patch(base_intake, case.get("patch") or {})
    ruleset = _ruleset_with(case["params"], tmp_path, schema) if case.get("params") else None
    report = audit_raw(raw, ruleset)
    assert report["intake_warnings"] == []
    mine = [f for f in report["findings"] if f["code"] == code]
    assert {f["subject"] for f in mine} == set(case["expect"])
    if "not_assessed" in case:
        unjudged = {e["subject"] for e in report["not_assessed"] if e["code"] == code}
        assert unjudged == set(case["not_assessed"])
    if case.get("evidence") or case.get("message") or case.get("owners"):
        assert mine, "evidence, message or owners given for a case where the rule does not fire"
    for key, value in (case.get("evidence") or {}).items():
        assert all(f["evidence"][key] == value for f in mine), (key, [f["evidence"].get(key) for f in mine])
    if case.get("message"):
        assert [f["message"] for f in mine] == [case["message"]] * len(mine)
    owners = {f["subject"]: f["remediation"]["owner"] for f in mine}
    assert {s: owners.get(s) for s in case.get("owners") or {}} == (case.get("owners") or {})


def test_every_rule_has_cases_both_ways(core):
    """One case file per rule of the newest core, each with a case that fires and one where the rule must not."""
    specs = _specs()
    assert sorted(specs) == sorted(r.code for r in core.rules)
    for code, spec in specs.items():
        assert spec["rule"] == code
        outcomes = [bool(c["expect"]) for c in spec["cases"].values()]
        assert True in outcomes and False in outcomes, code


def _unmet(raw: dict) -> set[str]:
    """The needs (keys of the ruleset's `collect`) a raw intake leaves unmet, read off the case's input."""
    kpis = raw.get("kpis") or []
    unmet = {section for section in OPTIONAL_SECTIONS if section not in raw}
    unmet |= {"kpis"} if not kpis else set()
    unmet |= {"core-kpis"} if not any(k.get("core", True) for k in kpis) else set()
    unmet |= {OWNER_NEED} if any(not k.get("owner") for k in kpis) else set()
    unmet |= {"reviews[].held_on"} if any("held_on" not in r for r in raw.get("reviews") or []) else set()
    unmet |= {"metrics[].source"} if any("source" not in m for m in raw.get("metrics") or []) else set()
    return unmet


def test_what_a_rule_needs_is_shown_missing_and_empty(core, base_intake):
    """Each thing a rule can be short of has a case where it is missing and the rule is not assessed (for no KPI
    or no core KPI: nothing to judge, nothing asked for); each intake section it needs also has a case where the
    section is given empty (judged: `not_assessed: []`)."""
    specs = _specs()
    missing = []
    for rule in core.rules:
        cases = [(apply_patch(base_intake, c.get("patch") or {}), c) for c in specs[rule.code]["cases"].values()]
        needs = set(rule.needs) | {m.unknown.needs for m in rule.match if m.unknown}
        needs |= {OWNER_NEED} if rule.unowned else set()
        missing += [f"{rule.code}: no case where {need} is missing and the rule is not assessed"
                    for need in sorted(needs - set(VACANT_NEEDS))
                    if not any(need in _unmet(raw) and c.get("not_assessed") for raw, c in cases)]
        missing += [f"{rule.code}: no case where there is no {need} and the rule has nothing to judge"
                    for need in sorted(needs & set(VACANT_NEEDS))
                    if not any(need in _unmet(raw) and c.get("not_assessed") == [] and not c["expect"]
                               for raw, c in cases)]
        missing += [f"{rule.code}: no case with {section}: [] (and not_assessed: [])"
                    for section in sorted(needs & set(OPTIONAL_SECTIONS))
                    if not any(raw.get(section) == [] and c.get("not_assessed") == [] for raw, c in cases)]
    assert not missing, "\n".join(missing)
