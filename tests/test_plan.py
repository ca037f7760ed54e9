"""The remediation plan (report `plan`): collecting first, then one action per root cause, never the same action
twice, ordered by phase and then by the score points an action recovers per unit of effort."""
from __future__ import annotations

import pytest
import yaml

from engine.plan import COLLECT_ACTION, EFFORT_UNITS, PHASES
from engine.ruleset import OWNER_NEED
from tests.conftest import EXAMPLES
from tests.real_reports import INTAKES, LANGS, report

REAL = [(name, lang) for name in INTAKES for lang in LANGS]


def _actions(rep: dict) -> list[dict]:
    """The plan without its opening collect action."""
    return [item for item in rep["plan"] if item["root_causes"]]


@pytest.mark.parametrize("name,lang", REAL)
def test_no_plan_repeats_an_action(name, lang):
    actions = [item["action"] for item in report(name, lang)["plan"]]
    assert len(actions) == len(set(actions)), sorted(a for a in actions if actions.count(a) > 1)


@pytest.mark.parametrize("name,lang", REAL)
def test_every_root_cause_is_acted_on_exactly_once(name, lang):
    rep = report(name, lang)
    acted = [cause_id for item in _actions(rep) for cause_id in item["root_causes"]]
    assert sorted(acted) == sorted(c["id"] for c in rep["root_causes"])
    causes = {c["id"]: c for c in rep["root_causes"]}
    for item in _actions(rep):
        mine = [causes[i] for i in item["root_causes"]]
        assert set(item["codes"]) == {code for c in mine for code in c["codes"]}
        assert set(item["subjects"]) == {s for c in mine for s in c["subjects"]}
        assert item["recovers"] == pytest.approx(sum(c["points"] for c in mine), abs=0.01 * len(mine))
        assert item["phase"] == min((c["remediation"]["phase"] for c in mine), key=PHASES.index)


@pytest.mark.parametrize("name,lang", REAL)
def test_actions_are_ordered_by_phase_then_points_recovered_per_effort(name, lang):
    actions = _actions(report(name, lang))
    keys = [(PHASES.index(i["phase"]), -i["recovers"] / EFFORT_UNITS[i["effort"]]) for i in actions]
    assert keys == sorted(keys)


@pytest.mark.parametrize("name,lang", REAL)
def test_collecting_comes_first_when_something_was_not_assessed(name, lang):
    rep = report(name, lang)
    wanted = [item for item in rep["to_collect"] if item["needs"] != OWNER_NEED]
    collect = [item for item in rep["plan"] if not item["root_causes"]]
    if not wanted:
        assert collect == []
        return
    assert collect == rep["plan"][:1] and collect[0]["phase"] == PHASES[0]
    prefix = COLLECT_ACTION[lang].split("{items}")[0]
    assert collect[0]["action"].startswith(prefix)
    for item in wanted:
        assert item["item"][lang] in collect[0]["action"]
    assert set(collect[0]["codes"]) == {code for item in wanted for code in item["codes"]}


def test_bare_intake_plan_opens_with_collecting():
    """bare.yaml leaves most sections out: the first thing to do is to collect them."""
    rep = report("bare")
    assert rep["not_assessed"] and rep["plan"][0]["root_causes"] == []
    assert rep["plan"][0]["action"].startswith("Collect what the audit could not assess")
    assert len(rep["plan"]) == 1 + len(rep["root_causes"])


def test_healthy_organisation_has_an_empty_plan():
    for lang in LANGS:
        rep = report("healthy", lang)
        assert rep["root_causes"] == [] and rep["plan"] == []


def test_an_action_repeated_for_several_groups_names_its_group():
    """R01 groups by scorecard: two scorecards with activity metrics scored as results give two actions, each
    naming the role it is about, not the same sentence twice."""
    rep = report("everything-wrong")
    r01 = [c for c in rep["root_causes"] if c["codes"] == ["R01"]]
    assert len(r01) == 2
    items = [i for i in rep["plan"] if i["codes"] == ["R01"]]
    assert len(items) == 2 and items[0]["action"] != items[1]["action"]
    names = {r["id"]: r["name"] for r in rep["roles"]}
    for item in items:
        (cause,) = [c for c in r01 if c["id"] in item["root_causes"]]
        assert names[cause["group"]["subject"].split(":", 1)[1]] in item["action"]


@pytest.mark.parametrize("name,lang", REAL)
def test_no_action_shows_an_id(name, lang):
    """Ids appear only in the appendix: an action scoped to a group names it as the client wrote it."""
    rep = report(name, lang)
    ids = {s for cause in rep["root_causes"] for s in (cause["group"]["subject"], *cause["subjects"]) if ":" in s}
    for item in rep["plan"]:
        assert not any(subject in item["action"] for subject in ids), item["action"]


def test_two_lapsed_reviews_are_named_in_their_actions(audit_raw):
    """C02 groups by review: two lapsed reviews among five give two actions, each naming its review."""
    raw = yaml.safe_load((EXAMPLES / "cross-border-seller.yaml").read_text(encoding="utf-8"))
    base = {"kind": "performance", "cadence": "weekly", "attendees": ["ceo"], "actions": 3}
    raw["reviews"] += [{**base, "id": "rv-a", "name": "亚马逊周会", "held_on": ["2026-01-05"]},
                       {**base, "id": "rv-b", "name": "Temu weekly", "held_on": ["2026-02-02"]},
                       {**base, "id": "rv-c", "name": "TikTok weekly", "held_on": ["2026-10-27"]}]
    for lang in LANGS:
        rep = audit_raw(raw, lang=lang)
        actions = [i["action"] for i in rep["plan"] if i["codes"] == ["C02"]]
        assert len(actions) == 2, actions
        assert any("亚马逊周会" in a for a in actions) and any("Temu weekly" in a for a in actions)
        assert not any("review:" in a or "TikTok weekly" in a for a in actions)


def test_two_lapsed_reviews_of_the_same_name_stay_two_actions(audit_raw):
    """Near miss of the above: named alike (two 周会), two reviews are still two causes and two actions."""
    raw = yaml.safe_load((EXAMPLES / "cross-border-seller.yaml").read_text(encoding="utf-8"))
    base = {"kind": "performance", "cadence": "weekly", "attendees": ["ceo"], "actions": 3, "name": "周会"}
    raw["reviews"] += [{**base, "id": "rv-a", "held_on": ["2026-01-05"]}, {**base, "id": "rv-b", "held_on": ["2026-02-02"]},
                       {**base, "id": "rv-c", "held_on": ["2026-10-27"]}]
    rep = audit_raw(raw, lang="zh")
    items = [i for i in rep["plan"] if i["codes"] == ["C02"]]
    assert len(items) == 2 and all(len(i["root_causes"]) == 1 for i in items)
