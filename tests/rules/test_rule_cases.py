"""Every rule's cases (tests/rules/cases/<CODE>.yaml), checkov-style: the exact subjects a rule
finds on a patched healthy intake, and that no other rule fires unless the case says so (`also`)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.ruleset import load_ruleset
from tests.conftest import RULE_TESTS, write_yaml
from tests.rules.patching import apply_patch

CASE_FILES = sorted((RULE_TESTS / "cases").glob("*.yaml"))


def _cases():
    for path in CASE_FILES:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in spec["cases"].items():
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}_{name}")


def _ruleset_with(params: dict, tmp_path: Path, schema):
    override = write_yaml(tmp_path / "override.yaml", {"extends": "core@1", "params": params})
    return load_ruleset(str(override), schema)


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_rule_case(code, case, base_intake, audit_raw, tmp_path, schema):
    raw = apply_patch(base_intake, case.get("patch") or {})
    ruleset = _ruleset_with(case["params"], tmp_path, schema) if case.get("params") else None
    report = audit_raw(raw, ruleset)
    assert report["intake_warnings"] == []
    found: dict[str, set[str]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["code"], set()).add(finding["subject"])
    expected = {code: set(case["expect"])} if case["expect"] else {}
    expected.update({c: set(s) for c, s in (case.get("also") or {}).items()})
    assert found == expected
    for key, value in (case.get("evidence") or {}).items():
        mine = [f for f in report["findings"] if f["code"] == code]
        assert mine, "evidence given for a case where the rule does not fire"
        assert all(f["evidence"][key] == value for f in mine), (key, [f["evidence"].get(key) for f in mine])


def test_every_rule_has_cases_both_ways(core):
    """Each rule has a case file with at least one case that fires and one where it must not."""
    by_code = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in CASE_FILES}
    assert sorted(by_code) == sorted(r.code for r in core.rules)
    for code, spec in by_code.items():
        assert spec["rule"] == code
        outcomes = [bool(c["expect"]) for c in spec["cases"].values()]
        assert True in outcomes and False in outcomes, code
