"""Trend charts of an organisation's saved audits, inline SVG drawn with the reports' helpers (reports/charts).

One step of the x axis per saved audit, oldest on the left (audits are quarterly or so; equal steps keep every
audit readable where a time axis would crowd two audits of one month). Every value a reader needs is printed, so
the charts read without colour; client text is escaped by the helpers.
"""
from __future__ import annotations

import math

from engine.ruleset_model import DIMENSIONS
from engine.scoring import BANDS
from history.words import WORDS
from reports.charts import svg

WIDTH = 860
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 40, 62  # the overall chart's margins: y labels, title, dates and legend
PLOT_HEIGHT = 240
LABEL_SPACE = 84  # the least room an x-axis date needs; closer audits show every k-th date
VALUES_SHOWN = 16  # up to this many audits every point's value is printed, beyond it the first and last
PANEL_W, PANEL_H, PANEL_COLUMNS = 210, 132, 4  # one small chart per dimension


def _polyline(points: list[tuple[float, float]], colour: str, width: float, dash: str | None = None) -> str:
    coords = " ".join(f"{svg.num(x)},{svg.num(y)}" for x, y in points)
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{svg.num(width)}" '
            f'stroke-linejoin="round"{extra}/>')


def _dot(x: float, y: float, colour: str, radius: float, hollow: bool = False) -> str:
    fill = svg.PAPER if hollow else colour
    return (f'<circle cx="{svg.num(x)}" cy="{svg.num(y)}" r="{svg.num(radius)}" fill="{fill}" stroke="{colour}" '
            f'stroke-width="1.5"/>')


def _shown(index: int, count: int) -> bool:
    """Whether the value of the index-th of `count` points is printed (all of few, the ends of many)."""
    return count <= VALUES_SHOWN or index in (0, count - 1)


def overall_trend(audits: list[dict], lang: str) -> str:
    """Overall score per audit (dots coloured by band, values printed) over the bands' tinted ranges, with the
    potential dashed; dates under the axis."""
    words, chart_words = WORDS[lang], svg.WORDS[lang]
    title = words["overall_trend"]
    if not audits:
        return svg.nothing(title, lang)
    count = len(audits)
    plot_w = WIDTH - LEFT - RIGHT
    slot = plot_w / count

    def x(i: int) -> float:
        return LEFT + slot * (i + 0.5)

    def y(value: float) -> float:
        return TOP + PLOT_HEIGHT * (1 - max(0.0, min(100.0, float(value))) / 100)

    parts = [svg.text(LEFT, 20, title, 13, weight="600")]
    ceiling = 100
    for floor, name in BANDS:
        parts.append(svg.rect(LEFT, y(ceiling), plot_w, y(floor) - y(ceiling), svg.tint(svg.BAND_COLOURS[name], 0.1)))
        ceiling = floor
    for value in range(0, 101, 20):
        parts.append(svg.line(LEFT, y(value), LEFT + plot_w, y(value), svg.GRID))
        parts.append(svg.text(LEFT - 6, y(value) + 4, str(value), 11, "end", svg.MUTED))
    parts.append(_polyline([(x(i), y(a["potential"])) for i, a in enumerate(audits)], svg.MUTED, 1.5, "5 4"))
    parts.append(_polyline([(x(i), y(a["score"])) for i, a in enumerate(audits)], svg.ACCENT, 2.5))
    every = max(1, math.ceil(LABEL_SPACE / slot))
    for i, audit in enumerate(audits):
        colour = svg.band_colour(audit["score"])
        parts.append(f'<g><title>{svg.esc(_point_title(audit, lang))}</title>'
                     f'{_dot(x(i), y(audit["score"]), colour, 4.5)}</g>')
        if _shown(i, count):
            parts.append(svg.text(x(i), y(audit["score"]) - 9, svg.num(audit["score"]), 12, "middle", svg.INK, "700"))
        if i % every == 0:
            parts.append(svg.text(x(i), TOP + PLOT_HEIGHT + 16, audit["audit_date"], 11, "middle", svg.MUTED))
    parts.append(svg.line(LEFT, TOP + PLOT_HEIGHT, LEFT + plot_w, TOP + PLOT_HEIGHT, svg.INK))
    legend_y = TOP + PLOT_HEIGHT + 40
    parts += [svg.line(LEFT, legend_y - 4, LEFT + 24, legend_y - 4, svg.ACCENT, 2.5),
              svg.text(LEFT + 30, legend_y, chart_words["score"], 12),
              svg.line(LEFT + 120, legend_y - 4, LEFT + 144, legend_y - 4, svg.MUTED, 1.5, dash="5 4"),
              svg.text(LEFT + 150, legend_y, chart_words["potential"], 12)]
    return svg.document(WIDTH, TOP + PLOT_HEIGHT + BOTTOM, title, parts)


def _point_title(audit: dict, lang: str) -> str:
    """What hovering a point tells: the audit, its date, score and potential."""
    words = WORDS[lang]
    colon = words["colon"]
    return (f"#{audit['id']} {audit['audit_date']}{colon}{words['score']} {svg.num(audit['score'])}, "
            f"{words['potential']} {svg.num(audit['potential'])}")


def dimension_trends(audits: list[dict], dimension_words: dict[str, str], lang: str) -> str:
    """One small chart per dimension (in the ruleset's order): its score per audit, a hollow dot where the
    dimension was not assessed, the first and last values printed."""
    words = WORDS[lang]
    title = words["dimension_trend"]
    if not audits:
        return svg.nothing(title, lang)
    rows = math.ceil(len(DIMENSIONS) / PANEL_COLUMNS)
    gap = (WIDTH - PANEL_COLUMNS * PANEL_W) / (PANEL_COLUMNS - 1)
    parts = [svg.text(0, 20, title, 13, weight="600")]
    for index, dimension in enumerate(DIMENSIONS):
        left = (index % PANEL_COLUMNS) * (PANEL_W + gap)
        top = 34 + (index // PANEL_COLUMNS) * (PANEL_H + 14)
        parts += _panel(audits, dimension, dimension_words.get(dimension, dimension), left, top)
    return svg.document(WIDTH, 34 + rows * (PANEL_H + 14), title, parts)


def _panel(audits: list[dict], dimension: str, name: str, left: float, top: float) -> list[str]:
    """The small chart of one dimension at (left, top)."""
    inner_left, inner_top, inner_w, inner_h = left + 30, top + 26, PANEL_W - 44, PANEL_H - 40
    count = len(audits)
    slot = inner_w / count

    def x(i: int) -> float:
        return inner_left + slot * (i + 0.5)

    def y(value: float) -> float:
        return inner_top + inner_h * (1 - max(0.0, min(100.0, float(value))) / 100)

    parts = [svg.rect(left + 0.5, top + 0.5, PANEL_W - 1, PANEL_H - 1, svg.PAPER, svg.LINE, rx=4),
             svg.label(left + 8, top + 17, name, PANEL_W - 16, 12, weight="600")]
    for value in (0, 50, 100):
        parts.append(svg.line(inner_left, y(value), inner_left + inner_w, y(value), svg.GRID))
        parts.append(svg.text(inner_left - 4, y(value) + 4, str(value), 10, "end", svg.MUTED))
    points = [(i, a["dimensions"].get(dimension)) for i, a in enumerate(audits)]
    scored = [(i, v) for i, v in points if v is not None]
    parts.append(_polyline([(x(i), y(v)) for i, v in scored], svg.ACCENT, 1.8))
    for i, value in scored:
        hollow = dimension in audits[i]["not_assessed_dimensions"]
        parts.append(_dot(x(i), y(value), svg.band_colour(value), 3, hollow))
    for i, value in scored:
        if i in (scored[0][0], scored[-1][0]):
            anchor = "start" if i == scored[0][0] and count > 1 else "end" if count > 1 else "middle"
            parts.append(svg.text(x(i), y(value) - 6 if value < 85 else y(value) + 14, svg.num(value), 11, anchor,
                                  svg.INK, "700"))
    return parts
