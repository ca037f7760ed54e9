"""The portfolio summary: one row per client, ranks, statistics without the failed, counts per rule and root
cause, the heat map, escaping of hostile client text in HTML/SVG/CSV/xlsx, Chinese throughout, same bytes.

The portfolio is real: every bundled example and real scorecard audited by the shipped ruleset, the 220-KPI
synthetic organisation and smaller synthetic ones, plus clients that failed. Expected figures are computed
here from the reports directly (plain Python), not with the pandas code under test.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import random
import statistics as stats
import tempfile
from collections import Counter
from pathlib import Path

import html5lib
import openpyxl
import pytest
import yaml

from benchmarks.synthetic import organisation
from diagnostics import fact_schema
from engine.audit import run_audit
from engine.inert_csv import FORMULA_STARTS
from engine.loaders import load_intake
from engine.ruleset import load_ruleset
from engine.ruleset_model import DIMENSIONS, SEVERITIES
from portfolio.results import ClientResult
from portfolio.summary import build_portfolio, render_html, write_summary
from portfolio.summary_tables import BIN_WIDTH, TOP_CAUSES, rule_headings
from portfolio.summary_words import WORDS
from tests import real_reports
from tests.zh_check import english_words

ROOT = Path(__file__).resolve().parent.parent
FAILED = [ClientResult("broken-sheet", "clients/broken-sheet.xlsx", "failed",
                       "clients/broken-sheet.xlsx: 指标!F12 (weight): 'fifty' is not a number", None, 0.4),
          ClientResult("crashed", "clients/crashed.yaml", "failed", "worker died (out of memory)", None, 3.0)]
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "=HYPERLINK(\"http://evil\",\"x\")",
           "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", "bell\x07&amp;"]


def _synthetic(n_kpis: int, seed: int, lang: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.yaml"
        path.write_text(yaml.safe_dump(organisation(n_kpis, seed), allow_unicode=True), encoding="utf-8")
        return run_audit(load_intake(path).intake, real_reports.core(), lang)


def portfolio_results(lang: str) -> list[ClientResult]:
    """Every real intake audited, three small synthetic organisations, one 'skipped' client and two failures."""
    results = [ClientResult(name.replace("/", "-"), f"clients/{name}.yaml", "audited", None,
                            real_reports.report(name, lang), 0.2) for name in real_reports.INTAKES]
    results += [ClientResult(f"synthetic-{seed}", f"clients/synthetic-{seed}.yaml", "audited", None,
                             _synthetic(30, seed, lang), 0.1) for seed in (1, 2, 3)]
    results.append(ClientResult("unchanged", "clients/unchanged.yaml", "skipped", None,
                                real_reports.report("cross-border-seller", lang), 0.0))
    return results + FAILED


@pytest.fixture(scope="module", params=real_reports.LANGS)
def batch(request):
    return request.param, portfolio_results(request.param)


@pytest.fixture(scope="module")
def portfolio(batch):
    lang, results = batch
    return build_portfolio(results, lang)


def _scored(results: list[ClientResult]) -> list[ClientResult]:
    return [r for r in results if r.status != "failed"]


def test_one_row_per_client_failed_last_with_reason(batch, portfolio):
    _lang, results = batch
    rows = portfolio["clients"]
    assert sorted(r["client"] for r in rows) == sorted(r.client for r in results)
    failed = [r for r in rows if r["status"] == "failed"]
    assert [r["client"] for r in failed] == ["broken-sheet", "crashed"] and rows[-2:] == failed
    for row, given in zip(failed, FAILED):
        assert row["error"] == given.error and row["rank"] is None and row["score"] is None
        assert row["findings"]["total"] is None and row["top_root_causes"] == []


def test_rows_carry_each_clients_report(batch, portfolio):
    lang, results = batch
    by_client = {r.client: r.report for r in _scored(results)}
    for row in portfolio["clients"]:
        report = by_client.get(row["client"])
        if report is None:
            continue
        score = report["score"]
        assert (row["score"], row["potential"], row["band"]) == (score["overall"], score["potential"], score["band"])
        assert row["coverage"] == round(score["coverage"] * 100, 1)
        assert row["organization"] == report["organization"]["name"]
        assert row["findings"]["total"] == len(report["findings"])
        assert all(row["findings"][s] == sum(f["severity"] == s for f in report["findings"]) for s in SEVERITIES)
        assert row["root_causes"] == len(report["root_causes"])
        assert row["top_root_causes"] == [c["title"][lang] for c in report["root_causes"][:TOP_CAUSES]]
        for dimension in DIMENSIONS:
            expected = (None if dimension in score["not_assessed_dimensions"] else score["dimensions"][dimension])
            assert row["dimensions"][dimension] == expected


def test_ranked_weakest_first_numbered_from_one(portfolio):
    scored = [r for r in portfolio["clients"] if r["rank"] is not None]
    assert [r["rank"] for r in scored] == list(range(1, len(scored) + 1))
    keys = [(r["score"], r["potential"], r["client"]) for r in scored]
    assert keys == sorted(keys)
    assert scored[0]["score"] < scored[-1]["score"]


def test_statistics_leave_failed_clients_out(batch, portfolio):
    _lang, results = batch
    scores = [r.report["score"]["overall"] for r in _scored(results)]
    figures = portfolio["statistics"]
    assert figures["counts"] == {"clients": len(results), "audited": len(results) - 3, "skipped": 1, "failed": 2}
    assert figures["score"] == {"mean": round(stats.mean(scores), 1), "median": round(stats.median(scores), 1),
                                "min": min(scores), "max": max(scores)}
    assert figures["bands"] == {b: Counter(r.report["score"]["band"] for r in _scored(results))[b]
                                for b in ("critical", "weak", "fair", "good", "strong")}
    for dimension in DIMENSIONS:
        values = [r.report["score"]["dimensions"][dimension] for r in _scored(results)
                  if dimension not in r.report["score"]["not_assessed_dimensions"]]
        assert figures["dimensions"][dimension] == round(stats.mean(values), 1)
    assert figures["findings"]["total"] == sum(len(r.report["findings"]) for r in _scored(results))


def test_histogram_puts_every_scored_client_in_its_range(batch, portfolio):
    _lang, results = batch
    bars = portfolio["histogram"]
    assert [b["from"] for b in bars] == list(range(0, 100, BIN_WIDTH))
    assert sum(b["clients"] for b in bars) == len(_scored(results))
    for result in _scored(results):
        overall = result.report["score"]["overall"]
        bar = next(b for b in bars if b["from"] <= overall < b["to"] or (overall == 100 and b["to"] == 100))
        assert result.client in bar["names"]


def test_counts_per_rule_and_root_cause(batch, portfolio):
    _lang, results = batch
    scored = _scored(results)
    rules = {r["code"]: r for r in portfolio["rules"]}
    fired = {f["code"] for r in scored for f in r.report["findings"]}
    assert set(rules) == fired
    for code, rule in rules.items():
        assert rule["clients"] == sum(any(f["code"] == code for f in r.report["findings"]) for r in scored)
        assert rule["findings"] == sum(f["code"] == code for r in scored for f in r.report["findings"])
        assert rule["share"] == round(rule["clients"] / len(scored) * 100, 1)
    order = [(-r["clients"], -r["findings"], r["code"]) for r in portfolio["rules"]]
    assert order == sorted(order)
    causes = {c["code"]: c for c in portfolio["root_causes"]}
    for code, cause in causes.items():
        having = [r for r in scored if any(c["codes"][0] == code for c in r.report["root_causes"])]
        assert cause["clients"] == len(having)
        points = [sum(c["points"] for c in r.report["root_causes"] if c["codes"][0] == code) for r in having]
        assert cause["average_points"] == round(stats.mean(points), 1)
    assert set(causes) == {c["codes"][0] for r in scored for c in r.report["root_causes"]}


def test_rules_and_causes_titled_in_the_language(batch, portfolio):
    lang, _results = batch
    core = real_reports.core()
    for item in portfolio["rules"] + portfolio["root_causes"]:
        assert item["title"] == core.rule(item["code"]).heading(lang)


def test_an_overrides_own_rule_is_titled_too(core):
    override = load_ruleset(str(ROOT / "examples" / "agency-override.yaml"), fact_schema())
    assert rule_headings([], override)["X01"] == {"en": "Give daily KPIs a baseline", "zh": "为按日统计的KPI设置基线"}
    report = copy.deepcopy(real_reports.report("cross-border-seller"))
    report["ruleset"] = {**report["ruleset"], "name": "northstar-agency", "version": "2026.4.0", "base": "core@1.1.0"}
    report["root_causes"].append({**report["root_causes"][0], "codes": ["X01"], "count": 1,
                                  "title": {"en": "Give daily KPIs a baseline", "zh": "为按日统计的KPI设置基线"}})
    headings = rule_headings([report])
    assert headings["X01"]["zh"] == "为按日统计的KPI设置基线"
    assert headings["F01"] == {lang: core.rule("F01").heading(lang) for lang in ("en", "zh")}


def test_heat_map_cells_are_each_clients_findings_of_each_rule(batch, portfolio):
    _lang, results = batch
    heat = portfolio["heat_map"]
    reports = {r.client: r.report for r in _scored(results)}
    assert heat["rules"] == [r["code"] for r in portfolio["rules"]]
    assert heat["clients"] == [r["client"] for r in portfolio["clients"] if r["rank"] is not None]
    for client, counts in zip(heat["clients"], heat["counts"]):
        found = Counter(f["code"] for f in reports[client]["findings"])
        assert counts == [found[code] for code in heat["rules"]]


def test_html_shows_every_client_and_the_heat_map_counts(batch, portfolio):
    lang, _results = batch
    page = render_html(portfolio, lang)
    document = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    heat = document.find(".//section[@id='heat-map']//table")
    cells = [[td.text or "" for td in tr.findall("td")[1:]] for tr in heat.findall(".//tr")[1:]]
    assert cells == [[str(c) if c else "" for c in row] for row in portfolio["heat_map"]["counts"]]
    failed = document.find(".//section[@id='failed']//table")
    assert [tr.find("td").text for tr in failed.findall(".//tr")[1:]] == ["broken-sheet", "crashed"]
    assert "<svg" in page and WORDS[lang]["histogram_title"] in page


def _visible_text(page: str) -> str:
    """What a reader sees: the parsed page's text (charts' included), without the stylesheet."""
    document = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    for parent in document.iter():
        for style in parent.findall("style"):
            parent.remove(style)
    return " ".join(document.itertext())


def test_csv_and_workbook_list_the_clients_as_ranked(batch, tmp_path):
    lang, results = batch
    portfolio = write_summary(results, tmp_path, lang)
    rows = list(csv.reader(io.StringIO((tmp_path / "portfolio.csv").read_text(encoding="utf-8-sig"), newline="")))
    words = WORDS[lang]
    assert rows[0][:3] == [words["rank"], words["client"], words["organization"]]
    assert [r[1] for r in rows[1:]] == [c["client"] for c in portfolio["clients"]]
    assert [r[0] for r in rows[1:]] == [str(c["rank"]) if c["rank"] else "" for c in portfolio["clients"]]
    book = openpyxl.load_workbook(tmp_path / "portfolio.xlsx")
    assert book.sheetnames == [words["ranking"], words["common_causes"], words["common_rules"], words["heat_map"]]
    sheet = book[words["ranking"]]
    assert [sheet.cell(row=n + 2, column=2).value for n in range(len(results))] == [r[1] for r in rows[1:]]
    heat = book[words["heat_map"]]
    assert [c.value for c in heat[1]][1:] == portfolio["heat_map"]["rules"]
    assert [[c.value for c in line][1:] for line in heat.iter_rows(min_row=2)] == portfolio["heat_map"]["counts"]
    if lang == "zh":  # the headers and sheet names a Chinese reader sees are Chinese
        assert english_words(" ".join(rows[0] + book.sheetnames)) == []


def test_chinese_summary_has_no_english_label():
    results = portfolio_results("zh")
    portfolio = build_portfolio(results, "zh")
    page = render_html(portfolio, "zh")
    allowed = {ruleset["name"] for ruleset in portfolio["rulesets"]}
    for result in results:
        allowed |= {result.client, result.source, result.error or ""}
        if result.report:
            allowed.add(result.report["organization"]["name"])
            allowed |= {c["title"]["zh"] for c in result.report["root_causes"]}
    assert english_words(_visible_text(page), allowed) == []


def _hostile_results(lang: str) -> list[ClientResult]:
    """Clients whose names, organisation names, root-cause titles and failure reasons are attacks."""
    results = []
    for index, text in enumerate(HOSTILE):
        report = copy.deepcopy(real_reports.report("cross-border-seller", lang))
        report["organization"]["name"] = text
        report["root_causes"][0]["title"][lang] = text
        report["score"]["overall"] = float(index)  # a bar of the histogram each, so every name is in the SVG
        results.append(ClientResult(f"{text}-{index}", f"clients/{text}.yaml", "audited", None, report, 0.1))
    results.append(ClientResult(HOSTILE[0], HOSTILE[1], "failed", HOSTILE[2] + "\n" + HOSTILE[0], None, 0.1))
    return results


def test_hostile_client_text_is_escaped_in_html_and_svg(tmp_path):
    write_summary(_hostile_results("en"), tmp_path, "en")
    page = (tmp_path / "portfolio.html").read_text(encoding="utf-8")
    document = html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)
    tags = {element.tag for element in document.iter() if isinstance(element.tag, str)}
    assert "script" not in tags and "img" not in tags
    assert not any(name.startswith("on") for element in document.iter() for name in element.attrib)
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;-0" in svg  # the bar's hover title
    assert "\x07" not in page
    texts = "".join(document.itertext())
    assert "<script>alert(1)</script>" in texts  # shown, as text


def test_hostile_client_text_is_inert_in_csv(tmp_path):
    write_summary(_hostile_results("en"), tmp_path, "en")
    raw = (tmp_path / "portfolio.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    cells = [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")) for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    for text in HOSTILE:
        if text.startswith(FORMULA_STARTS):
            assert "'" + text in cells
    assert "=HYPERLINK" in raw.decode("utf-8-sig")  # kept, behind the apostrophe


def test_hostile_client_text_is_text_in_the_workbook(tmp_path):
    write_summary(_hostile_results("en"), tmp_path, "en")
    book = openpyxl.load_workbook(tmp_path / "portfolio.xlsx")
    assert len(book.worksheets) == 4
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
                values.append(cell.value)
    for text in HOSTILE[2:7]:  # the formula-like ones, kept as they were written
        assert text in values
    clients = book.worksheets[0]
    assert clients.cell(row=2, column=1).value == 1 and clients.cell(row=2, column=6).data_type == "n"  # numbers


def test_same_results_same_bytes_in_any_order(batch, tmp_path):
    lang, results = batch
    shuffled = list(results)
    random.Random(11).shuffle(shuffled)
    first = write_summary(results, tmp_path / "a", lang)
    second = write_summary(shuffled, tmp_path / "b", lang)
    assert first == second
    for name in ("portfolio.json", "portfolio.csv", "portfolio.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert json.loads((tmp_path / "a" / "portfolio.json").read_text(encoding="utf-8")) == first
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["portfolio.csv", "portfolio.html",
                                                                  "portfolio.json", "portfolio.xlsx"]


def test_a_portfolio_where_every_client_failed(tmp_path):
    portfolio = write_summary(FAILED, tmp_path, "zh")
    assert portfolio["statistics"]["score"] is None and portfolio["rules"] == []
    assert portfolio["heat_map"] == {"rules": [], "clients": [], "counts": []}
    page = (tmp_path / "portfolio.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=False).parse(page)
    assert "暂无可展示的内容" in page and "broken-sheet" in page
