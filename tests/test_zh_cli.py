"""--lang on every command a person reads, its default from KPI_AUDIT_LANG or the locale, and Chinese messages."""
from __future__ import annotations

import string

import click
import pytest
from click.testing import CliRunner

from cli.common import LANG_VARIABLE, LOCALE_VARIABLES
from cli.main import cli
from engine.messages import MESSAGES, Msg, in_lang
from tests.conftest import EXAMPLES, write_yaml
from tests.zh_check import english_words

HEALTHY = str(EXAMPLES / "healthy.yaml")
# Commands whose output is for people; `rules docs` always writes both languages (it is docs/rules.md).
BILINGUAL_ONLY = {"rules docs"}


def run(*args: str, env: dict[str, str] | None = None):
    """The CLI with a clean language environment plus `env`, so the caller's own locale never leaks in."""
    clean: dict[str, str | None] = {name: None for name in (LANG_VARIABLE, *LOCALE_VARIABLES)}
    result = CliRunner().invoke(cli, list(args), env={**clean, **(env or {})})
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_command_that_prints_for_people_takes_lang():
    without = {name for name, command in _commands(cli) if "lang" not in {p.name for p in command.params}}
    assert without == BILINGUAL_ONLY


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "en"),
    ({LANG_VARIABLE: "zh"}, "zh"),
    ({LANG_VARIABLE: "ZH"}, "zh"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_TW.UTF-8", LANG_VARIABLE: "en"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
])
def test_default_language_from_variable_then_locale(env, lang):
    result = run("validate", HEALTHY, env=env)
    assert result.exit_code == 0
    assert ("资料有效" in result.stdout) == (lang == "zh") and ("valid intake" in result.stdout) == (lang == "en")


def test_lang_option_beats_the_environment():
    assert "valid intake" in run("validate", HEALTHY, "--lang", "en", env={LANG_VARIABLE: "zh"}).stdout
    assert "资料有效" in run("validate", HEALTHY, "--lang", "zh", env={"LANG": "en_US.UTF-8"}).stdout


def test_invalid_language_variable_is_a_usage_error_naming_it():
    result = run("validate", HEALTHY, env={LANG_VARIABLE: "fr"})
    assert result.exit_code == 2 and LANG_VARIABLE in result.stderr and "'fr'" in result.stderr
    assert "valid intake" not in result.stdout


def test_catalogue_has_both_languages_with_the_same_placeholders():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for code, texts in MESSAGES.items():
        assert set(texts) == {"en", "zh"}, code
        assert fields(texts["en"]) == fields(texts["zh"]), code
        assert not english_words(texts["zh"], fields(texts["zh"]) | {"kpi-audit", "--force", "UTF-16", "UTF-8",
                                                                      "kpi-audit rules list", "kpi-audit audit", "YAML", "true/false", "yes/no",
                                                                      "x", "xls", "en", "zh"}), code


def test_a_message_is_its_english_text_and_knows_its_chinese():
    message = Msg("not_number", value="fifty")
    assert message == "'fifty' is not a number" and in_lang(message, "zh") == "'fifty' 不是数字"


def test_validate_lists_every_problem_in_chinese(tmp_path):
    bad = write_yaml(tmp_path / "bad.yaml", {
        "organization": {"id": "x", "name": "X", "stage": "发达", "audit_date": "2026-13-40"},
        "units": [{"id": "hq", "name": "HQ", "kind": "planet"}],
        "roles": [{"id": "r1", "name": "R", "unit": "ghost"}],
        "kpis": [{"id": "k1", "name": "K", "owner": "ghost-role", "weight": "fifty"}]})
    result = run("validate", str(bad), "--lang", "zh")
    assert result.exit_code == 2
    err = result.stderr
    for expected in ("bad.yaml：6 个问题", "kpis[0].weight：'fifty' 不是数字", "kpis[0].owner：岗位「ghost-role」不存在",
                     "roles[0].unit：部门「ghost」不存在", "'2026-13-40' 不是有效日期",
                     "'planet' 不是可选值；可填：公司（company）", "团队、小组（team）",
                     "'发达' 不是可选值；可填：初创期、初创（startup）"):
        assert expected in err, expected
    english = english_words(err, {str(tmp_path), "bad.yaml", "organization", "stage", "audit_date", "units", "kind",
                                  "roles", "unit", "kpis", "owner", "weight", "ghost-role", "fifty", "planet",
                                  "ghost", *("startup growth mature company department team region site "
                                             "agency").split()})
    assert english == []
    assert "kpis[0].weight: 'fifty' is not a number" in run("validate", str(bad), "--lang", "en").stderr


def test_failing_audit_speaks_the_reports_language(tmp_path):
    bad = write_yaml(tmp_path / "bad.yaml", {"organization": {"id": "x", "name": "X"}, "units": [],
                                              "roles": [], "kpis": []})
    result = run("audit", str(bad), "--lang", "zh")
    assert result.exit_code == 2 and "units：必填部分缺失或为空" in result.stderr
    assert "units: required section is missing or empty" in run("audit", str(bad)).stderr


def test_init_and_convert_messages_in_chinese(tmp_path):
    target = tmp_path / "t.xlsx"
    assert "已生成 xlsx 模板" in run("init", str(target), "--lang", "zh").stderr
    again = run("init", str(target), "--lang", "zh")
    assert again.exit_code == 2 and "已存在；如需覆盖请加 --force" in again.stderr
    assert "已写入" in run("convert", HEALTHY, str(tmp_path / "c.xlsx"), "--lang", "zh").stderr
