"""scripts/new_rule.py scaffolds a rule the way ruff's add_rule does, on a temporary copy of the project folders."""
from __future__ import annotations

import importlib.util
import shutil

import pytest
import yaml

from engine.ruleset import load_ruleset, shipped_versions
from reports.rule_docs import rules_markdown
from tests.conftest import EXAMPLES, ROOT
from tests.test_ruleset import assert_documented

_spec = importlib.util.spec_from_file_location("new_rule", ROOT / "scripts" / "new_rule.py")
new_rule = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(new_rule)
NEWEST = shipped_versions("core")[-1]


@pytest.fixture
def project(tmp_path):
    """The parts of the project the script writes to, copied: rulesets/, the rule cases and docs/."""
    shutil.copytree(ROOT / "rulesets", tmp_path / "rulesets")
    shutil.copytree(ROOT / "tests" / "rules" / "cases", tmp_path / "tests" / "rules" / "cases")
    (tmp_path / "docs").mkdir()
    return tmp_path


def _files(root) -> set:
    return {p.relative_to(root) for p in root.rglob("*")}


def test_scaffolds_stub_cases_and_docs(project, schema, audit_raw):
    assert new_rule.main(["F99", "--name", "scorecard-too-long", "--root", str(project)]) == 0
    folder = project / "rulesets" / "core" / NEWEST
    ruleset = load_ruleset(str(folder), schema)
    rule = ruleset.rule("F99")
    assert (rule.name, rule.dimension, rule.subject, rule.severity) == ("scorecard-too-long", "focus", "kpi", "medium")
    assert rule.status == "preview" and rule.since == NEWEST and rule.doc.example == "tests/rules/cases/F99.yaml"
    with pytest.raises(AssertionError, match="TODO"):
        assert_documented(rule)
    cases = yaml.safe_load((project / "tests" / "rules" / "cases" / "F99.yaml").read_text(encoding="utf-8"))
    assert cases["rule"] == "F99" and sorted(bool(c["expect"]) for c in cases["cases"].values()) == [False, True]
    assert (project / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(ruleset)
    seller = yaml.safe_load((EXAMPLES / "cross-border-seller.yaml").read_text(encoding="utf-8"))
    assert "F99" not in {f["code"] for f in audit_raw(seller, ruleset)["findings"]}
    assert not (ROOT / "rulesets" / "core" / NEWEST / "rules" / "F99.yaml").exists()


def test_options_and_dimension_for_new_letters(project, schema):
    args = ["XY101", "--dimension", "context", "--subject", "unit", "--severity", "low", "--root", str(project)]
    assert new_rule.main(args) == 0
    rule = load_ruleset(str(project / "rulesets" / "core" / NEWEST), schema).rule("XY101")
    assert (rule.name, rule.dimension, rule.subject, rule.severity) == ("todo-xy101", "context", "unit", "low")
    with pytest.raises(AssertionError):
        assert_documented(rule)


@pytest.mark.parametrize(("args", "message"), [
    (["F01"], "code F01 is already used"),
    (["F5"], "malformed code 'F5'"),
    (["f05"], "malformed code 'f05'"),
    (["F-05"], "malformed code 'F-05'"),
    (["F05", "--name", "Too Long"], "malformed name 'Too Long'"),
    (["X01"], "give --dimension"),
])
def test_refuses_with_exit_2_and_writes_nothing(project, capsys, args, message):
    before = _files(project)
    assert new_rule.main([*args, "--root", str(project)]) == 2
    assert message in capsys.readouterr().err
    assert _files(project) == before


def test_refuses_a_code_that_only_has_a_case_file(project, capsys):
    (project / "tests" / "rules" / "cases" / "F98.yaml").write_text("rule: F98\n", encoding="utf-8")
    assert new_rule.main(["F98", "--root", str(project)]) == 2
    assert "F98 is already used" in capsys.readouterr().err
