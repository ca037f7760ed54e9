"""Same intake and ruleset -> the same JSON, byte for byte, whatever order facts arrive in."""
from __future__ import annotations

import random
import subprocess
import sys

from diagnostics import fact_schema, run_probes
from engine.findings import compile_rules
from engine.graph import build_graph
from engine.loaders import load_intake
from engine.rule_runtime import evaluate
from tests.conftest import EXAMPLES, ROOT


def test_json_is_byte_identical_across_processes():
    cmd = [sys.executable, "-m", "cli.main", "audit", str(EXAMPLES / "everything-wrong.yaml"), "--lang", "zh"]
    first = subprocess.run(cmd, capture_output=True, cwd=ROOT, check=True, timeout=60).stdout
    second = subprocess.run(cmd, capture_output=True, cwd=ROOT, check=True, timeout=60).stdout
    assert first == second and len(first) > 1000


def test_findings_do_not_depend_on_fact_order(core):
    intake = load_intake(EXAMPLES / "everything-wrong.yaml").intake
    facts = run_probes(build_graph(intake), core.catalogue, intake.organization.audit_date)
    rules = compile_rules(core, fact_schema()).rules
    expected = {(key, facts[i]["node"]) for key, i in evaluate(rules, facts)}
    for seed in range(5):
        shuffled = facts[:]
        random.Random(seed).shuffle(shuffled)
        assert {(key, shuffled[i]["node"]) for key, i in evaluate(rules, shuffled)} == expected


def test_many_runs_reuse_one_compiled_ruleset(core):
    """durable_rules keeps at most 1,024 live states per ruleset: each run must close its own."""
    intake = load_intake(EXAMPLES / "cross-border-seller.yaml").intake
    facts = run_probes(build_graph(intake), core.catalogue, intake.organization.audit_date)
    rules = compile_rules(core, fact_schema()).rules
    first = evaluate(rules, facts)
    for _ in range(1100):
        assert evaluate(rules, facts) == first
