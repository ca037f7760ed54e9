"""`kpi-audit compare` output: the comparison as JSON, Markdown or one self-contained HTML page, in English or
Chinese. Markdown and HTML list the same sections (SECTIONS), so the two never disagree."""
from __future__ import annotations

import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from engine.bidi import isolate
from engine.ruleset_model import DIMENSIONS
from reports.i18n import BANDS
from reports.i18n import DIMENSIONS as DIMENSION_WORDS
from reports.i18n import SEVERITIES as SEVERITY_WORDS
from reports.render import md_code, md_escape

FORMATS = ("json", "md", "html")
_TEMPLATES = Path(__file__).resolve().parent / "templates"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Comparison of two audits", "colon": ": ", "side_old": "Before", "side_new": "Now", "date": "Audit date",
        "ruleset": "Ruleset", "score": "Score", "potential": "Potential", "band": "Band", "change": "Change",
        "dimension": "Dimension", "overall": "Overall", "code": "Rule", "subject": "Subject",
        "severity": "Severity", "finding": "Finding", "points": "Points", "root_causes": "Root causes",
        "cause": "Root cause", "why": "Why", "none": "none",
        "new": "New findings", "resolved": "Resolved findings", "persisting": "Persisting findings",
        "newly_assessed": "Newly assessed (not judged before, judged now)",
        "no_longer_assessed": "No longer assessed (judged before, information missing now)",
        "waived": "Waived now (accepted until a date, not scored)",
        "rules_changed": "The two audits used different rulesets ({old} → {new}). Findings that appeared or "
                         "disappeared because the rules changed are listed apart from those the organisation changed.",
        "rules_unknown": "One ruleset is neither shipped nor an override of a shipped one: only the changes both "
                         "reports show are told apart.",
        "rules_new": "New because the rules changed", "rules_resolved": "Gone because the rules changed",
        "other_org": "The two reports are audits of different organisations ({old} and {new}).",
        "rule_added": "rule added", "rule_removed": "rule removed or disabled",
        "params_changed": "rule parameters changed", "kpi_reading_changed": "KPI read differently",
        "severity_changed": "Severities changed (they move the score, not the findings)",
    },
    "zh": {
        "title": "两次诊断对比", "colon": "：", "side_old": "上次", "side_new": "本次", "date": "诊断日期",
        "ruleset": "规则集", "score": "得分", "potential": "潜在得分", "band": "等级", "change": "变化",
        "dimension": "维度", "overall": "总分", "code": "规则", "subject": "对象",
        "severity": "严重程度", "finding": "发现", "points": "扣分", "root_causes": "根本原因",
        "cause": "根本原因", "why": "原因", "none": "无",
        "new": "新增问题", "resolved": "已解决问题", "persisting": "仍存在的问题",
        "newly_assessed": "新评估（上次无法判断，本次已判断）",
        "no_longer_assessed": "不再评估（上次已判断，本次缺少信息）",
        "waived": "本次已豁免（在有效期内接受，不计分）",
        "rules_changed": "两次诊断使用了不同的规则集（{old} → {new}）。因规则变化而出现或消失的问题，与因组织自身变化的问题分开列出。",
        "rules_unknown": "其中一个规则集既不是内置规则集，也不是基于内置规则集的覆盖文件：只能区分两份报告中可见的规则变化。",
        "rules_new": "因规则变化而新增", "rules_resolved": "因规则变化而消失",
        "other_org": "两份报告诊断的是不同的组织（{old} 与 {new}）。",
        "rule_added": "新增规则", "rule_removed": "规则已删除或停用",
        "params_changed": "规则参数变化", "kpi_reading_changed": "KPI 的解读不同",
        "severity_changed": "严重程度有变化的规则（影响得分，不影响发现）",
    },
}
# The finding lists of a comparison in the order people read them: where it goes, the words of its heading.
SECTIONS = ("new", "resolved", "persisting", "newly_assessed", "no_longer_assessed", "waived")


def _isolated(value: object) -> object:
    return isolate(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:+g}" if value else "0"


def render(comparison: dict, fmt: str, lang: str) -> str:
    """The comparison in `fmt` (one of FORMATS); the same bytes for the same comparison."""
    if fmt == "json":
        return json.dumps(comparison, ensure_ascii=False, indent=2) + "\n"
    html = fmt == "html"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=html,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, finalize=_isolated if html else None)
    env.filters.update(md=md_escape, code=md_code, signed=_signed)
    return env.get_template(f"compare.{fmt}.j2").render(
        c=comparison, lang=lang, w=WORDS[lang], sections=SECTIONS, dimensions=DIMENSIONS,
        dimension_words=DIMENSION_WORDS[lang], severity_words=SEVERITY_WORDS[lang], bands=BANDS[lang])
