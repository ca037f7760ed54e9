"""Click's own usage errors (an unknown option, a missing argument, a value not among the choices) in Chinese.

Click writes these in English through gettext, which has no Chinese catalogue, before any command of ours runs. A
person who asked for Chinese (--lang zh, KPI_AUDIT_LANG, a zh locale) reads them here instead: every message click
8 can print for a command line is matched by its English wording and rewritten, option names, values and choices
kept as typed. A message not listed (a future click's, or our own bilingual ones) keeps its English words after the
Chinese frame, so nothing is lost.
"""
from __future__ import annotations

import re

import click

# Click's kinds of value, as its messages name them ("'abc' is not a valid float range").
_KINDS = {"integer": "整数", "float": "数字", "integer range": "整数", "float range": "数字", "boolean": "布尔值（是/否）",
          "UUID": "UUID", "file": "文件", "directory": "文件夹", "path": "路径", "File": "文件", "Directory": "文件夹",
          "Path": "路径", "argument": "参数", "option": "选项", "parameter": "参数"}
# What click says of a path it refused ("File 'out' is not writable").
_STATES = {"does not exist": "不存在", "is a file": "是文件，不是文件夹", "is a directory": "是文件夹，不是文件",
           "is not readable": "不可读", "is not writable": "不可写", "is not executable": "不可执行"}
_STATE = "|".join(map(re.escape, _STATES))
_KIND = "|".join(sorted(map(re.escape, _KINDS), key=len, reverse=True))
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""

# (click's English wording, the Chinese with {group} for what the match kept). Applied in order over the whole
# message: "Invalid value for X: …" and "Did you mean …?" wrap another message, which the later patterns translate
# in place. Every open-ended part is bounded, so a command line that repeats click's words cannot make a pattern
# scan the rest of it again and again.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"Invalid value for (?P<hint>[^:\n]{1,300}?): ", "{hint} 的值无效："),
    (r"Invalid value: ", "值无效："),
    (rf"No such option (?P<name>{_QUOTED})\.", "没有选项 {name}。"),
    (rf"No such command (?P<name>{_QUOTED})\.", "没有子命令 {name}。"),
    (r"\(Did you mean one of: (?P<names>[^?\n]{1,1000})\?\)", "（是否想输入以下之一：{names}？）"),
    (r"Did you mean (?P<name>[^?\n]{1,300})\?", "是否想输入 {name}？"),
    (rf"Missing (?P<kind>{_KIND}) (?P<name>[^\n]{{1,300}}?)\.", "缺少{kind} {name}。"),
    (r"Missing command\.", "缺少子命令。"),
    (rf"(?P<value>{_QUOTED}) is not one of (?P<choices>[^\n]{{1,1000}}?)\.", "{value} 不是可选值，可选：{choices}。"),
    (rf"(?P<value>{_QUOTED}) is not (?P<choice>{_QUOTED})\.", "{value} 不是 {choice}。"),
    (rf"(?P<value>{_QUOTED}) is not a valid (?P<kind>{_KIND})\.", "{value} 不是有效的{kind}。"),
    (r"(?<!\S)(?P<value>\S{1,300}) is not in the range (?P<range>[^\n]{1,300}?)\.", "{value} 不在范围 {range} 内。"),
    (rf"(?P<value>{_QUOTED}) does not match the formats? (?P<formats>[^\n]{{1,1000}}?)\.", "{value} 不符合格式 {formats}。"),
    (rf"Option (?P<name>{_QUOTED}) requires an argument\.", "选项 {name} 需要一个值。"),
    (rf"Option (?P<name>{_QUOTED}) requires (?P<n>\d+) arguments\.", "选项 {name} 需要 {n} 个值。"),
    (rf"Option (?P<name>{_QUOTED}) does not take a value\.", "选项 {name} 不接受值。"),
    (r"Got unexpected extra arguments? \((?P<args>[^\n]{0,5000})\)", "多余的参数：{args}"),
    (rf"(?P<kind>{_KIND}) (?P<name>{_QUOTED}) (?P<what>{_STATE})\.", "{kind} {name} {what}。"),
)
_COMPILED = tuple((re.compile(pattern), chinese) for pattern, chinese in _PATTERNS)


def _fill(match: re.Match[str], chinese: str) -> str:
    """The Chinese with the match's groups put in, click's kind words (float range, File, is not readable) translated."""
    groups = {k: _KINDS.get(v, _STATES.get(v, v)) if k in ("kind", "what") else v
              for k, v in match.groupdict().items() if v is not None}
    return chinese.format_map(groups)


def translate(message: str) -> str:
    """Click's English usage message in Chinese; words it does not know stay as they are."""
    for pattern, chinese in _COMPILED:
        message = pattern.sub(lambda m, zh=chinese: _fill(m, zh), message)
    return re.sub(r"。 (?=[（\u4e00-\u9fff])", "。", message)  # click's space between two sentences


def show_in_chinese(error: click.UsageError) -> None:
    """What `UsageError.show` prints (usage line, where to find help, the error), in Chinese, on standard error."""
    ctx = error.ctx
    if ctx is not None:
        usage = re.sub(r"^Usage: ?", "用法：", ctx.get_usage())
        click.echo(usage, err=True)
        if ctx.command.get_help_option(ctx) is not None:
            option = max(ctx.command.get_help_option_names(ctx), key=len)
            click.echo(f"运行 {ctx.command_path} {option} 查看帮助。", err=True)
        click.echo("", err=True)
    click.echo(f"错误：{translate(error.format_message())}", err=True)
