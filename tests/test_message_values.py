"""Numbers inside finding messages read as the client wrote them (a target of 0.006 is not "0.01")."""
from __future__ import annotations

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
    kpi = base_intake["kpis"][0]
    kpi.update(target=0.006, core=True)
    kpi.pop("baseline", None)
    base_intake["actuals"] = []  # collected and empty: nothing to set the target against
    rep = audit_raw(base_intake)
    (d05,) = [f for f in rep["findings"] if f["code"] == "D05" and f["subject"] == f"kpi:{kpi['id']}"]
    assert "0.006" in d05["messages"]["en"] and "0.006" in d05["messages"]["zh"]
