"""Each unit's own score (report `units`, the org tree): every unit listed once under its parent, scored from the
findings in its subtree, so a unit with problems scores below 100 and a subtree without any scores 100."""
from __future__ import annotations

import pytest

from diagnostics import run_probes
from engine.audit import audit_date_of
from engine.graph import build_graph
from tests.real_reports import INTAKES, core, intake, report


def _unit_of(name: str) -> dict[str, str]:
    """Subject node -> the unit the probes place it in (the organisation itself is in none)."""
    facts = run_probes(build_graph(intake(name)), core().catalogue, audit_date_of(intake(name)))
    return {f["node"]: f["unit"] for f in facts if f["kind"] != "org"}


def _subtree(units: list[dict], top: str) -> set[str]:
    below = {top}
    grew = True
    while grew:
        more = {u["id"] for u in units if u["parent"] in below} - below
        below |= more
        grew = bool(more)
    return below


@pytest.mark.parametrize("name", INTAKES)
def test_every_unit_listed_once_with_its_parent(name):
    units = report(name)["units"]
    given = intake(name).units
    assert [(u["id"], u["name"], u["parent"], u["kind"]) for u in units] == \
           [(u.id, u.name, u.parent, u.kind) for u in given]
    roots = [u for u in units if u["parent"] is None]
    assert roots, "the root unit is listed"
    assert all(u["score"] is None or 0 <= u["score"] <= 100 for u in units)


@pytest.mark.parametrize("name", INTAKES)
def test_a_unit_scores_below_100_exactly_when_its_subtree_has_findings(name):
    rep = report(name)
    unit_of = _unit_of(name)
    found_in = {unit_of[f["subject"]] for f in rep["findings"] if f["subject"] in unit_of}
    for unit in rep["units"]:
        if unit["score"] is None:
            continue
        if _subtree(rep["units"], unit["id"]) & found_in:
            assert unit["score"] < 100, unit
        else:
            assert unit["score"] == 100, unit


def test_units_are_scored_where_there_is_something_to_judge():
    rep = report("everything-wrong")
    scores = {u["id"]: u["score"] for u in rep["units"]}
    root = next(u["id"] for u in rep["units"] if u["parent"] is None)
    assert scores[root] is not None and scores[root] < 100
    assert any(s is not None and s < 100 for unit, s in scores.items() if unit != root)
    assert all(u["score"] == 100 for u in report("healthy")["units"])
