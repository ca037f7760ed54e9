"""An organisation's saved audits as `kpi-audit history` prints them: a table, JSON, or one self-contained HTML
page with trend charts, in English or Chinese. Pure functions of the store's rows."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import jinja2
from markupsafe import Markup

from engine import __version__
from engine.bidi import isolate
from engine.ruleset_model import DIMENSIONS, SEVERITIES
from history.trend import dimension_trends, overall_trend
from history.words import WORDS
from reports.charts.svg import num
from reports.i18n import BANDS
from reports.i18n import DIMENSIONS as DIMENSION_WORDS
from reports.i18n import SEVERITIES as SEVERITY_WORDS

FORMATS = ("table", "json", "html")
_TEMPLATES = Path(__file__).resolve().parent / "templates"
NOT_ASSESSED_MARK = "*"


def history_data(org_id: str, audits: list[dict]) -> dict:
    """The history as JSON holds it: the organisation (named as in its latest audit) and its audits, oldest first
    (at least one: Store.history refuses an organisation it has none of)."""
    return {"organization": {"id": org_id, "name": audits[-1]["org_name"]}, "audits": audits}


def render_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _width(text: str) -> int:
    """Columns a terminal gives `text`: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _aligned(rows: list[list[str]], numeric_from: int) -> list[str]:
    """Rows as aligned lines; columns from `numeric_from` on are numbers, right-aligned."""
    widths = [max(_width(row[c]) for row in rows) for c in range(len(rows[0]))]

    def cell(c: int, value: str) -> str:
        pad = " " * (widths[c] - _width(value))
        return pad + value if c >= numeric_from else value + pad

    return ["  ".join(cell(c, value) for c, value in enumerate(row)).rstrip() for row in rows]


def render_table(data: dict, lang: str) -> str:
    """Two tables for a terminal: each audit's score, band, potential and counts by severity, then its scores
    by dimension (a not-assessed dimension marked, since its score counts what is missing as lost)."""
    w = WORDS[lang]
    audits, org = data["audits"], data["organization"]
    head = f"{org['name']} ({org['id']})" if lang == "en" else f"{org['name']}（{org['id']}）"
    lines = [f"{head}{w['colon']}{w['audits'].format(count=len(audits))}", ""]
    overview = [[w["id"], w["date"], w["band"], w["ruleset"], w["score"], w["potential"], w["findings"],
                 *(SEVERITY_WORDS[lang][s] for s in SEVERITIES)]]
    overview += [[f"#{a['id']}", a["audit_date"], BANDS[lang][a["band"]],
                  f"{a['ruleset']['name']} {a['ruleset']['version']}", num(a["score"]), num(a["potential"]),
                  str(a["findings"]), *(str(a["by_severity"].get(s, 0)) for s in SEVERITIES)] for a in audits]
    lines += _aligned(overview, 4)
    lines += ["", w["scores"]]
    scores = [[w["id"], w["date"], *(DIMENSION_WORDS[lang][d] for d in DIMENSIONS)]]
    scores += [[f"#{a['id']}", a["audit_date"],
                *(_dimension_cell(a, d) for d in DIMENSIONS)] for a in audits]
    lines += _aligned(scores, 2)
    if any(a["not_assessed_dimensions"] for a in audits):
        lines.append(f"{NOT_ASSESSED_MARK} {w['not_assessed']}")
    return "\n".join(lines) + "\n"


def _dimension_cell(audit: dict, dimension: str) -> str:
    value = audit["dimensions"].get(dimension)
    if value is None:
        return "–"
    return num(value) + (NOT_ASSESSED_MARK if dimension in audit["not_assessed_dimensions"] else "")


def _isolated(value: object) -> object:
    """The page's last filter: client text that could reorder its surroundings is isolated (engine/bidi.py)."""
    return isolate(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def render_html(data: dict, lang: str) -> str:
    """One self-contained page: the trend charts (inline SVG) and the two tables; client text escaped."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, finalize=_isolated)
    env.filters["num"] = num
    audits = data["audits"]
    charts = {"overall": Markup(overall_trend(audits, lang)),
              "dimensions": Markup(dimension_trends(audits, DIMENSION_WORDS[lang], lang))}
    return env.get_template("history.html.j2").render(
        lang=lang, w=WORDS[lang], org=data["organization"], audits=audits, charts=charts, dimensions=DIMENSIONS,
        dimension_words=DIMENSION_WORDS[lang], severities=SEVERITIES, severity_words=SEVERITY_WORDS[lang],
        bands=BANDS[lang], mark=NOT_ASSESSED_MARK, version=__version__)


def render(data: dict, fmt: str, lang: str) -> str:
    """The history in `fmt` (one of FORMATS)."""
    if fmt == "json":
        return render_json(data)
    if fmt == "html":
        return render_html(data, lang)
    return render_table(data, lang)
