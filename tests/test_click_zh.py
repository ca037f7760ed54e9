"""Click's usage errors read in Chinese when the person asked for Chinese, and stay click's English otherwise."""
from __future__ import annotations

import pytest

from cli.click_zh import translate
from cli.common import LANG_VARIABLE, LOCALE_VARIABLES
from cli.main import run
from tests.conftest import EXAMPLES

HEALTHY = str(EXAMPLES / "healthy.yaml")


@pytest.fixture(autouse=True)
def _no_language_in_the_environment(monkeypatch):
    for name in (LANG_VARIABLE, *LOCALE_VARIABLES):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(("args", "chinese", "english"), [
    (["audit", HEALTHY, "--fomat", "html"], "没有选项 '--fomat'。（是否想输入以下之一：", "No such option '--fomat'."),
    (["audit"], "缺少参数 'INTAKE'。", "Missing argument 'INTAKE'."),
    (["audit", HEALTHY, "--format", "pdf2"], "'--format' 的值无效：'pdf2' 不是可选值，可选：'json'",
     "Invalid value for '--format': 'pdf2' is not one of"),
    (["audti", HEALTHY], "没有子命令 'audti'。是否想输入 'audit'？", "No such command 'audti'."),
    (["audit", HEALTHY, "--fail-under", "abc"], "'abc' 不是有效的数字。", "'abc' is not a valid float range."),
    (["audit", HEALTHY, "--out"], "选项 '--out' 需要一个值。", "Option '--out' requires an argument."),
    (["audit", HEALTHY, "extra"], "多余的参数：extra", "Got unexpected extra argument (extra)"),
])
def test_a_usage_error_is_told_in_the_language_asked_for(capsys, args, chinese, english):
    assert run([args[0], "--lang", "zh", *args[1:]]) == 2
    zh = capsys.readouterr().err
    assert chinese in zh and "错误：" in zh
    assert not any(word in zh for word in ("Error:", "Usage:", "Try ", "Did you mean", "Missing", "Invalid"))
    assert run([args[0], "--lang", "en", *args[1:]]) == 2  # near miss: English asked for, click's own words
    en = capsys.readouterr().err
    assert english in en and "错误" not in en


def test_the_language_variable_chooses_chinese_without_lang(capsys, monkeypatch):
    monkeypatch.setenv(LANG_VARIABLE, "zh")
    assert run(["audit", HEALTHY, "--fomat", "html"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：kpi-audit audit") and "运行 kpi-audit audit --help 查看帮助。" in err


@pytest.mark.parametrize(("english", "chinese"), [
    ("Path 'x.yaml' does not exist.", "路径 'x.yaml' 不存在。"),
    ("Directory 'out' is a file.", "文件夹 'out' 是文件，不是文件夹。"),
    ("File 'out' is not writable.", "文件 'out' 不可写。"),
    ("5 is not in the range 0<=x<=3.", "5 不在范围 0<=x<=3 内。"),
    ("Option '--x' does not take a value.", "选项 '--x' 不接受值。"),
    ("Missing option '--out'.", "缺少选项 '--out'。"),
    ("'maybe' is not a valid boolean.", "'maybe' 不是有效的布尔值（是/否）。"),
])
def test_click_messages_beyond_the_command_line_cases(english, chinese):
    assert translate(english) == chinese


def test_a_message_click_did_not_write_keeps_its_words():
    """Our own bilingual usage errors (an invalid KPI_AUDIT_LANG) and a future click's new wording pass unchanged."""
    assert translate("KPI_AUDIT_LANG=fr is not a language\nKPI_AUDIT_LANG=fr 不是支持的语言") == \
        "KPI_AUDIT_LANG=fr is not a language\nKPI_AUDIT_LANG=fr 不是支持的语言"


def test_a_command_line_repeating_clicks_words_is_read_in_bounded_time():
    """Every open-ended part of a pattern is bounded: 20,000 repeats of a pattern's start are one linear pass each
    (an unbounded `.+?` scanned the rest of the message from every repeat, ~30 s here). The result is what counts:
    the words are translated where they form a message and left alone where they do not."""
    hostile = "Invalid value for " * 20000
    assert translate(hostile) == hostile
    assert translate("Missing argument 'X'. " * 20000).count("缺少参数 'X'。") == 20000
