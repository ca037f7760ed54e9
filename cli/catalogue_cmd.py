"""`kpi-audit catalogue match NAME…` and `kpi-audit catalogue list`: how the metric catalogue reads KPI names.

A consultant checks what a client's KPI names denote before an audit; a name the catalogue does not recognise is
judged by its label, so the fix is a synonym in an override (`catalogue: {synonyms: {gmv: [店铺流水]}}`).
"""
from __future__ import annotations

import json
import unicodedata

import click

from cli.common import InputError, emit, lang_option, load_ruleset_or_fail, ruleset_option
from engine.catalogue import WHY, Catalogue, Reading
from engine.enum_words import enum_values, zh_word
from engine.findings import PUNCTUATION
from engine.messages import Msg, in_lang
from reports.catalogue_view import metric_json, readings_json, ruleset_identity
from reports.i18n import KPI_KINDS

format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                             show_default=True)

_HEADERS = {
    "en": {"name": "name", "metric": "metric", "metric_name": "metric name", "kind": "kind", "focus": "focus",
           "group": "group", "domestic": "domestic", "attainment": "attainment", "behaviour": "behaviour",
           "why": "why", "id": "id"},
    "zh": {"name": "名称", "metric": "指标", "metric_name": "指标名称", "kind": "类型", "focus": "侧重", "group": "分组",
           "domestic": "国内", "attainment": "达成率", "behaviour": "行为项", "why": "原因", "id": "编号"},
}
_YES = {"en": "yes", "zh": "是"}
_CLOSEST = {"en": "Closest catalogue metrics (a shortlist by shared words, not a reading):",
            "zh": "最接近的指标库指标（按共有词排列的候选，并非识别结果）："}
_HINT = {
    "en": "Not recognised: if the name means a catalogue metric, add it to an override's catalogue.synonyms under "
          "that metric's id (kpi-audit catalogue list).",
    "zh": "未识别：如该名称指某个指标库中的指标，请在覆盖文件的 catalogue.synonyms 中把它加到该指标编号下"
          "（见 kpi-audit catalogue list）。",
}
# A name put as a question is read as a yes/no check whatever synonyms say, so the synonym hint would not help it.
_QUESTION_HINT = {
    "en": "Read as a yes/no check: a name put as a question (`Shipped on time?`) is no figure, whatever an override "
          "synonym says. If it is a figure, write it without the question mark.",
    "zh": "按是/否核对项处理：以问句写的名称（如 Shipped on time?）不是数值，覆盖文件的同义词也不会改变这一点。"
          "如果它是数值，请去掉问号。",
}


@click.group()
def catalogue() -> None:
    """Check how the metric catalogue reads KPI names, or list its metrics."""


@catalogue.command("match")
@click.argument("names", nargs=-1, required=True)
@ruleset_option
@lang_option
@format_option
def match(names: tuple[str, ...], ruleset_spec: str, lang: str, fmt: str) -> None:
    """What each NAME denotes: metric, kind, focus, domestic channel, attainment, behaviour term, and why; for a
    name read as nothing, the closest catalogue metrics (a shortlist for an override synonym)."""
    ruleset = load_ruleset_or_fail(ruleset_spec)
    if fmt == "json":
        payload = {"ruleset": ruleset_identity(ruleset), "readings": readings_json(ruleset.catalogue, list(names))}
        emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", None)
        return
    readings = [(name, ruleset.catalogue.read(name)) for name in names]
    columns = ("name", "metric", "metric_name", "kind", "focus", "domestic", "attainment", "behaviour", "why")
    rows = [_reading_row(name, reading, lang) for name, reading in readings]
    lines = [f"{ruleset.name} {ruleset.version}", *_table(columns, rows, lang)]
    unread = [name for name, r in readings if r.unread and r.why != "question"]
    if unread:
        lines += ["", _HINT[lang], *_closest(ruleset.catalogue, unread, lang)]
    if any(r.why == "question" for _, r in readings):
        lines += ["", _QUESTION_HINT[lang]]
    emit("\n".join(lines) + "\n", None)


@catalogue.command("list")
@ruleset_option
@lang_option
@format_option
@click.option("--group", default=None, metavar="GROUP", help="Only the metrics of this group (e.g. advertising).")
def list_metrics(ruleset_spec: str, lang: str, fmt: str, group: str | None) -> None:
    """Id, name, kind, focus, group and domestic flag of every catalogue metric."""
    ruleset = load_ruleset_or_fail(ruleset_spec)
    groups = ruleset.catalogue.groups
    if group is not None and group not in groups:
        known = ", ".join(groups) if groups else Msg("no_groups")
        raise InputError(in_lang(Msg("no_group", group=group, ruleset=f"{ruleset.name} {ruleset.version}",
                                     known=known), lang))
    metrics = [m for m in ruleset.catalogue.metrics.values() if group is None or m.group == group]
    if fmt == "json":
        payload = {"ruleset": ruleset_identity(ruleset), "groups": groups, "metrics": [metric_json(m) for m in metrics]}
        emit(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", None)
        return
    columns = ("id", "metric_name", "kind", "focus", "group", "domestic")
    rows = [{"id": m.id, "metric_name": m.name(lang), "kind": _term(m.kind, lang), "focus": _term(m.focus, lang),
             "group": groups.get(m.group, {}).get(lang, m.group or "-"), "domestic": _YES[lang] if m.domestic else "-"}
            for m in metrics]
    count = in_lang(Msg("metric_count", count=len(rows)), lang)
    lines = [f"{ruleset.name} {ruleset.version}{' (' if lang == 'en' else '（'}{count}{')' if lang == 'en' else '）'}",
             *_table(columns, rows, lang)]
    emit("\n".join(lines) + "\n", None)


def _closest(catalogue: Catalogue, names: list[str], lang: str) -> list[str]:
    """`NAME -> id (metric name), …` for each unread name the catalogue has close metrics for."""
    lines = []
    for name in dict.fromkeys(names):
        near = catalogue.closest(name)
        if near:
            listed = ("，" if lang == "zh" else ", ").join(
                f"{m.id}（{m.name(lang)}）" if lang == "zh" else f"{m.id} ({m.name(lang)})" for m in near)
            lines.append(f"  {name} → {listed}")
    return [_CLOSEST[lang], *lines] if lines else []


def _term(code: str, lang: str) -> str:
    """A kind or focus as the intake accepts it in the report language (README: Chinese values accepted)."""
    if code in KPI_KINDS[lang]:
        return KPI_KINDS[lang][code]
    return zh_word("kpis", "focus", code) if lang == "zh" and code in enum_values("kpis", "focus") else code


def _reading_row(name: str, reading: Reading, lang: str) -> dict:
    metric = reading.metric
    domestic = reading.domestic or (_YES[lang] if metric and metric.domestic else "-")
    return {"name": name, "metric": metric.id if metric else "-", "metric_name": metric.name(lang) if metric else "-",
            "kind": _term(metric.kind, lang) if metric else "-", "focus": _term(metric.focus, lang) if metric else "-",
            "domestic": domestic,
            "attainment": _YES[lang] if reading.attainment else "-", "behaviour": reading.behaviour or "-",
            "why": _why(reading, lang)}


_SAW = {"en": ("synonyms", "not understood"), "zh": ("同义词", "未识别的词")}


def _why(reading: Reading, lang: str) -> str:
    """Why, with the words behind it when the name was not plainly a synonym (so a consultant sees what to add)."""
    text = WHY[reading.why][lang]
    if reading.why in ("synonym", "synonym+qualifiers", "behaviour-term", "substring"):
        return text
    saw, unknown = _SAW[lang]
    marks = PUNCTUATION[lang]
    parts = [f"{label}{marks['colon']}{marks['list'].join(words)}"
             for label, words in ((saw, reading.detail.synonyms), (unknown, reading.detail.leftover)) if words]
    if not parts:
        return text
    return f"{text}{marks['open']}{marks['clauses'].join(parts)}{marks['close']}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(columns: tuple[str, ...], rows: list[dict], lang: str) -> list[str]:
    """Rows aligned by display width (a CJK character takes two columns)."""
    header = {c: _HEADERS[lang][c] for c in columns}
    widths = {c: max(_width(str(r[c])) for r in [header, *rows]) for c in columns}
    return ["  ".join(str(r[c]) + " " * (widths[c] - _width(str(r[c]))) for c in columns).rstrip()
            for r in [header, *rows]]
