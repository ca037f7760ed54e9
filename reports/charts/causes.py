"""Points lost per root cause: the chart that tells a client where the score went, largest cause first."""
from __future__ import annotations

from reports.charts.svg import (INK, LINE, MUTED, SEVERITY_COLOURS, WORDS, document, esc, label, line, nothing, num,
                                rect, text)
from reports.i18n import SEVERITIES

_LABEL_WIDTH = 330


def cause_bars(items: list[dict], *, lang: str = "en") -> str:
    """One bar per root cause, in the order given: `{"label", "points", "severity"}`.

    Bars share one scale (the largest cause spans the track); each prints its points and severity word,
    so the chart reads in grayscale. A label too wide is cut with an ellipsis, its full text in a <title>.
    No items give the small 'nothing to show' chart.
    """
    words = WORDS[lang]
    if not items:
        return nothing(words["causes"], lang)
    size, row, track = 13, 28, 280.0
    x0, top = 12 + _LABEL_WIDTH + 12, 8
    largest = max(float(item["points"]) for item in items) or 1.0
    body = []
    for i, item in enumerate(items):
        y = top + i * row
        points = max(0.0, float(item["points"]))
        length = max(track * points / largest, 1)
        severity = item["severity"]
        body += [label(12, y + 18, item["label"], _LABEL_WIDTH, size),
                 rect(x0, y + 6, length, 16, SEVERITY_COLOURS.get(severity, MUTED)),
                 f'<text x="{num(x0 + length + 6)}" y="{num(y + 19)}" font-size="{size}" fill="{INK}">'
                 f'<tspan font-weight="700">−{num(points)}</tspan>'
                 f'<tspan fill="{MUTED}" font-size="11"> {esc(SEVERITIES[lang].get(severity, ""))}</tspan></text>']
    body.append(line(x0, top, x0, top + row * len(items) + 4, MUTED))
    bottom = top + row * len(items) + 8
    body += [line(x0, bottom, x0 + track, bottom, LINE), text(x0 + track, bottom + 16, words["points"], 11, "end",
                                                              MUTED)]
    return document(x0 + track + 90, bottom + 24, words["causes"], body)
