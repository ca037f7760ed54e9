"""Numbers inside finding messages read as the client wrote them (a target of 0.006 is not "0.01")."""
from __future__ import annotations

import copy

import pytest

from engine.findings import format_value


@pytest.mark.parametrize("value,text", [
    (0.006, "0.006"),       # a 0.6% click-through target: two decimals printed it as 0.01
    (0.0125, "0.0125"),
    (0.95, "0.95"),
    (-0.0042, "-0.0042"),
    (0.123456, "0.123"),    # three significant digits below 1
    (12.3456, "12.35"),     # near miss: from 1 up, two decimals as before
    (1200000.0, "1200000"),
    (3.0, "3"),
])
def test_numbers_keep_their_significant_digits(value, text):
    assert format_value(value, "en") == text == format_value(value, "zh")


def test_d05_quotes_a_small_target_exactly(audit_raw, base_intake):
    base_intake = copy.deepcopy(base_intake)  # the fixture is shared by the session
    kpi = base_intake["kpis"][0]
    kpi.update(target=0.006, core=True)
    kpi.pop("baseline", None)
    base_intake["actuals"] = []  # collected and empty: nothing to set the target against
    rep = audit_raw(base_intake)
    (d05,) = [f for f in rep["findings"] if f["code"] == "D05" and f["subject"] == f"kpi:{kpi['id']}"]
    assert "0.006" in d05["messages"]["en"] and "0.006" in d05["messages"]["zh"]


def test_i01_asks_to_pay_on_measured_kpis_not_on_behaviour_lines(audit_raw, base_intake):
    """I01's fix listed 工作态度 among the KPIs to pay on, which I02 then charges: it names measured KPIs only."""
    base_intake = copy.deepcopy(base_intake)  # the fixture is shared by the session
    base_intake["kpis"].append({"id": "us-attitude", "name": "工作态度", "owner": "us-ops", "kind": "behaviour",
                                "weight": 10})
    base_intake["incentives"] = [i for i in base_intake["incentives"] if "us-ops" not in i["roles"]]
    for lang in ("en", "zh"):
        rep = audit_raw(base_intake, lang=lang)
        (i01,) = [f for f in rep["findings"] if f["code"] == "I01" and f["subject"] == "role:us-ops"]
        steps = " ".join(i01["remediation"]["steps"])
        assert "工作态度" not in steps and "US GMV" in steps, steps
        assert "us-attitude" in i01["evidence"]["core_kpi_ids"]  # near miss: it is still one of the role's KPIs


def test_i01_on_a_scorecard_of_behaviour_lines_only_names_them(audit_raw, base_intake):
    """Near miss: with no measured KPI, the KPIs to pay on are the behaviour lines, not an empty "—"."""
    base_intake = copy.deepcopy(base_intake)
    base_intake["roles"].append({"id": "cs", "name": "客服", "unit": "us", "responsibilities": "回复买家消息"})
    base_intake["kpis"].append({"id": "cs-attitude", "name": "服务态度", "owner": "cs", "kind": "behaviour",
                                "weight": 100})
    rep = audit_raw(base_intake, lang="zh")
    (i01,) = [f for f in rep["findings"] if f["code"] == "I01" and f["subject"] == "role:cs"]
    assert "服务态度" in " ".join(i01["remediation"]["steps"]) and "（—）" not in " ".join(i01["remediation"]["steps"])
