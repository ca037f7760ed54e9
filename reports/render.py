"""Render a report dict as JSON (report-v1), Markdown or a single self-contained HTML file.

HTML uses jinja2 with autoescape on; Markdown escapes client text with the `md`
filter. Both use StrictUndefined so a template error shows in tests, not in a
client's report. Every value a template prints passes one last filter (jinja's
`finalize`), so no client string can slip past it: in HTML, text with bidi
controls or right-to-left letters is isolated (FSI … PDI, what `<bdi>` does);
in Markdown, bidi controls are dropped and invisible characters shown
(engine/bidi.py says why).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from engine.bidi import isolate, reveal
from engine.findings import format_value
from reports.document import document
from reports.i18n import words

FORMATS = ("json", "md", "html")
_TEMPLATES = Path(__file__).resolve().parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_escape(value: object) -> str:
    """Client text inside Markdown: no markup, no HTML, no table breaks, one line, no bidi or invisible controls."""
    text = " ".join(reveal(str(value)).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(value: object) -> str:
    """Client text as a Markdown code span (backslashes are literal there, so none are added)."""
    text = " ".join(reveal(str(value)).split()).replace("`", "'")
    return f"`{text}`"


def _isolated(value: object) -> object:
    """HTML's last filter: a string isolated when it could reorder its surroundings; markup (charts, ids
    already escaped) as it is."""
    return isolate(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _revealed(value: object) -> object:
    """Markdown's last filter: no bidi control and no invisible character reaches the page unseen."""
    return reveal(value) if isinstance(value, str) else value


def _env(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=autoescape,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, finalize=_isolated if autoescape else _revealed)
    env.filters["md"] = md_escape
    env.filters["code"] = md_code
    env.filters["val"] = format_value
    env.filters["idbreak"] = id_breaks
    return env


_ID_SEPARATORS = re.compile(r"([-_:./@])")


def id_breaks(value: object) -> Markup:
    """An id (escaped) that may wrap only after its separators, never inside a word (print, narrow tables)."""
    return Markup(_ID_SEPARATORS.sub(r"\1<wbr>", str(escape(str(value)))))


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _block(value: object, indent: str) -> str:
    """Mappings one key a line; lists of records one record a line (json's C encoder, not indent=)."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        items = [f"{inner}{_compact(k)}: {_block(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return "[\n" + ",\n".join(inner + _compact(v) for v in value) + f"\n{indent}]"
    return _compact(value)


def render_json(report: dict) -> str:
    """report-v1 JSON: top-level keys and sections a line each, every finding and plan item on one line.

    Byte-for-byte deterministic, and fast on large portfolios: json.dumps with
    `indent` falls back to the pure-Python encoder.
    """
    return _block(report, "") + "\n"


def render(report: dict, fmt: str) -> str:
    if fmt == "json":
        return render_json(report)
    lang = report["language"]
    env = _env(autoescape=(fmt == "html"))
    template = env.get_template("report.html.j2" if fmt == "html" else "report.md.j2")
    return template.render(r=report, lang=lang, d=document(report), **words(lang))
