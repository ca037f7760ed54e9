"""The YAML/JSON loader: every problem located in one pass, hostile files refused fast."""
from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import IntakeError, Problem
from engine.loaders import load_intake, text_forms
from tests.conftest import EXAMPLES, ROOT, RULE_TESTS


def _problems(path) -> list[str]:
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    return [str(p) for p in info.value.problems]


def test_examples_load_without_problems():
    for path in EXAMPLES.glob("*.yaml"):
        if "override" in path.name:
            continue
        loaded = load_intake(path)
        assert loaded.intake.kpis, path


def test_every_problem_is_listed_with_its_location(tmp_path):
    text = (RULE_TESTS / "base.yaml").read_text(encoding="utf-8")
    text = (text.replace("owner: us-ops, kind: result, weight: 50", "owner: ghost-role, kind: resalt, weight: fifty")
                .replace("held_on: [2026-09-15]", "held_on: [2026-13-40]")
                .replace("{id: de, name: DE Amazon site", "{id: us, name: DE Amazon site")
                .replace("{id: o-us, name: Grow the US store profitably, unit: us, parent: o-profit}",
                         "{id: o-us, name: Grow the US store profitably, unit: us, parent: o-de}")
                .replace("{id: o-profit, name: Profitable growth, unit: hq}",
                         "{id: o-profit, name: Profitable growth, unit: hq, parent: o-us}"))
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    problems = _problems(path)
    expected = [
        "kpis[3].kind: 'resalt'", "kpis[3].weight: 'fifty' is not a number", "kpis[3].owner: unknown role 'ghost-role'",
        "reviews[1].held_on: '2026-13-40' is not a valid date", "units[2].id: duplicate id 'us' in units",
        "objectives[0].parent: the objective tree has a cycle",
    ]
    for fragment in expected:
        assert any(p.startswith(fragment) or fragment in p for p in problems), (fragment, problems)
    assert any("unknown unit 'de'" in p for p in problems)


def test_unit_tree_needs_exactly_one_root(tmp_path):
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["units"][1].pop("parent")
    path = tmp_path / "roots.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert any("exactly one root" in p and "hq, us" in p for p in _problems(path))


def test_missing_required_sections(tmp_path):
    path = tmp_path / "empty-ish.yaml"
    path.write_text("organization: {id: x, name: X}\n", encoding="utf-8")
    problems = _problems(path)
    assert {"units", "roles", "kpis"} <= {p.split(":")[0] for p in problems}


def test_json_form_loads_the_same_intake(tmp_path):
    raw = yaml.safe_load((EXAMPLES / "healthy.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "healthy.json"
    path.write_text(json.dumps(raw, default=str, ensure_ascii=False), encoding="utf-8")
    assert load_intake(path).intake == load_intake(EXAMPLES / "healthy.yaml").intake


def test_gbk_encoded_yaml_is_read(tmp_path):
    text = (EXAMPLES / "shenzhen-seller-zh.yaml").read_text(encoding="utf-8")
    path = tmp_path / "gbk.yaml"
    path.write_bytes(text.encode("gb18030"))
    assert load_intake(path).intake.organization.name == "深圳启航电商"


def test_enum_spellings_are_forgiven():
    from engine.model import Kpi, Metric, Review
    assert Metric(id="m", name="x", source="Ads Console").source == "ads-console"
    assert Review(id="r", name="x", kind="KPI system", cadence="fortnightly").kind == "kpi-system"
    assert Kpi(id="k", name="x", frequency="Month", kind="结果").frequency == "monthly"


def test_text_a_person_reads_keeps_the_clients_characters():
    """Names and formulas are quoted in the report as the client wrote them (full-width brackets, full-width
    letters); ids, currencies and enum words are still folded so `ＵＳＤ` and `ｋｐｉ－１` match their ASCII forms."""
    from engine.model import Kpi, Metric
    metric = Metric(id="ｍ－ｇｍｖ", name=" 销售额（财务口径） ", formula="订单金额（含运费）", source="erp", currency="ＵＳＤ")
    assert (metric.id, metric.name, metric.formula, metric.currency) == ("m-gmv", "销售额（财务口径）", "订单金额（含运费）", "USD")
    assert Kpi(id="k", name="平均响应时间（小时）").name == "平均响应时间（小时）"


def test_yaml_booleans_are_only_true_and_false():
    """`market: NO` is Norway, not False; `leadership: yes` is still read as a boolean by the model."""
    intake = load_intake(ROOT / "tests" / "fixtures" / "norway.yaml").intake
    assert intake.units[1].market == "NO" and intake.units[1].id == "no" and intake.roles[0].leadership is True


def test_unknown_fields_are_warnings_not_errors(tmp_path):
    path = tmp_path / "extra.yaml"
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["kpis"][0]["notes"] = "client comment"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert load_intake(path).warnings == ["kpis[0].notes: unknown field ignored"]


def _refused(path, *fragments: str) -> None:
    """Refused with a problem that says one of `fragments` (how long it takes is measured in benchmarks/)."""
    problems = _problems(path)
    assert any(fragment in p for p in problems for fragment in fragments), problems


def test_alias_bomb_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(path, "values by line")


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    _refused(path, "nesting deeper", "exceeded maximum nesting depth")   # libyaml's own limit, PyYAML 6.0.4
    json_path = tmp_path / "deep.json"
    json_path.write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    _refused(json_path, "nesting deeper")


def test_binary_and_oversized_files_are_refused(tmp_path, monkeypatch):
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"\x00\x01PK\x03\x04" * 10)
    _refused(binary, "binary file")
    monkeypatch.setattr(text_forms, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000, encoding="utf-8")
    _refused(big, "the limit is")


def test_yaml_syntax_error_names_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("organization:\n  id: [unclosed\n", encoding="utf-8")
    assert any("line" in p and "invalid YAML" in p for p in _problems(path))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_an_intake_or_a_clean_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_intake(path)
    except IntakeError as exc:
        assert exc.problems


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "name", "owner", "kind", "weight", "core", "target", "drives"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=8), st.booleans(),
                                 st.lists(st.text(max_size=4), max_size=3)), max_size=8))
def test_any_kpi_record_is_accepted_or_located(tmp_path_factory, record):
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["kpis"].append(record)
    path = tmp_path_factory.mktemp("kpi") / "kpi.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    try:
        load_intake(path)
    except IntakeError as exc:
        assert all(str(p).startswith(("kpis[9]", "kpis[")) for p in exc.problems), exc.problems


@pytest.mark.parametrize(("text", "day"), [("2026-03-01", "2026-03-01"), ("2026/3/1", "2026-03-01"),
                                           ("2026.3.1", "2026-03-01"), ("2026年3月1日", "2026-03-01"),
                                           ("26/3/1", None), ("3/1/2026", None), ("2026/13/1", None), ("2026/3", None)])
def test_year_first_dates_in_the_spellings_chinese_excel_shows(text, day):
    """A Chinese-locale Excel shows dates as 2026/3/1 and people type 2026年3月1日; year first, they cannot be
    misread. Two-digit years and day-or-month-first dates stay errors: 3/1/2026 is March or January."""
    from engine.cells import parse_date
    if day is None:
        with pytest.raises(ValueError):
            parse_date(text)
    else:
        assert parse_date(text).isoformat() == day


def test_a_list_of_dates_may_be_separated_by_the_chinese_enumeration_comma():
    from engine.model import Review
    review = Review(id="r", name="月会", kind="performance", cadence="monthly", held_on="2026/8/5、2026/9/2")
    assert [d.isoformat() for d in review.held_on] == ["2026-08-05", "2026-09-02"]


@pytest.mark.parametrize(("scale", "warned"), [(0.01, True), (1, False)])
def test_weights_written_as_fractions_are_told_at_validate(tmp_path, scale, warned):
    """0.5, 0.3, 0.2 for one role sum to 1: the consultant is told before F03 reports "a total of 1"; the same
    weights as percentages (50, 30, 20) are not."""
    raw = yaml.safe_load((EXAMPLES / "healthy.yaml").read_text(encoding="utf-8"))
    for kpi in raw["kpis"]:
        if kpi.get("owner") == "ceo" and kpi.get("weight") is not None:
            kpi["weight"] = kpi["weight"] * scale
    path = tmp_path / "fractions.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    warnings = [str(w) for w in load_intake(path).warnings]
    assert any("weights of role 'ceo' sum to 1.0" in w for w in warnings) == warned
    assert all(w.startswith("kpis[") for w in warnings if "sum to" in w)  # at the role's first weighted KPI


def _with_owner(tmp_path, owner: str, edit=lambda raw: None) -> IntakeError:
    """The error of the base intake with KPI 3 owned by `owner`, after `edit` of the raw intake."""
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["kpis"][3]["owner"] = owner
    edit(raw)
    path = tmp_path / "owner.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    return info.value


def _owner_problem(error: IntakeError) -> Problem:
    (owner,) = [p for p in error.problems if p.location == "kpis[3].owner"]
    return owner


@pytest.mark.parametrize(("owner", "en", "zh"), [
    ("US operations lead", "unknown role 'US operations lead': that is the name of role 'us-ops'; write its id",
     "岗位「US operations lead」不存在：这是岗位「us-ops」的名称，请填写它的编号"),
    ("us operations  LEAD", "that is the name of role 'us-ops'", "这是岗位「us-ops」的名称"),
    ("王芳", "unknown role '王芳': 王芳 is a person in role 'us-ops'; write the role's id",
     "岗位「王芳」不存在：王芳 是岗位「us-ops」的人员，请填写岗位编号「us-ops」"),
    ("US operations", "unknown role 'US operations'", "岗位「US operations」不存在"),   # the near miss: no one's name
])
def test_a_reference_written_as_a_name_is_told_the_id_to_write(tmp_path, owner, en, zh):
    """Consultants fill the owner column with the role's name (or the person's): the error names the id that
    record has, instead of only calling the value a malformed id. A value that is nobody's name stays a plain
    unknown reference."""
    problem = _owner_problem(_with_owner(tmp_path, owner))
    assert en in problem.text("en") and zh in problem.text("zh")
    assert (" is " in problem.text("en")) == (owner != "US operations")


def test_a_name_in_traditional_characters_finds_the_simplified_role(tmp_path):
    """Names are compared as the catalogue compares them: 美國運營主管 (Traditional) is the role 美国运营主管."""
    def chinese(raw):
        next(r for r in raw["roles"] if r["id"] == "us-ops")["name"] = "美国运营主管"
    problem = _owner_problem(_with_owner(tmp_path, "美國運營主管", chinese))
    assert "这是岗位「us-ops」的名称" in problem.text("zh")


def test_a_name_two_roles_share_names_no_id(tmp_path):
    """Two roles called the same: the error cannot pick one, so it names none."""
    def twin(raw):
        next(r for r in raw["roles"] if r["id"] == "de-ops")["name"] = "US operations lead"
    problem = _owner_problem(_with_owner(tmp_path, "US operations lead", twin))
    assert problem.text("en") == "kpis[3].owner: unknown role 'US operations lead'"


def test_a_reference_with_control_characters_is_shown_escaped(tmp_path):
    """Any text may be written as a reference now; an escape sequence or a line break in it is shown escaped."""
    problem = _owner_problem(_with_owner(tmp_path, "\x1b[31mred\nline"))
    assert problem.text("en") == "kpis[3].owner: unknown role '\\x1b[31mred\\nline'"


def test_a_person_whose_own_role_is_unknown_gives_no_hint(tmp_path):
    """The hint only names a role that exists: a person whose role is itself unknown (the near miss of the
    person hint) leaves the owner a plain unknown reference, and the person's bad role is told on its own line."""
    def bogus(raw):
        next(p for p in raw["people"] if p["name"] == "王芳")["role"] = "bogus\x1b]0;x\x07"
    error = _with_owner(tmp_path, "王芳", bogus)
    assert _owner_problem(error).text("en") == "kpis[3].owner: unknown role '王芳'"
    assert not any("\x1b" in str(p) for p in error.problems)


@pytest.mark.parametrize(("champion", "hint"), [("林青", "that is the name of person 'p-lin'"), ("Lin Qing", None),
                                                ("外部讲师 张三", None), ("anna müller", None)])
def test_a_champion_written_as_a_listed_persons_name_is_told_the_id(tmp_path, champion, hint):
    """A champion outside `people` is no input error (rule O01 reports it), so a free-text champion loads; but a
    listed person's name is a slip the consultant can fix, and auditing it would report a missing champion the
    client has. The near misses, nobody's name or a name only alike in case (perhaps another person, as 於明 and
    于明 may be), load and keep the text for O01."""
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["organization"]["champion"] = champion
    path = tmp_path / "champion.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    if hint is None:
        assert load_intake(path).intake.organization.champion == champion
        return
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    (problem,) = info.value.problems
    assert problem.location == "organization.champion"
    assert hint in problem.text("en") and "这是人员「p-lin」的名称" in problem.text("zh")


def test_a_champion_written_as_a_name_is_listed_with_the_organizations_other_problems(tmp_path):
    """One message lists every problem: a bad stage does not hide the champion's (nor the next run show it)."""
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["organization"] |= {"champion": "林青", "stage": "weird"}
    path = tmp_path / "two.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    assert sorted(p.location for p in info.value.problems) == ["organization.champion", "organization.stage"]
