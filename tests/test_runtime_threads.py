"""Audits in a shared process: every run gets exactly its own findings, whatever else runs at the
same time, and the audit command leaves the process as it found it.

durable_rules' actions are shared by all runs of a compiled ruleset; they must
route each match to the run whose state fired it (engine.rule_runtime).
"""
from __future__ import annotations

import gc
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from engine.audit import run_audit
from engine.loaders import load_intake
from engine.rule_runtime import CompiledRule, evaluate
from engine.ruleset import load_ruleset
from reports.render import render_json
from tests.conftest import EXAMPLES, write_yaml

THREADS = 8
AUDITS_PER_THREAD = 40
INTAKES = ("cross-border-seller", "everything-wrong", "bare", "healthy", "shenzhen-seller-zh")


def _variants(tmp_path) -> list[tuple[str, dict]]:
    """The bundled intakes, and copies with their first 1-3 KPIs made non-core (other findings)."""
    variants = []
    for name in INTAKES:
        raw = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
        variants.append((name, raw))
        for demoted in (1, 2, 3):
            copy = yaml.safe_load(yaml.safe_dump(raw, allow_unicode=True))
            for kpi in copy["kpis"][:demoted]:
                kpi["core"] = False
            copy["organization"]["name"] += f" (variant {demoted})"
            variants.append((f"{name}-{demoted}", copy))
    return [(label, load_intake(write_yaml(tmp_path / f"{label}.yaml", raw)).intake) for label, raw in variants]


@pytest.fixture(scope="module")
def jobs(tmp_path_factory, core, schema) -> list[tuple]:
    """(intake, ruleset, lang, expected JSON) per distinct audit, computed one at a time."""
    agency = load_ruleset(str(EXAMPLES / "agency-override.yaml"), schema)
    out = []
    for n, (_label, intake) in enumerate(_variants(tmp_path_factory.mktemp("intakes"))):
        ruleset, lang = (core, "en") if n % 3 else (agency, "zh")
        out.append((intake, ruleset, lang, render_json(run_audit(intake, ruleset, lang))))
    return out


def test_the_audits_differ_so_cross_talk_would_show(jobs):
    findings = {tuple((f["code"], f["subject"]) for f in json.loads(j[3])["findings"]) for j in jobs}
    assert len({j[3] for j in jobs}) == len(jobs)
    assert len(findings) >= len(jobs) // 2


def test_concurrent_audits_each_get_their_own_report(jobs):
    tasks = [jobs[i % len(jobs)] for i in range(THREADS * AUDITS_PER_THREAD)]

    def audit(job: tuple) -> bool:
        intake, ruleset, lang, expected = job
        return render_json(run_audit(intake, ruleset, lang)) == expected

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(audit, tasks))
    assert results.count(False) == 0


def _facts(owner: int, runs: int, size: int) -> list[dict]:
    """`size` facts of which only those at indices ≡ owner (mod runs) satisfy the rule."""
    return [{"kind": "probe", "v": int(i % runs == owner)} for i in range(size)]


def test_actions_of_one_run_never_land_in_another():
    rules = [CompiledRule("hit#0", "probe", {"v": 1}, ("v",))]
    runs, size = THREADS, 2500  # several durable states per run, several action batches per state
    expected = [[("hit#0", i) for i in range(owner, size, runs)] for owner in range(runs)]
    start = threading.Barrier(runs)

    def evaluate_many(owner: int) -> list[list[tuple[str, int]]]:
        facts = _facts(owner, runs, size)
        start.wait()
        return [evaluate(rules, facts) for _ in range(10)]

    with ThreadPoolExecutor(runs) as pool:
        results = list(pool.map(evaluate_many, range(runs)))
    for owner, got in enumerate(results):
        assert all(matches == expected[owner] for matches in got), f"run {owner} got another run's matches"


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("intake, status", [("cross-border-seller.yaml", 0), ("no-such-intake.yaml", 2)])
def test_audit_command_restores_the_garbage_collector(enabled, intake, status):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        result = CliRunner().invoke(cli, ["audit", str(EXAMPLES / intake)])
        assert (result.exit_code, gc.isenabled()) == (status, enabled)
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("intake, failed", [("cross-border-seller.yaml", False), ("no-such-intake.yaml", True)])
def test_a_batch_worker_restores_the_garbage_collector(enabled, intake, failed):
    """A worker may be the caller's own process (a local pool of one, a test): it leaves the collector as found."""
    from portfolio.worker import Task, audit_task
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        path = str(EXAMPLES / intake)
        outcome = audit_task(Task("client", path, path, "core", "en", ("json",)))
        assert (outcome.error is not None, gc.isenabled()) == (failed, enabled)
    finally:
        (gc.enable if was else gc.disable)()
