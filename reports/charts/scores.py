"""The eight dimension scores: a radar (with the potential as a dashed outline) and bars coloured by band."""
from __future__ import annotations

import math

from engine.ruleset_model import DIMENSIONS
from engine.scoring import BANDS
from reports.charts.svg import (ACCENT, GRID, INK, LINE, MUTED, WORDS, band_colour, document, label, legend, line,
                                nothing, num, rect, text, text_width)

_LABEL_WIDTH = 150  # the widest a dimension name may draw before it is cut


def _present(values: dict[str, float]) -> list[str]:
    """The dimensions given, in the ruleset's order (a radar needs at least three)."""
    return [d for d in DIMENSIONS if d in values]


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, float(value)))


def _polygon(points: list[tuple[float, float]], fill: str, stroke: str, width: float, dash: str | None = None,
             opacity: float | None = None) -> str:
    coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    extra = f' fill-opacity="{opacity}"' if opacity is not None else ""
    extra += f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polygon points="{coords}" fill="{fill}" stroke="{stroke}" stroke-width="{num(width)}"{extra}/>'


def radar(values: dict[str, float], labels: dict[str, str], potential: dict[str, float] | None = None, *,
          lang: str = "en") -> str:
    """Radar of the dimension scores 0–100; `potential` (the score once everything is assessed) dashed.

    Each axis is labelled with the dimension's name and its score (and `→ potential` where that is higher),
    so the chart reads without colour. Fewer than three dimensions give the small 'nothing to show' chart.
    """
    words = WORDS[lang]
    dims = _present(values)
    if len(dims) < 3:
        return nothing(words["radar"], lang)
    cx, cy, radius = 300.0, 200.0, 140.0

    def at(i: int, r: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / len(dims)
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    body = [_polygon([at(i, radius * ring / 100) for i in range(len(dims))], "none", GRID if ring < 100 else LINE,
                     1) for ring in (20, 40, 60, 80, 100)]
    body += [line(cx, cy, *at(i, radius), stroke=GRID) for i in range(len(dims))]
    body += [text(cx + 4, cy - radius * ring / 100 - 3, str(ring), 11, fill=MUTED) for ring in (20, 60, 100)]
    if potential:
        body.append(_polygon([at(i, radius * _clamp(potential.get(d, values[d])) / 100) for i, d in enumerate(dims)],
                             "none", MUTED, 1.5, dash="5 4"))
    shape = [at(i, radius * _clamp(values[d]) / 100) for i, d in enumerate(dims)]
    body.append(_polygon(shape, ACCENT, ACCENT, 2, opacity=0.15))
    body += [f'<circle cx="{num(x)}" cy="{num(y)}" r="3" fill="{ACCENT}"/>' for x, y in shape]
    for i, d in enumerate(dims):
        x, y = at(i, radius + 14)
        dx = x - cx
        anchor = "middle" if abs(dx) < 1 else ("start" if dx > 0 else "end")
        top = y - 30 if y < cy - radius * 0.9 else (y + 2 if y > cy + radius * 0.9 else y - 12)
        body.append(label(x, top + 12, labels.get(d, d), _LABEL_WIDTH, 13, anchor))
        figure = f'<tspan font-weight="700">{num(values[d])}</tspan>'
        if potential and potential.get(d, values[d]) > values[d]:
            figure += f'<tspan fill="{MUTED}"> → {num(potential[d])}</tspan>'
        body.append(f'<text x="{num(x)}" y="{num(top + 28)}" font-size="13" text-anchor="{anchor}" fill="{INK}">'
                    f"{figure}</text>")
    height = 420.0
    if potential:
        y = height - 14
        body += [line(190, y - 4, 214, y - 4, ACCENT, 2), text(220, y, words["score"], 12),
                 line(300, y - 4, 324, y - 4, MUTED, 1.5, dash="5 4"), text(330, y, words["potential"], 12)]
        height += 6
    return document(600, height, words["radar"], body)


def dimension_bars(values: dict[str, float], labels: dict[str, str], band_labels: dict[str, str], *,
                   lang: str = "en") -> str:
    """Horizontal bars 0–100, one per dimension, each coloured by its band and with its score printed.

    Faint lines mark the band floors (engine.scoring.BANDS) so a reader sees how far a bar is from the next
    band; the legend names the bands with the caller's words (`band_labels`, keyed by band).
    """
    words = WORDS[lang]
    dims = _present(values)
    if not dims:
        return nothing(words["bars"], lang)
    size, row, scale = 13, 28, 3.0
    label_w = min(_LABEL_WIDTH, max(text_width(labels.get(d, d), size) for d in dims))
    x0, top = 12 + label_w + 10, 24
    width = x0 + 100 * scale + 56
    body = []
    for floor, _ in BANDS:
        if floor:
            x = x0 + floor * scale
            body += [line(x, top - 4, x, top + row * len(dims), GRID), text(x, top - 8, str(floor), 11, "middle",
                                                                            MUTED)]
    for i, d in enumerate(dims):
        y = top + i * row
        score = _clamp(values[d])
        body += [label(x0 - 10, y + 18, labels.get(d, d), label_w, size, "end"),
                 rect(x0, y + 6, 100 * scale, 16, "#f1f3f6"),
                 rect(x0, y + 6, max(score * scale, 1), 16, band_colour(score)),
                 text(x0 + score * scale + 6, y + 19, num(values[d]), size, weight="700")]
    body.append(line(x0, top - 2, x0, top + row * len(dims), MUTED))
    entries = [(band_colour(floor), band_labels.get(name, name)) for floor, name in reversed(BANDS)]
    parts, used = legend(12, top + row * len(dims) + 10, entries, words["band"], 12, width - 24)
    body += parts
    return document(width, top + row * len(dims) + 10 + used + 8, words["bars"], body)
