"""Golden reports (ruff-style snapshots): the sample reports must match byte for byte; an update is a reviewed diff."""
from __future__ import annotations

import pytest

from tests.golden.cases import GOLDEN, render_case
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_report_matches_golden(name):
    expected = (ROOT / "tests" / "golden" / name).read_text(encoding="utf-8")
    assert render_case(*GOLDEN[name]) == expected, "reviewed change? regenerate: python tests/golden/update.py"
