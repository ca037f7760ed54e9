"""Render every report chart for a small and a large synthetic organisation, in English and Chinese, to one
HTML page, so a person can look at them (headless Chromium turns it into a PNG).

    .venv/bin/python scripts/chart_preview.py [--out /tmp/charts_preview.html]
    chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir=/tmp/chr-charts \
        --screenshot=/tmp/charts.png --window-size=1280,3000 file:///tmp/charts_preview.html

The inputs are synthetic and seeded, so the page is the same bytes on every run.
"""
from __future__ import annotations

import argparse
import html
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.ruleset_model import DIMENSIONS  # noqa: E402
from reports.charts import cause_bars, dimension_bars, driver_tree, org_tree, radar  # noqa: E402
from reports.i18n import BANDS, DIMENSIONS as DIMENSION_WORDS  # noqa: E402

NAMES = {
    "en": {"result": ["GMV", "Contribution margin", "Net profit", "Repeat purchase rate", "ACoS", "Market share",
                      "Seller rating", "Return rate"],
           "process": ["New listings per day", "Ad spend", "Keyword coverage", "Response time", "Reviews gained",
                       "Samples sent to creators", "In-stock rate", "Live-stream hours"],
           "markets": ["US", "DE", "UK", "JP", "SEA", "MX"],
           "objectives": ["Grow profitable revenue 30%", "Become #1 in home storage on Amazon US",
                          "Cut returns below 5%", "Launch TikTok Shop UK", "Build a brand customers return to",
                          "Keep stock-outs under 2%"],
           "units": ["Nova Home", "Amazon", "TikTok Shop", "Shopee", "Supply chain", "Finance", "Brand"],
           "teams": ["Operations", "Advertising", "Content", "Customer service", "Listings", "Warehouse"],
           "causes": ["No company objective exists, so no core KPI reaches one",
                      "Scorecards carry no weights", "GMV is defined twice, in different currencies",
                      "Amazon DE has no performance review covering its KPIs",
                      "Bonus pays on activity, not on results", "Result KPIs have no process KPI behind them"]},
    "zh": {"result": ["GMV", "贡献毛利", "净利润", "复购率", "广告ACoS", "市场份额", "店铺评分", "退货率"],
           "process": ["每日上新数量", "广告花费", "关键词覆盖率", "客服响应时长", "新增评价数", "达人寄样数",
                       "现货率", "直播时长"],
           "markets": ["美国站", "德国站", "英国站", "日本站", "东南亚", "墨西哥站"],
           "objectives": ["盈利性收入增长30%", "成为亚马逊美国站收纳品类第一", "退货率降至5%以下",
                          "上线TikTok Shop英国站", "打造有复购的品牌", "断货率控制在2%以内"],
           "units": ["诺瓦家居", "亚马逊事业部", "TikTok事业部", "Shopee事业部", "供应链中心", "财务部", "品牌部"],
           "teams": ["运营组", "广告组", "内容组", "客服组", "上新组", "仓储组"],
           "causes": ["公司没有设定目标，因此没有任何核心KPI能对齐到目标",
                      "考核表没有设置权重", "GMV有两套口径，币种不同", "亚马逊德国站没有绩效复盘覆盖其KPI",
                      "奖金挂钩的是动作而非结果", "结果指标背后没有过程指标支撑"]},
}
HOSTILE = '<script>alert(1)</script> & "quotes" ]]> \u202eevil'


def scores(rng: random.Random) -> tuple[dict[str, float], dict[str, float]]:
    values = {d: round(rng.uniform(15, 100), 1) for d in DIMENSIONS}
    return values, {d: round(min(100.0, v + rng.choice([0, 0, 8.5, 20])), 1) for d, v in values.items()}


def org(lang: str, rng: random.Random, large: bool) -> tuple[list[dict], list[dict], list[dict]]:
    """Objectives, KPIs and units of a synthetic seller (about 10 KPIs and 7 units, or 250 and 60)."""
    words = NAMES[lang]
    objectives = [{"id": f"o{i}", "name": name} for i, name in enumerate(words["objectives"][:6 if large else 3])]
    kpis = []
    for i in range(250 if large else 11):
        kind = rng.choice(["result", "process", "process", "input", "behaviour"]) if large else \
            ["result", "result", "result", "result", "process", "process", "process", "input", "behaviour",
             "result", "process"][i]
        pool = words["result" if kind == "result" else "process"]
        name = f"{words['markets'][i % 6]} {pool[i % len(pool)]}" if lang == "en" else \
            f"{words['markets'][i % 6]}{pool[i % len(pool)]}"
        kpis.append({"id": f"k{i}", "name": name, "kind": kind, "core": not large or rng.random() < 0.88,
                     "drives": [], "objectives": [], "findings": rng.choice([0, 0, 0, 1, 2, 5])})
    results = [k["id"] for k in kpis if k["kind"] == "result"]
    for kpi in kpis:
        if kpi["kind"] in ("process", "input") and rng.random() < 0.8:
            kpi["drives"] = rng.sample(results, 1 + (rng.random() < 0.3))
        if kpi["kind"] == "result" and rng.random() < 0.7:
            kpi["objectives"] = [rng.choice(objectives)["id"]]
    if not large:
        kpis[0]["name"] = "Amazon US gross merchandise value after refunds and marketplace fees" if lang == "en" \
            else "亚马逊美国站扣除退款和平台佣金后的成交总额"
        kpis[1]["name"] = HOSTILE
    units = [{"id": "u0", "name": words["units"][0], "parent": None, "score": 50.3}]
    depts = words["units"][1:] if large else words["units"][1:4]
    for d, name in enumerate(depts):
        units.append({"id": f"d{d}", "name": name, "parent": "u0", "score": rng.choice([None, 17, 45, 66, 84, 96])})
    if large:
        for t in range(60 - len(units)):
            parent = "d0" if t < 20 else f"d{1 + t % 4}" if t < 46 else f"t{46 + (t - 46) % 2}"
            if t in (46, 47):
                parent = "d1"
            team = words["teams"][t % 6]
            units.append({"id": f"t{t}", "name": f"{words['markets'][t % 6]} {team}" if lang == "en" else
                          f"{words['markets'][t % 6]}{team}", "parent": parent,
                          "score": rng.choice([None, 12.5, 38, 55, 61, 79.9, 88, 93, 100])})
    else:
        units.append({"id": "t0", "name": HOSTILE, "parent": "d0", "score": 61})
        units.append({"id": "t1", "name": words["teams"][1], "parent": "d0", "score": None})
        units.append({"id": "t2", "name": words["teams"][2], "parent": "d1", "score": 100})
    return objectives, kpis, units


def charts(lang: str, large: bool) -> list[tuple[str, str]]:
    rng = random.Random(f"{lang}-{large}")
    values, potential = scores(rng)
    objectives, kpis, units = org(lang, rng, large)
    words = NAMES[lang]
    causes = [{"label": c, "points": p, "severity": s} for c, p, s in
              zip(words["causes"] * (3 if large else 1), [14.2, 9.5, 7.25, 4, 2.5, 1, 0.8, 0.5] * 3,
                  ["critical", "high", "high", "medium", "medium", "low"] * 3)]
    if not large:
        causes.append({"label": HOSTILE, "points": 0.3, "severity": "low"})
    return [("radar", radar(values, DIMENSION_WORDS[lang], potential, lang=lang)),
            ("dimension_bars", dimension_bars(values, DIMENSION_WORDS[lang], BANDS[lang], lang=lang)),
            ("cause_bars", cause_bars(causes, lang=lang)),
            ("driver_tree", driver_tree(objectives, kpis, lang)),
            ("org_tree", org_tree(units, lang)),
            ("empty driver_tree", driver_tree([], [], lang)),
            ("one-unit org_tree", org_tree(units[:1], lang))]


def page() -> str:
    sections = []
    for large in (False, True):
        for lang in ("en", "zh"):
            sections.append(f"<h2>{'large' if large else 'small'} · {lang}</h2>")
            sections += [f"<h3>{html.escape(name)}</h3>{svg}" for name, svg in charts(lang, large)
                         if not (large and name.startswith(("empty", "one-unit")))]
    return ("<!doctype html><html><head><meta charset='utf-8'><title>kpi-audit charts</title><style>"
            "body{font-family:'Noto Sans CJK SC',sans-serif;max-width:980px;margin:0 auto;padding:24px}"
            "h3{color:#5b6576;font-weight:600;margin:1.4em 0 .4em}</style></head><body>"
            + "".join(sections) + "</body></html>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/charts_preview.html", help="HTML page to write")
    out = Path(parser.parse_args().out)
    out.write_text(page(), encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
