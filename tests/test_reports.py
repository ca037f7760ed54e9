"""Reports: client text escaped in HTML and Markdown, self-contained HTML, report-v1 keys."""
from __future__ import annotations

import json
import re

import yaml

from reports import render
from tests.conftest import RULE_TESTS

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> | **bold** [link](http://evil)'


def _hostile_report(audit_raw, lang="en") -> dict:
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    raw["organization"]["name"] = HOSTILE
    raw["roles"][1]["name"] = HOSTILE
    raw["kpis"][5]["weight"] = 25  # R01 fires on a KPI with a hostile owner name ...
    raw["kpis"][5]["name"] = HOSTILE + " 每日上新数量"
    raw["kpis"][3]["weight"] = 40
    return audit_raw(raw, lang=lang)


def test_html_escapes_client_text_and_is_self_contained(audit_raw):
    report = _hostile_report(audit_raw)
    assert report["findings"]
    html = render(report, "html")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert not re.search(r"""(src|href)=["']?https?:""", html) and "<link" not in html
    assert "@media print" in html


def test_markdown_neutralises_client_markup(audit_raw):
    md = render(_hostile_report(audit_raw, "zh"), "md")
    assert "<script>" not in md and "<img" not in md
    assert "[link](http" not in md and "\\[link\\](http" in md
    assert "\\*\\*bold\\*\\*" in md


def test_json_has_report_v1_keys(audit_raw):
    report = json.loads(render(_hostile_report(audit_raw), "json"))
    assert list(report)[:1] == ["report_version"]
    for key in ("organization", "ruleset", "score", "findings", "plan"):
        assert key in report
    assert set(report["ruleset"]) >= {"name", "version", "sha256"}
    assert set(report["score"]["dimensions"]) == {"focus", "results", "alignment", "incentives", "cadence", "data",
                                                  "ownership", "context"}
    for finding in report["findings"]:
        assert set(finding) >= {"code", "name", "dimension", "severity", "subject", "message", "evidence",
                                "remediation"}
        assert finding["severity"] in {"critical", "high", "medium", "low"}
        assert set(finding["remediation"]) >= {"steps", "owner", "effort", "phase"}
    for item in report["plan"]:
        assert set(item) >= {"phase", "action", "owner", "codes", "subjects"}


def test_plan_has_no_duplicate_actions(audit_raw):
    report = _hostile_report(audit_raw)
    keys = [(p["phase"], p["action"], p["owner"]) for p in report["plan"]]
    assert len(keys) == len(set(keys))


def test_the_unit_scores_say_what_they_count_when_there_are_units_to_compare(audit_raw):
    """A unit at 92 beside an overall 43 reads like an error unless the page says a unit counts only the findings
    inside it; with one unit there is no tree and no note."""
    raw = yaml.safe_load((RULE_TESTS / "base.yaml").read_text(encoding="utf-8"))
    assert len(raw["units"]) > 1
    for lang, note in (("en", "A unit&#39;s score counts only the findings inside it"),
                       ("zh", "部门得分只计算该部门及其下级部门内部的问题")):
        assert note in render(audit_raw(raw, lang=lang), "html")
    raw["units"] = raw["units"][:1]
    for section in ("roles", "objectives"):
        for record in raw.get(section, []):
            record["unit"] = raw["units"][0]["id"]
    raw.pop("reviews", None)
    assert "class=\"meta unit-note\"" not in render(audit_raw(raw), "html")
