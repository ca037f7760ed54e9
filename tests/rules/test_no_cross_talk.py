"""Pitfalls combined give exactly the union of their findings: no rule fires on another's pattern.

The pool is firing cases that, alone, fire only their own rule and whose patches touch disjoint parts of the
base intake. D05 cannot be in it: a core KPI without actuals in an intake that has some is also stale (D04).
"""
from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.audit import run_audit
from engine.loaders import load_intake
from tests.conftest import RULE_TESTS, write_yaml
from tests.rules.patching import apply_patch

POOL = ["F01/fires_on_six_core_kpis", "R03/fires_on_unlinked_process_kpi", "R04/fires_at_31_percent",
        "A02/fires_on_objective_nobody_measures", "A03/fires_when_unit_objective_is_cut_from_hq",
        "I02/fires_when_most_pay_is_on_activity", "C02/fires_on_monthly_review_over_two_months_ago",
        "C03/fires_when_system_not_revisited", "C04/fires_on_review_with_zero_actions",
        "D01/fires_on_two_gmv_definitions_by_synonym", "D07/fires_on_core_kpi_without_target",
        "O01/fires_without_champion", "O02/fires_on_kpi_without_owner", "O03/fires_when_only_leaders_were_consulted",
        "O05/fires_on_measured_role_without_responsibilities", "L01/fires_on_domestic_metric_in_us_team",
        "L02/fires_on_same_gmv_target_in_us_and_de", "L03/fires_on_agency_without_kpis"]


def _case(ref: str) -> dict:
    code, name = ref.split("/")
    spec = yaml.safe_load((RULE_TESTS / "cases" / f"{code}.yaml").read_text(encoding="utf-8"))
    return {"code": code, **spec["cases"][name]}


def _combined(refs, base, core, tmp_path) -> tuple[set, set]:
    raw, expected = base, set()
    for ref in refs:
        case = _case(ref)
        raw = apply_patch(raw, case["patch"])
        expected |= {(case["code"], s) for s in case["expect"]}
    report = run_audit(load_intake(write_yaml(tmp_path / "combined.yaml", raw)).intake, core)
    return {(f["code"], f["subject"]) for f in report["findings"]}, expected


def test_all_pooled_pitfalls_at_once(base_intake, core, tmp_path):
    found, expected = _combined(POOL, base_intake, core, tmp_path)
    assert found == expected


@pytest.fixture(scope="module")
def module_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cross")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(refs=st.lists(st.sampled_from(POOL), unique=True, min_size=2, max_size=8))
def test_any_combination_is_the_union(base_intake, core, module_dir, refs):
    found, expected = _combined(sorted(refs, key=POOL.index), base_intake, core, module_dir)
    assert found == expected
