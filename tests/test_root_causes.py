"""Root causes (report 1.1 `root_causes`): every finding in exactly one cause, the cause's figures derived from its
findings, grouping declared with the rule (by, systemic, joins) so a new rule groups without an engine edit."""
from __future__ import annotations

import copy
import re

import pytest
import yaml

from engine.root_causes import MAX_GROUPS, SYSTEMIC_SHARE
from engine.ruleset import load_ruleset
from engine.ruleset_model import PLACEHOLDER, SEVERITIES
from tests.real_reports import INTAKES, LANGS, SYNTHETIC, SYNTHETIC_KPIS, core, report
from tests.test_cli import run

CJK = re.compile(r"[\u4e00-\u9fff]")
REAL = [(name, lang) for name in INTAKES for lang in LANGS]


def _causes_by_id(rep: dict) -> dict[str, dict]:
    return {c["id"]: c for c in rep["root_causes"]}


@pytest.mark.parametrize("name,lang", REAL)
def test_every_finding_names_exactly_one_existing_cause(name, lang):
    rep = report(name, lang)
    causes = _causes_by_id(rep)
    assert len(causes) == len(rep["root_causes"])
    for finding in rep["findings"]:
        assert finding["root_cause"] in causes, (finding["code"], finding["subject"])
    for cause_id, cause in causes.items():  # a cause's subjects are exactly its findings' subjects
        mine = [f for f in rep["findings"] if f["root_cause"] == cause_id]
        assert mine, f"{cause_id} has no finding"
        assert len(cause["subjects"]) == len(set(cause["subjects"]))
        assert set(cause["subjects"]) == {f["subject"] for f in mine}
        assert cause["count"] == len(mine)
        assert set(cause["codes"]) == {f["code"] for f in mine}
    assert sum(c["count"] for c in causes.values()) == len(rep["findings"])


@pytest.mark.parametrize("name,lang", REAL)
def test_cause_figures_are_its_findings_figures(name, lang):
    """`dimension_points`: its findings' points; `points`: the same weighted as `score.overall` weighs dimensions."""
    rep = report(name, lang)
    weights = core().scoring.dimension_weights
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    for cause in rep["root_causes"]:
        mine = [f for f in rep["findings"] if f["root_cause"] == cause["id"]]
        assert cause["dimension_points"] == round(sum(f["points"] for f in mine), 2)
        assert cause["points"] == round(sum(f["points"] * weights[f["dimension"]] for f in mine)
                                        / sum(weights.values()), 2)
        assert 0 <= cause["points"] <= 100
        assert cause["severity"] == min((f["severity"] for f in mine), key=rank.__getitem__)
        assert cause["remediation"]["phase"] in ("30d", "60d", "90d") and cause["remediation"]["steps"]
    lost = 100 - rep["score"]["overall"]
    assert sum(c["points"] for c in rep["root_causes"]) >= lost - 0.1 * (1 + len(rep["root_causes"])) \
        or rep["not_assessed"], "every point the score lost is traced to a root cause"


@pytest.mark.parametrize("name,lang", REAL)
def test_causes_are_ordered_by_points_then_severity_and_numbered(name, lang):
    causes = report(name, lang)["root_causes"]
    assert [c["id"] for c in causes] == [f"rc-{n}" for n in range(1, len(causes) + 1)]
    keys = [(-c["points"], SEVERITIES.index(c["severity"])) for c in causes]
    assert keys == sorted(keys)


@pytest.mark.parametrize("name,lang", REAL)
def test_titles_and_messages_in_both_languages_with_no_placeholder_left(name, lang):
    for cause in report(name, lang)["root_causes"]:
        for field in ("title", "message"):
            assert set(cause[field]) == set(LANGS), (cause["id"], field)
            assert all(cause[field][la].strip() for la in LANGS)
            assert CJK.search(cause[field]["zh"]), (cause["id"], field, cause[field]["zh"])
            for text in cause[field].values():
                assert not PLACEHOLDER.search(text), (cause["id"], text)
        for step in cause["remediation"]["steps"]:
            assert not PLACEHOLDER.search(step), (cause["id"], step)


def test_a_large_organisation_reads_as_a_handful_of_causes():
    rep = report(SYNTHETIC)
    assert len(rep["kpis"]) >= SYNTHETIC_KPIS - 10 and len(rep["findings"]) > 100
    assert len(rep["root_causes"]) <= 30
    actions = [item["action"] for item in rep["plan"]]
    assert len(actions) == len(set(actions))
    # a rule firing on most of its scope is one organisation-wide cause, not one per scorecard
    a01 = [c for c in rep["root_causes"] if c["codes"] == ["A01"]]
    assert len(a01) == 1 and a01[0]["group"] == {"by": "org", "subject": "org"} and a01[0]["count"] > 10


def test_a_healthy_organisation_has_no_root_cause():
    rep = report("healthy")
    assert rep["findings"] == [] and rep["root_causes"] == []


# --- grouping is data: a rule added by an override groups as its YAML says --------------------------------

KPI_NAMES = ["GMV", "US GMV", "DE GMV", "US ACoS", "DE ACoS"]  # base.yaml: owners ceo, us-ops, de-ops, us-ops, de-ops


def _named_rule(fires_on: list[str], scope: list[str], root_cause: dict) -> dict:
    """A rule firing on the KPIs named `fires_on` among those named `scope` (its population)."""
    return {
        "code": "X01", "name": "named-kpi", "dimension": "data", "subject": "kpi", "severity": "medium",
        "since": "1.0.0", "source": {"en": "Test rule", "zh": "测试规则"},
        "match": [{"fact": "kpi", "scope": {"name": {"in": scope}}, "when": {"name": {"in": fires_on}}}],
        "message": {"en": "KPI {subject_name} is named.", "zh": "指标「{subject_name}」被点名。"},
        "remediation": {"owner": "lead_role", "effort": "S", "phase": "30d",
                        "action": {"en": "Rename the named KPIs", "zh": "为被点名的指标改名"},
                        "steps": {"en": ["Rename them."], "zh": ["改名。"]}},
        "doc": {k: {"en": "Test.", "zh": "测试。"} for k in ("what", "why", "fires", "passes")},
        "root_cause": root_cause,
    }


def _override(tmp_path, *rules: dict) -> str:
    path = tmp_path / "override.yaml"
    path.write_text(yaml.safe_dump({"extends": "core@1", "name": "grouping-test", "version": "1.0.0",
                                    "rules": list(rules)}, allow_unicode=True), encoding="utf-8")
    return str(path)


def _x01_causes(audit_raw, base_intake, tmp_path, schema, rule: dict) -> list[dict]:
    rep = audit_raw(copy.deepcopy(base_intake), load_ruleset(_override(tmp_path, rule), schema))
    assert {f["subject"] for f in rep["findings"] if f["code"] == "X01"}, "the test rule must fire"
    return [c for c in rep["root_causes"] if "X01" in c["codes"]]


@pytest.mark.parametrize("by,expected", [("org", 1), ("subject", 2), ("role", 2), ("unit", 2)])
def test_by_declares_the_group(audit_raw, base_intake, tmp_path, schema, by, expected):
    # GMV (ceo, unit hq) and US GMV (us-ops, unit us): two subjects, two roles, two units, one organisation
    causes = _x01_causes(audit_raw, base_intake, tmp_path, schema,
                         _named_rule(["GMV", "US GMV"], KPI_NAMES, {"by": by}))
    assert len(causes) == expected
    assert sorted(s for c in causes for s in c["subjects"]) == ["kpi:co-gmv", "kpi:us-gmv"]
    if by == "org":
        assert causes[0]["group"] == {"by": "org", "subject": "org"} and causes[0]["count"] == 2


def test_by_role_puts_one_scorecard_in_one_cause(audit_raw, base_intake, tmp_path, schema):
    causes = _x01_causes(audit_raw, base_intake, tmp_path, schema,
                         _named_rule(["US GMV", "US ACoS"], KPI_NAMES, {"by": "role"}))
    assert len(causes) == 1 and causes[0]["group"] == {"by": "role", "subject": "role:us-ops"}
    assert causes[0]["count"] == 2 and "US operations lead" in causes[0]["title"]["en"]


def test_more_groups_than_max_groups_is_one_organisation_wide_cause(audit_raw, base_intake, tmp_path, schema):
    fires_on = KPI_NAMES[:MAX_GROUPS + 1]
    causes = _x01_causes(audit_raw, base_intake, tmp_path, schema, _named_rule(fires_on, KPI_NAMES, {"by": "subject"}))
    assert len(causes) == 1 and causes[0]["group"]["by"] == "org" and causes[0]["count"] == len(fires_on)


def test_systemic_rule_on_more_than_half_its_scope_is_one_organisation_wide_cause(audit_raw, base_intake, tmp_path,
                                                                                 schema):
    fires_on = KPI_NAMES[:MAX_GROUPS]  # few enough groups to stay split unless systemic
    scope = KPI_NAMES[:MAX_GROUPS + 1]
    assert len(fires_on) > SYSTEMIC_SHARE * len(scope)
    systemic = _x01_causes(audit_raw, base_intake, tmp_path, schema,
                           _named_rule(fires_on, scope, {"by": "subject", "systemic": True}))
    assert len(systemic) == 1 and systemic[0]["group"] == {"by": "org", "subject": "org"}
    assert "organisation-wide" in systemic[0]["title"]["en"] and "普遍存在" in systemic[0]["title"]["zh"]
    assert f"{len(fires_on)} of {len(scope)}" in systemic[0]["message"]["en"]
    not_systemic = _x01_causes(audit_raw, base_intake, tmp_path, schema,
                               _named_rule(fires_on, scope, {"by": "subject"}))
    assert len(not_systemic) == len(fires_on)


def test_systemic_near_miss_at_half_its_scope_stays_split(audit_raw, base_intake, tmp_path, schema):
    fires_on = KPI_NAMES[:MAX_GROUPS]
    scope = KPI_NAMES[:int(len(fires_on) / SYSTEMIC_SHARE)]  # exactly half of the scope fires
    assert len(fires_on) == SYSTEMIC_SHARE * len(scope)
    causes = _x01_causes(audit_raw, base_intake, tmp_path, schema,
                         _named_rule(fires_on, scope, {"by": "subject", "systemic": True}))
    assert len(causes) == len(fires_on) and all(c["count"] == 1 for c in causes)
    assert all(c["group"]["by"] == "subject" for c in causes)


def test_a_declared_message_fills_its_placeholders(audit_raw, base_intake, tmp_path, schema):
    message = {"en": "{count} of {total} {kinds}: {names}.", "zh": "{total}个{kinds}中有{count}个：{names}。"}
    causes = _x01_causes(audit_raw, base_intake, tmp_path, schema,
                         _named_rule(["GMV", "US GMV"], KPI_NAMES, {"by": "org", "message": message}))
    assert causes[0]["message"] == {"en": "2 of 5 KPIs: GMV, US GMV.", "zh": "5个指标中有2个：GMV、US GMV。"}


# --- joins: A03 on a unit explains A01 on that unit's KPIs ---------------------------------------------------

def test_a03_joins_a01_on_the_same_unit_only(audit_raw, base_intake):
    raw = copy.deepcopy(base_intake)
    for kpi in raw["kpis"]:
        if kpi["id"].startswith("de-") or kpi["id"] == "us-acos":
            kpi.pop("objectives", None)  # DE reaches no objective at all (A03 + A01); US keeps one through us-gmv
    rep = audit_raw(raw)
    a01 = {f["subject"] for f in rep["findings"] if f["code"] == "A01"}
    assert a01 == {"kpi:de-gmv", "kpi:de-acos", "kpi:de-cvr", "kpi:us-acos"}
    assert {f["subject"] for f in rep["findings"] if f["code"] == "A03"} == {"unit:de"}
    joined = [c for c in rep["root_causes"] if c["codes"] == ["A03", "A01"]]
    assert len(joined) == 1
    assert joined[0]["subjects"] == ["unit:de", "kpi:de-acos", "kpi:de-cvr", "kpi:de-gmv"]
    assert joined[0]["group"]["subject"] == "unit:de" and joined[0]["severity"] == "high"
    alone = [c for c in rep["root_causes"] if c["codes"] == ["A01"]]
    assert [c["subjects"] for c in alone] == [["kpi:us-acos"]]
    plan_causes = [i["root_causes"] for i in rep["plan"] if "A03" in i["codes"]]
    assert plan_causes == [[joined[0]["id"]]]


# --- a wrong declaration is a ruleset error: exit 2, naming the field -----------------------------------------

@pytest.mark.parametrize("root_cause,field,word", [
    ({"by": "subject", "joins": ["Z99"]}, "X01.root_cause.joins", "Z99"),
    ({"by": "subject", "joins": ["X01"]}, "X01.root_cause.joins", "X01"),
    ({"by": "org", "message": {"en": "{count} of {nobody}", "zh": "{count}个{nobody}"}},
     "X01.root_cause.message", "nobody"),
    ({"by": "team"}, "root_cause", "by"),
])
def test_a_wrong_grouping_is_a_ruleset_error(tmp_path, root_cause, field, word):
    override = _override(tmp_path, _named_rule(["GMV"], KPI_NAMES, root_cause))
    result = run("audit", "examples/healthy.yaml", "--ruleset", override)
    assert result.exit_code == 2
    assert field in result.stderr and word in result.stderr, result.stderr


@pytest.mark.parametrize("weight", [1, 7, 20, 50, 100, 150])
@pytest.mark.parametrize("n", [1, 3, 7, 33, 40, 224])
def test_whole_cent_shares_add_up_to_the_rounded_deduction(weight, n):
    """Any severity weight an override sets (low: 1 made one finding 0.02 against a deduction of 0.03)."""
    from engine.scoring import _shares
    for k in range(1, n + 1):
        total = weight * k / n
        shares = _shares(total, k)
        assert len(shares) == k and sum(shares) == round(round(total, 2) * 100) and max(shares) - min(shares) <= 1


def test_a_name_several_subjects_share_is_shown_once_with_its_count():
    """Two KPIs both called 出勤率 are two of the cause's subjects: the list shows the name once with ×2 and the
    "and N more" counts subjects, so the sentence adds up to the count it opens with. A no-break space holds ×2 to
    its name where a line wraps."""
    from engine.root_causes import NAMES_SHOWN, _names
    assert _names(["出勤率", "出勤率", "GMV"], "zh") == "出勤率\u00a0×2、GMV"
    assert _names(["出勤率", "GMV"], "en") == "出勤率, GMV"  # near miss: distinct names, no count
    many = ["出勤率", "出勤率"] + [f"K{i}" for i in range(NAMES_SHOWN + 2)]
    assert _names(many, "zh").endswith(f"等{len(many)}个")
    assert _names(many, "en").endswith(f"and {len(many) - NAMES_SHOWN - 1} more")


@pytest.mark.parametrize("name,lang", REAL)
def test_an_organisation_wide_cause_counts_only_subjects_of_its_own_kind(name, lang):
    """D06 judges KPIs and, when no dashboard exists, the organisation: "23 of 34 KPIs" had counted the
    organisation among the KPIs. The cause's total is the deductions' count for the kinds it found."""
    rep = report(name, lang)
    counted = {(d["code"], d["subject_kind"]): d["subjects"] for d in rep["score"]["deductions"]}
    checked = 0
    for cause in rep["root_causes"]:
        if cause["group"]["by"] != "org" or cause["count"] < 2 or len(cause["codes"]) > 1:
            continue
        kinds = {s.split(":", 1)[0] for s in cause["subjects"]}
        total = sum(counted[(cause["codes"][0], kind)] for kind in kinds)
        opening = (f"{cause['count']} of {total} " if lang == "en" else f"全组织{total}个")
        assert opening in cause["message"][lang], (cause["codes"], cause["message"][lang])
        checked += 1
    assert checked or name not in ("everything-wrong", SYNTHETIC)
    if name == "shenzhen-seller-zh":  # D06 fires on 3 of its 5 KPIs; counting the organisation made it 3 of 6
        (d06,) = [c for c in rep["root_causes"] if c["codes"] == ["D06"]]
        assert d06["group"]["by"] == "org" and ("3 of 5 " in d06["message"]["en"])


@pytest.mark.parametrize("name,lang", REAL)
def test_a_rules_findings_add_up_to_its_deduction(name, lang):
    """Findings' points are whole-cent shares of their deduction, so a cause holding all of a rule's findings and
    the deductions table agree (each finding rounded alone gave 14.03 against 13.94)."""
    rep = report(name, lang)
    for d in rep["score"]["deductions"]:
        found = [f for f in rep["findings"] if f["code"] == d["code"]
                 and f["subject"].split(":", 1)[0] == d["subject_kind"]]
        if found and not d["points_not_assessed"]:
            assert round(sum(f["points"] for f in found), 2) == d["points"]
