"""Remediation owners by authority (rules-v1 1.1): a role, never the org; never a non-leadership role told to fix
its own scorecard."""
from __future__ import annotations

import copy

import pytest
import yaml

from tests.conftest import EXAMPLES


def _owners(report: dict) -> list[tuple[str, str]]:
    return [(f["subject"], f["remediation"]["owner"]) for f in report["findings"]]


def test_an_organisation_without_leadership_roles_still_gets_a_role_as_owner(audit_raw, base_intake):
    raw = copy.deepcopy(base_intake)
    for role in raw["roles"]:
        role["leadership"] = False
    raw["organization"].pop("champion", None)
    owners = _owners(audit_raw(raw))
    assert owners and all(owner.startswith("role:") for _, owner in owners), owners


@pytest.mark.parametrize("example", ["everything-wrong.yaml", "cross-border-seller.yaml", "shenzhen-seller-zh.yaml",
                                     "amazon-ops-scorecard-zh.yaml"])
def test_no_non_leadership_role_is_told_to_fix_its_own_scorecard(audit_raw, example):
    raw = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    leaders = {f"role:{r['id']}" for r in raw["roles"] if r.get("leadership")}
    owner_of = {f"kpi:{k['id']}": f"role:{k['owner']}" for k in raw["kpis"] if k.get("owner")}
    for subject, owner in _owners(audit_raw(raw)):
        own = subject if subject.startswith("role:") else owner_of.get(subject)
        assert owner != own or owner in leaders, (subject, owner)
