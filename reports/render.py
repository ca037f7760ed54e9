"""Render a report dict as JSON (report-v1), Markdown or a single self-contained HTML file.

HTML uses jinja2 with autoescape on; Markdown escapes client text with the `md`
filter. Both use StrictUndefined so a template error shows in tests, not in a
client's report.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2

from engine.findings import format_value
from reports.i18n import words

FORMATS = ("json", "md", "html")
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(value: object) -> str:
    """Client text inside Markdown: no markup, no HTML, no table breaks, one line."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def _env(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=autoescape,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["val"] = format_value
    return env


def render_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render(report: dict, fmt: str) -> str:
    if fmt == "json":
        return render_json(report)
    lang = report["language"]
    env = _env(autoescape=(fmt == "html"))
    template = env.get_template("report.html.j2" if fmt == "html" else "report.md.j2")
    return template.render(r=report, lang=lang, **words(lang))
