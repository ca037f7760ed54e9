"""The report charts: well-formed, inert, deterministic SVG that stays legible for large organisations."""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from engine.ruleset_model import DIMENSIONS
from reports.charts import cause_bars, dimension_bars, driver_tree, org_tree, radar, text_width, truncate
from reports.charts.driver_tree import CAP
from reports.charts.org_tree import MAX_WIDTH
from reports.charts.svg import BAND_COLOURS, WORDS
from reports.i18n import BANDS as BAND_WORDS
from reports.i18n import DIMENSIONS as DIMENSION_WORDS

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script> &amp; "q" \'s\' ]]> \u202eevil'
DRAWN = {"svg", "title", "g", "text", "tspan", "rect", "line", "polygon", "path", "circle"}
ROOT = Path(__file__).resolve().parent.parent


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    """Drawn texts, client text unwrapped from the bidi isolation engine/bidi.py adds (FSI … PDF PDI)."""
    return [el.text.removeprefix("\u2068").removesuffix("\u2069").removesuffix("\u202c")
            for el in root.iter() if el.text]


def scores(low: float = 17, high: float = 100) -> dict[str, float]:
    return {d: (low if i % 2 else high) for i, d in enumerate(DIMENSIONS)}


def kpi(id_: str, name: str, kind: str = "result", core: bool = True, drives: list[str] | None = None,
        objectives: list[str] | None = None, findings: int = 0) -> dict:
    return {"id": id_, "name": name, "kind": kind, "core": core, "drives": drives or [],
            "objectives": objectives or [], "findings": findings}


def large_kpis(n: int = 250) -> tuple[list[dict], list[dict]]:
    objectives = [{"id": f"o{i}", "name": f"Objective {i}"} for i in range(40)]
    kinds = ("result", "process", "input", "behaviour")
    kpis = [kpi(f"k{i}", f"KPI number {i}", kinds[i % 4], core=i % 7 != 0, findings=i % 3,
                drives=[f"k{(i // 4) * 4}"] if kinds[i % 4] == "process" else [],
                objectives=[f"o{i % 40}"] if kinds[i % 4] == "result" else []) for i in range(n)]
    return objectives, kpis


def units(n: int, hostile: bool = False) -> list[dict]:
    out = [{"id": "root", "name": "Head office", "parent": None, "score": 50.3}]
    out += [{"id": f"d{i}", "name": f"Division {i}", "parent": "root", "score": 17 + i * 9} for i in range(6)]
    out += [{"id": f"t{i}", "name": HOSTILE if hostile and i == 0 else f"Team {i}",
             "parent": f"d{i % 3}" if i < n - 12 else f"t{i % 3}", "score": None if i % 5 == 0 else 100}
            for i in range(n - 7)]
    return out


def every_chart(name: str = HOSTILE, lang: str = "en") -> dict[str, str]:
    labels = dict(DIMENSION_WORDS[lang], focus=name)
    return {
        "radar": radar(scores(), labels, scores(40, 100), lang=lang),
        "dimension_bars": dimension_bars(scores(), labels, BAND_WORDS[lang], lang=lang),
        "cause_bars": cause_bars([{"label": name, "points": 12.5, "severity": "high"},
                                  {"label": "B", "points": 3, "severity": "low"}], lang=lang),
        "driver_tree": driver_tree([{"id": "o", "name": name}],
                                   [kpi("p", name, "process", drives=["r"], findings=2),
                                    kpi("r", name, objectives=["o"])], lang),
        "org_tree": org_tree([{"id": "a", "name": name, "parent": None, "score": 60},
                              {"id": "b", "name": name, "parent": "a", "score": None}], lang),
        "empty driver_tree": driver_tree([], [], lang),
        "one-unit org_tree": org_tree([{"id": "a", "name": name, "parent": None, "score": 60}], lang),
        "empty cause_bars": cause_bars([], lang=lang),
        "empty radar": radar({}, {}, lang=lang),
    }


@pytest.mark.parametrize("chart", list(every_chart()))
def test_every_chart_is_well_formed_accessible_and_inert(chart: str) -> None:
    svg = every_chart()[chart]
    root = parse(svg)
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") == "100%" and "max-width:" in root.get("style", "")
    assert root.get("role") == "img" and "Noto Sans CJK SC" in root.get("font-family", "")
    assert root[0].tag == f"{NS}title" and root[0].text
    assert {el.tag.removeprefix(NS) for el in root.iter()} <= DRAWN
    lowered = svg.lower()
    assert "<script" not in lowered and "href" not in lowered and "url(" not in lowered
    assert not any(el.get("id") for el in root.iter())


@pytest.mark.parametrize("chart", [c for c in every_chart() if not c.startswith(("empty", "one-unit"))])
def test_hostile_client_text_stays_text(chart: str) -> None:
    root = parse(every_chart()[chart])
    shown = texts(root)
    assert HOSTILE in shown or any(HOSTILE.startswith(t.removesuffix("…")) and len(t) > 8 for t in shown)
    assert any("\u202e" in t for t in shown) or chart == "org_tree" and any(t.startswith("<script>") for t in shown)


def test_characters_xml_forbids_are_dropped_not_fatal() -> None:
    root = parse(cause_bars([{"label": "bell\x07 null\x00 esc\x1b", "points": 1, "severity": "low"}]))
    assert "bell null esc" in texts(root)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_same_input_same_bytes_in_any_process(lang: str) -> None:
    first = every_chart(lang=lang)
    assert first == every_chart(lang=lang)
    code = ("import json, sys; sys.path.insert(0, 'tests'); from test_charts import every_chart, large_kpis, units;"
            "from reports.charts import driver_tree, org_tree;"
            f"print(json.dumps([every_chart(lang={lang!r}), driver_tree(*large_kpis(), {lang!r}),"
            f" org_tree(units(60), {lang!r})]))")
    runs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2")}
    assert len(runs) == 1


def bar_fills(svg: str) -> set[str]:
    return {el.get("fill") for el in parse(svg).iter(f"{NS}rect") if el.get("height") == "16"} - {"#f1f3f6"}


def test_bars_of_a_critical_and_a_strong_score_differ_in_colour() -> None:
    low = bar_fills(dimension_bars({"focus": 17}, DIMENSION_WORDS["en"], BAND_WORDS["en"]))
    high = bar_fills(dimension_bars({"focus": 100}, DIMENSION_WORDS["en"], BAND_WORDS["en"]))
    assert low == {BAND_COLOURS["critical"]} and high == {BAND_COLOURS["strong"]}


def test_org_boxes_take_their_band_colour_and_print_the_score() -> None:
    svg = org_tree([{"id": "a", "name": "A", "parent": None, "score": 17},
                    {"id": "b", "name": "B", "parent": "a", "score": 100}], "en")
    strokes = {el.get("stroke") for el in parse(svg).iter(f"{NS}rect")}
    assert {BAND_COLOURS["critical"], BAND_COLOURS["strong"]} <= strokes
    assert {"17", "100"} <= set(texts(parse(svg)))


def test_radar_and_bars_print_every_value() -> None:
    values = {d: 10.0 + i * 11.1 for i, d in enumerate(DIMENSIONS)}
    for svg in (radar(values, DIMENSION_WORDS["en"]), dimension_bars(values, DIMENSION_WORDS["en"], BAND_WORDS["en"])):
        shown = texts(parse(svg))
        assert all(f"{round(v, 1):g}" in shown for v in values.values())
        assert all(DIMENSION_WORDS["en"][d] in shown for d in DIMENSIONS)


def test_large_driver_tree_caps_each_column_and_counts_the_rest() -> None:
    objectives, kpis = large_kpis(250)
    svg = driver_tree(objectives, kpis, "en")
    assert len(svg) < 120_000
    shown = texts(parse(svg))
    drawn = [k for k in kpis if k["name"] in shown]
    assert all(k["core"] and k["kind"] != "behaviour" for k in drawn)
    for kinds in (("process", "input"), ("result",)):
        column = [k for k in kpis if k["core"] and k["kind"] in kinds]
        in_chart = [k for k in drawn if k["kind"] in kinds]
        assert len(in_chart) == CAP - 1
        assert WORDS["en"]["more"].format(n=len(column) - (CAP - 1)) in shown
        assert all(k["findings"] for k in in_chart)  # KPIs with findings are kept first
    assert sum(t.startswith("Objective ") for t in shown) == CAP - 1


def test_driver_tree_orders_a_column_to_uncross_edges() -> None:
    kpis = [kpi("r1", "Result one"), kpi("r2", "Result two"),
            kpi("p1", "Drives two", "process", drives=["r2"]), kpi("p2", "Drives one", "input", drives=["r1"])]
    root = parse(driver_tree([], kpis, "en"))
    y = {el.text: float(el.get("y")) for el in root.iter(f"{NS}text")}
    assert (y["Drives two"] < y["Drives one"]) == (y["Result two"] < y["Result one"])


def test_driver_tree_marks_findings_and_leaves_out_behaviour_and_non_core() -> None:
    kpis = [kpi("r", "Net profit", findings=7), kpi("b", "Attendance", "behaviour"),
            kpi("n", "Side metric", core=False), kpi("p", "Ad spend", "process", drives=["r"])]
    shown = texts(parse(driver_tree([], kpis, "en")))
    assert "Net profit" in shown and "Ad spend" in shown and "7" in shown
    assert "Attendance" not in shown and "Side metric" not in shown


def test_large_org_tree_wraps_within_the_page_and_shows_every_unit() -> None:
    tree = units(60, hostile=True)
    svg = org_tree(tree, "en")
    root = parse(svg)
    assert len(svg) < 80_000 and float(root.get("viewBox").split()[2]) <= MAX_WIDTH + 24
    shown = texts(root)
    assert all(u["name"] in shown for u in tree) and shown.count(WORDS["en"]["not_scored"]) >= 10


def test_chinese_labels_and_chart_words_are_drawn() -> None:
    charts = every_chart("亚马逊美国站净利润", "zh")
    for name, svg in charts.items():
        shown = texts(parse(svg))
        if name.startswith(("empty", "one-unit")):
            assert WORDS["zh"]["nothing"] in shown
        else:
            assert "亚马逊美国站净利润" in shown, name
    assert "未评分" in texts(parse(charts["org_tree"]))


def test_empty_charts_say_so() -> None:
    for svg in (driver_tree([], [kpi("b", "Attitude", "behaviour")], "en"), org_tree([], "en"), cause_bars([])):
        assert WORDS["en"]["nothing"] in texts(parse(svg))


def test_text_width_and_truncation() -> None:
    assert text_width("指标", 12) == 24
    assert text_width("abc", 10) == pytest.approx(16.5)
    cut = truncate("Amazon US gross merchandise value after refunds", 12, 120)
    assert cut.endswith("…") and text_width(cut, 12) <= 120
    assert truncate("GMV\n增长", 12, 200) == "GMV 增长"
