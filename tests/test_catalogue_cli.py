"""`kpi-audit catalogue match` and `kpi-audit catalogue list`: readings a consultant can check, exit codes, no
traceback."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.test_recognition import write_ruleset_11


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def ruleset_11(tmp_path_factory) -> str:
    return str(write_ruleset_11(tmp_path_factory.mktemp("catalogue-cli")))


def test_match_prints_a_table_of_readings(ruleset_11):
    result = run("catalogue", "match", "美国站GMV", "直通车点击率", "销售额完成率", "工作态度", "Turnover",
                 "--ruleset", ruleset_11)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "catalogue-check 1.1.0" and lines[1].split()[:3] == ["name", "metric", "metric"]
    rows = {line.split()[0]: line for line in lines[2:7]}
    assert "gmv" in rows["美国站GMV"] and "scope words" in rows["美国站GMV"]
    assert "ctr" in rows["直通车点击率"] and "直通车" in rows["直通车点击率"].split()[6:]
    assert " yes " in rows["销售额完成率"]
    assert "conduct, attitude" in rows["工作态度"]
    assert "ambiguous" in rows["Turnover"]
    assert "catalogue.synonyms" in result.stdout           # the hint for what was not recognised


def test_match_speaks_chinese(ruleset_11):
    result = run("catalogue", "match", "美国站GMV", "--ruleset", ruleset_11, "--lang", "zh")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].split()[:3] == ["名称", "指标", "指标名称"]
    assert "销售额" in result.stdout and "结果" in result.stdout and "范围限定词" in result.stdout
    assert "未识别" not in result.stdout


@pytest.mark.parametrize(("lang", "said"), [("en", "yes/no check"), ("zh", "是/否核对项")])
def test_a_name_put_as_a_question_is_told_a_synonym_will_not_help(ruleset_11, lang, said):
    """An override synonym cannot make `GMV?` a figure, so the hint for it says how the name is read instead."""
    result = run("catalogue", "match", "GMV?", "--ruleset", ruleset_11, "--lang", lang)
    assert result.exit_code == 0 and said in result.stdout and "catalogue.synonyms" not in result.stdout
    plain = run("catalogue", "match", "GMV?", "xyz", "--ruleset", ruleset_11)
    assert "catalogue.synonyms" in plain.stdout and "yes/no check" in plain.stdout


def test_match_json_carries_the_reading_and_its_words(ruleset_11):
    result = run("catalogue", "match", "Amazon US GMV 完成率", "Hosting cost / Revenue", "--ruleset", ruleset_11,
                 "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["ruleset"]["name"] == "catalogue-check" and len(payload["ruleset"]["sha256"]) == 64
    first, second = payload["readings"]
    assert first["metric"]["id"] == "gmv" and first["attainment"] is True and first["why"] == "synonym+qualifiers"
    assert first["why_text"]["zh"] and ["platform", "amazon"] in first["detail"]["qualifiers"]
    assert second["metric"] is None and second["why"] == "ratio"
    assert second["detail"]["leftover"] == ["hosting", "cost"] and second["detail"]["candidates"] == ["gmv"]


def test_match_on_a_1_0_catalogue_reads_as_1_0():
    result = run("catalogue", "match", "Hosting cost / Revenue", "--ruleset", "core@1.0.0", "--format", "json")
    assert result.exit_code == 0
    reading = json.loads(result.stdout)["readings"][0]
    assert reading["metric"]["id"] == "gmv" and reading["why"] == "substring"


def test_list_shows_every_metric_or_one_group(ruleset_11):
    everything = run("catalogue", "list", "--ruleset", ruleset_11)
    assert everything.exit_code == 0
    assert everything.stdout.startswith("catalogue-check 1.1.0 (") and "employee-turnover" in everything.stdout
    vendor = run("catalogue", "list", "--ruleset", ruleset_11, "--group", "vendor", "--lang", "zh")
    assert vendor.exit_code == 0 and "net-ppm" in vendor.stdout and "gmv " not in vendor.stdout
    assert "亚马逊供应商" in vendor.stdout


def test_list_json_has_the_whole_records(ruleset_11):
    result = run("catalogue", "list", "--ruleset", ruleset_11, "--format", "json", "--group", "advertising")
    payload = json.loads(result.stdout)
    acos = next(m for m in payload["metrics"] if m["id"] == "acos")
    assert acos["kind"] == "result" and "广告花费占比" in acos["ambiguous"] and payload["groups"]["advertising"]
    assert {m["group"] for m in payload["metrics"]} == {"advertising"}


@pytest.mark.parametrize("args", [
    ("catalogue", "match"),                                             # no name
    ("catalogue", "match", "GMV", "--format", "xml"),
    ("catalogue", "match", "GMV", "--lang", "fr"),
    ("catalogue", "match", "GMV", "--ruleset", "nope"),
    ("catalogue", "list", "--group", "toys"),
    ("catalogue", "list", "--ruleset", "core@9"),
    ("catalogue", "frobnicate"),
])
def test_bad_usage_exits_2(args):
    result = run(*args)
    assert result.exit_code == 2, result.output


def test_an_unknown_group_lists_the_known_ones(ruleset_11):
    result = run("catalogue", "list", "--ruleset", ruleset_11, "--group", "toys")
    assert result.exit_code == 2 and "no group 'toys'" in result.stderr and "advertising" in result.stderr


def test_the_command_is_documented():
    assert "catalogue" in run("--help").stdout
    assert "What each NAME denotes" in run("catalogue", "match", "--help").stdout


def test_match_names_the_words_it_did_not_understand():
    from click.testing import CliRunner

    from cli.main import cli

    result = CliRunner().invoke(cli, ["catalogue", "match", "Widget polish revenue", "GMV"])
    assert result.exit_code == 0 and "not understood: widget, polish" in result.stdout
    zh = CliRunner().invoke(cli, ["catalogue", "match", "Widget polish revenue", "--lang", "zh"])
    assert "未识别的词：widget、polish" in zh.stdout  # Chinese punctuation in the Chinese reason


def test_match_lists_the_closest_metrics_for_an_unread_name_only():
    """A shortlist for the override synonym, in the report language; a name that is read gets none."""
    result = run("catalogue", "match", "Buy box time", "GMV", "--lang", "zh")
    assert result.exit_code == 0
    closest = result.stdout.split("最接近的指标库指标")[1]
    assert "Buy box time → buy-box-percentage（购物车占有率）" in closest and "GMV →" not in closest
    read_only = run("catalogue", "match", "GMV")
    assert "Closest catalogue metrics" not in read_only.stdout


def test_match_json_lists_the_closest_metrics_and_never_reads_through_them():
    payload = json.loads(run("catalogue", "match", "Buy box time", "GMV", "xyz", "--format", "json").stdout)
    unread, read, nothing = payload["readings"]
    assert unread["metric"] is None and unread["closest"][0] == {"id": "buy-box-percentage", "en": "Buy Box percentage",
                                                                "zh": "购物车占有率"}
    assert read["metric"]["id"] == "gmv" and read["closest"] == []
    assert nothing["closest"] == []
