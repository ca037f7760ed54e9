"""The portfolio summary: one view of every client of a batch, for an agency's account manager.

`write_summary` turns the batch's ClientResults into DIR/portfolio.json (the record other tools read),
portfolio.csv (the clients table), portfolio.xlsx (clients, common root causes, common rules, heat map) and
portfolio.html (one self-contained page in English or Chinese), each written atomically. The figures are
computed once (portfolio.summary_tables, with pandas) and every file shows the same ones. Failed clients
are listed with their reason and left out of the statistics. The same results give the same JSON, CSV and
HTML bytes: nothing here reads a clock or the clients' wall times.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from engine import __version__
from engine.atomic import write_text_atomically
from engine.ruleset import Ruleset
from engine.ruleset_model import DIMENSIONS
from engine.scoring import band
from portfolio.messages import shared_organization_line
from portfolio.results import ClientResult
from portfolio.summary_chart import histogram_svg
from portfolio.summary_files import write_csv, write_xlsx
from portfolio.summary_tables import portfolio_tables
from portfolio.summary_words import WORDS, words
from reports.charts.svg import num

PORTFOLIO_VERSION = 1
_TEMPLATES = Path(__file__).resolve().parent.parent / "reports" / "templates"
# Control characters (but tab, newline, CR) are not text in HTML: a client's stray BEL or NUL is dropped.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Heat-map shades: a cell with at least this many findings takes the level's shade (0 findings: blank).
HEAT_LEVELS = (1, 2, 4, 10)


def build_portfolio(results: list[ClientResult], lang: str, ruleset: Ruleset | None = None) -> dict:
    """The portfolio dict (portfolio.json): identity, then every table in `lang`.

    `ruleset` (the batch's, optional) names the rules; without it the shipped ruleset the reports name does.
    """
    reports = [r.report for r in results if r.report is not None]
    rulesets = sorted({(r["ruleset"]["name"], r["ruleset"]["version"], r["ruleset"]["sha256"]) for r in reports})
    return {"portfolio_version": PORTFOLIO_VERSION, "tool": {"name": "kpi-audit", "version": __version__},
            "language": lang,
            "rulesets": [{"name": name, "version": version, "sha256": sha} for name, version, sha in rulesets],
            **portfolio_tables(results, lang, ruleset)}


def _level(count: int) -> int:
    return sum(count >= floor for floor in HEAT_LEVELS)


def _legend_levels() -> list[dict]:
    """The heat map's key: each shade with the counts it stands for (1, 2–3, 4–9, 10+)."""
    levels = []
    for index, floor in enumerate(HEAT_LEVELS):
        upper = HEAT_LEVELS[index + 1] - 1 if index + 1 < len(HEAT_LEVELS) else None
        text = f"{floor}+" if upper is None else (str(floor) if upper == floor else f"{floor}–{upper}")
        levels.append({"level": index + 1, "text": text})
    return levels


def view(portfolio: dict, lang: str) -> dict:
    """What the HTML template shows, derived so the template holds no logic."""
    w = WORDS[lang]
    rows = portfolio["clients"]
    heat = portfolio["heat_map"]
    return {
        "scored": [r for r in rows if r["rank"] is not None],
        "failed": [r for r in rows if r["rank"] is None],
        "histogram": Markup(histogram_svg(portfolio["histogram"], w, words(lang)["bands"], lang)),
        "heat_rows": [{"client": row["client"], "organization": row["organization"],
                       "cells": [{"count": c, "level": _level(c)} for c in counts]}
                      for row, counts in zip((r for r in rows if r["rank"] is not None), heat["counts"])],
        "heat_titles": {r["code"]: r["title"] for r in portfolio["rules"]},
        "levels": _legend_levels(),
        "dimensions": DIMENSIONS,
        # the change column only when some client has an earlier saved audit (`batch --save`)
        "changes": any(r["score_change"] is not None for r in rows),
        "shared": [shared_organization_line(shared, lang, "shared_organization_page")
                   for shared in portfolio["shared_organizations"]],
    }


def _band_of(value: float | None) -> str:
    """A score's band, as a CSS class ("none" for a dimension nothing could be judged in)."""
    return band(value) if value is not None else "none"


def _signed(value: float | None, lang: str) -> str:
    """A score change as a reader reads it: +3.5, -2, ±0 (what rounds to 0 at one decimal), — for none."""
    if value is None:
        return "—"
    shown = round(float(value), 1)
    return WORDS[lang]["no_change"] if shown == 0 else f"{shown:+g}"


def _without_controls(value: object) -> object:
    """Client text without control characters; Markup (the histogram, already clean) passes untouched."""
    return _CONTROL.sub("", value) if isinstance(value, str) and not isinstance(value, Markup) else value


def render_html(portfolio: dict, lang: str) -> str:
    """The self-contained HTML page (jinja2 autoescape: client text is always escaped)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True,
                             finalize=_without_controls)
    env.filters["num"] = lambda value: "—" if value is None else num(value)
    env.filters["band"] = _band_of
    env.filters["signed"] = lambda value: _signed(value, lang)
    return env.get_template("portfolio.html.j2").render(p=portfolio, v=view(portfolio, lang), lang=lang,
                                                        **words(lang))


def render_json(portfolio: dict) -> str:
    return json.dumps(portfolio, ensure_ascii=False, indent=2) + "\n"


def write_summary(results: list[ClientResult], out_dir: Path, lang: str, ruleset: Ruleset | None = None) -> dict:
    """DIR/portfolio.json, .csv, .xlsx and .html, each atomically; returns the portfolio dict.

    `ruleset`, the batch's, titles the rules (an override's own ones included) without loading one again."""
    out_dir = Path(out_dir)
    portfolio = build_portfolio(results, lang, ruleset)
    write_text_atomically(out_dir / "portfolio.json", render_json(portfolio))
    write_csv(out_dir / "portfolio.csv", portfolio["clients"], lang)
    write_xlsx(out_dir / "portfolio.xlsx", portfolio, lang)
    write_text_atomically(out_dir / "portfolio.html", render_html(portfolio, lang))
    return portfolio
