"""SVG building blocks shared by the charts: escaping, text measure, the document frame, colours and words.

The charts are embedded inline in HTML and PDF reports (weasyprint), so they use plain SVG 1.1 attributes
only: no <style>, no ids, no url(...) references (arrowheads are drawn as polygons), no dominant-baseline
(baselines are computed). Text width is estimated, not measured, so the output is the same bytes everywhere.
"""
from __future__ import annotations

import html
import re
import unicodedata

from engine.bidi import isolate
from engine.scoring import band

FONT = ("'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
        "'Segoe UI',Arial,sans-serif")
INK, MUTED, LINE, GRID, PAPER = "#1d2430", "#5b6576", "#c3cad5", "#e6e9ee", "#ffffff"
ACCENT = "#1f4e79"  # the client's own series (radar polygon, driver-tree edges to objectives)

# Band colours from red to green; every value is also printed, so grayscale print stays readable.
BAND_COLOURS = {"critical": "#c62828", "weak": "#e8590c", "fair": "#f0a500", "good": "#8bc34a",
                "strong": "#2e7d32"}
# Severity colours follow the report stylesheet's --critical/--high/--medium/--low.
SEVERITY_COLOURS = {"critical": "#7a0019", "high": "#b42318", "medium": "#b54708", "low": "#4a5565"}
UNSCORED = "#9aa3b0"

# Words drawn inside the charts; report words (dimensions, bands, severities) come from the caller or i18n.
WORDS: dict[str, dict[str, str]] = {
    "en": {"nothing": "Nothing to show", "more": "+{n} more", "not_scored": "not scored", "band": "Band:",
           "score": "Score", "potential": "Potential",
           "radar": "Score by dimension", "bars": "Score by dimension, coloured by band",
           "causes": "Points lost per root cause", "points": "points lost",
           "driver_tree": "KPI driver tree: what drives results, and the objectives they reach",
           "inputs": "Process and input KPIs", "results": "Result KPIs", "objectives": "Objectives",
           "findings": "with findings (count)", "drives": "drives", "reaches": "reaches objective",
           "org_tree": "Organisation: score of each unit"},
    "zh": {"nothing": "暂无可展示的内容", "more": "另有{n}项", "not_scored": "未评分", "band": "等级：",
           "score": "得分", "potential": "潜在得分",
           "radar": "各维度得分", "bars": "各维度得分（按等级着色）",
           "causes": "各根本原因的扣分", "points": "扣分",
           "driver_tree": "指标驱动树（指标-归因-行动）：过程指标驱动结果指标，结果指标支撑目标",
           "inputs": "过程与投入指标", "results": "结果指标", "objectives": "目标",
           "findings": "有诊断发现（数量）", "drives": "驱动", "reaches": "支撑目标",
           "org_tree": "组织架构：各部门得分"},
}

# Characters XML 1.0 forbids (C0 controls but tab/newline, surrogates, U+FFFE/F): dropped, never escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NARROW = set("il.,:;|!'`()[]{} ")
_WIDE = set("MWmw@%")


def esc(value: object) -> str:
    """Client text as XML character data or attribute value: markup escaped, quotes too, illegal chars dropped,
    bidi controls unable to reorder the rest of the label (engine/bidi.py)."""
    return html.escape(isolate(_NOT_XML.sub("", str(value))), quote=True)


def one_line(text: str) -> str:
    """Whitespace (newlines, tabs) folded to single spaces: a chart label is one line."""
    return " ".join(str(text).split())


def text_width(text: str, font_size: float) -> float:
    """Estimated rendered width: CJK and other wide characters 1em, Latin about 0.55em, marks and controls 0."""
    em = 0.0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
            continue
        if unicodedata.east_asian_width(char) in ("W", "F"):
            em += 1.0
        elif char in _NARROW:
            em += 0.32
        elif char in _WIDE or char.isupper():
            em += 0.7
        else:
            em += 0.55
    return em * font_size


def truncate(text: str, font_size: float, max_width: float) -> str:
    """`text` on one line, cut with an ellipsis so its estimated width fits `max_width`."""
    text = one_line(text)
    if text_width(text, font_size) <= max_width:
        return text
    budget = max_width - text_width("…", font_size)
    cut = ""
    for char in text:
        if text_width(cut + char, font_size) > budget:
            break
        cut += char
    return cut.rstrip() + "…"


def num(value: float) -> str:
    """A score or point figure as the reports print it: one decimal at most, no trailing .0."""
    return f"{round(float(value), 1):g}"


def band_colour(score: float) -> str:
    return BAND_COLOURS[band(score)]


def tint(colour: str, share: float = 0.2) -> str:
    """`colour` mixed with white (share of the colour kept): a pale fill that black text stays readable on."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


def text(x: float, y: float, content: str, size: float = 12, anchor: str = "start", fill: str = INK,
         weight: str | None = None) -> str:
    """A <text> at baseline y; content is escaped here, so callers pass raw client text."""
    extra = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}" fill="{fill}"'
            f'{extra}>{esc(content)}</text>')


def label(x: float, y: float, content: str, max_width: float, size: float = 12, anchor: str = "start",
          fill: str = INK, weight: str | None = None) -> str:
    """Text truncated to `max_width`; when cut, the full text goes in a <title> a reader can hover."""
    shown = truncate(content, size, max_width)
    drawn = text(x, y, shown, size, anchor, fill, weight)
    if shown == one_line(content):
        return drawn
    return f"<g><title>{esc(one_line(content))}</title>{drawn}</g>"


def rect(x: float, y: float, w: float, h: float, fill: str, stroke: str | None = None, stroke_width: float = 1,
         rx: float = 0, dash: str | None = None) -> str:
    extra = f' stroke="{stroke}" stroke-width="{num(stroke_width)}"' if stroke else ""
    extra += f' rx="{num(rx)}"' if rx else ""
    extra += f' stroke-dasharray="{dash}"' if dash else ""
    return f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" fill="{fill}"{extra}/>'


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = LINE, width: float = 1,
         dash: str | None = None) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" stroke="{stroke}" '
            f'stroke-width="{num(width)}"{extra}/>')


def document(width: float, height: float, title: str, body: list[str]) -> str:
    """The <svg> root every chart shares: scalable (width 100%, never wider than drawn), accessible, CJK fonts."""
    w, h = num(width), num(height)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
            f'style="max-width:{w}px;height:auto" role="img" font-family="{FONT}">'
            f"<title>{esc(title)}</title>" + "".join(body) + "</svg>")


def nothing(title: str, lang: str) -> str:
    """The small chart drawn when there is no data: the chart's title and a 'nothing to show' line."""
    words = WORDS[lang]
    return document(420, 64, title, [rect(0.5, 0.5, 419, 63, "#f7f8fa", LINE, rx=4),
                                     text(210, 28, title, 13, "middle", INK, "600"),
                                     text(210, 48, words["nothing"], 12, "middle", MUTED)])


def legend(x: float, y: float, entries: list[tuple[str, str]], heading: str | None = None, size: float = 12,
           max_width: float = 10_000) -> tuple[list[str], float]:
    """Colour swatches with their words, wrapped within `max_width` from (x, y); returns the parts and the height.

    `heading` is drawn as given (its colon comes from WORDS, since the two languages punctuate differently).
    """
    parts: list[str] = []
    cx, cy = x, y
    if heading:
        parts.append(text(cx, cy + size, heading, size, fill=MUTED))
        cx += text_width(heading, size) + size * 1.2
    for colour, word in entries:
        need = size + 6 + text_width(word, size) + 16
        if cx + need > x + max_width and cx > x:
            cx, cy = x, cy + size + 10
        parts.append(rect(cx, cy + 1, size, size, colour, rx=2))
        parts.append(text(cx + size + 5, cy + size, word, size))
        cx += need
    return parts, cy - y + size + 4

