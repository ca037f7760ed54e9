"""The distribution of the portfolio's scores as an inline SVG histogram, drawn with the reports' SVG helpers.

One bar per score range, coloured by the band the range falls in, its number of clients printed above it (so
grayscale print reads the same), and the clients' names in the bar's <title> for a reader who hovers. Client
names are escaped by reports.charts.svg like every chart's text.
"""
from __future__ import annotations

from reports.charts import svg

WIDTH, HEIGHT = 860, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 70  # plot margins: y labels, title, x labels and legend
NAMES_IN_TITLE = 30  # client names a bar's hover title lists before "+N more"


def _bar_title(bar: dict, lang: str) -> str:
    names = bar["names"][:NAMES_IN_TITLE]
    more = len(bar["names"]) - len(names)
    separator = "、" if lang == "zh" else ", "
    shown = separator.join(svg.one_line(n) for n in names)
    return shown + (" " + svg.WORDS[lang]["more"].format(n=more) if more else "")


def histogram_svg(bars: list[dict], words: dict[str, str], band_words: dict[str, str], lang: str) -> str:
    """Bars of clients per score range (bars from summary_tables.histogram); `words` are the portfolio's."""
    title = words["histogram_title"]
    if not any(bar["clients"] for bar in bars):
        return svg.nothing(title, lang)
    tallest = max(bar["clients"] for bar in bars)
    step = max(1, -(-tallest // 5))  # at most about five grid lines, whole clients
    top_value = step * -(-tallest // step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(bars)
    parts = [svg.text(LEFT, 18, title, 13, weight="600")]
    for value in range(0, top_value + 1, step):
        y = TOP + plot_h - plot_h * value / top_value
        parts.append(svg.line(LEFT, y, LEFT + plot_w, y, svg.GRID))
        parts.append(svg.text(LEFT - 6, y + 4, str(value), 11, "end", svg.MUTED))
    for index, bar in enumerate(bars):
        x = LEFT + index * slot
        height = plot_h * bar["clients"] / top_value
        y = TOP + plot_h - height
        if bar["clients"]:
            drawn = svg.rect(x + 4, y, slot - 8, height, svg.BAND_COLOURS[bar["band"]], svg.INK, 0.5)
            parts.append(f"<g><title>{svg.esc(_bar_title(bar, lang))}</title>{drawn}</g>")
        parts.append(svg.text(x + slot / 2, y - 5, str(bar["clients"]), 12, "middle",
                              svg.INK if bar["clients"] else svg.MUTED, "600" if bar["clients"] else None))
        label = words["bin"].format(low=bar["from"], high=bar["to"])
        parts.append(svg.text(x + slot / 2, TOP + plot_h + 16, label, 11, "middle", svg.MUTED))
    parts.append(svg.line(LEFT, TOP + plot_h, LEFT + plot_w, TOP + plot_h, svg.INK))
    parts.append(svg.text(LEFT + plot_w / 2, TOP + plot_h + 34, words["score"], 11, "middle", svg.MUTED))
    bands = list(dict.fromkeys(bar["band"] for bar in bars))
    legend, _height = svg.legend(LEFT, HEIGHT - 24, [(svg.BAND_COLOURS[b], band_words[b]) for b in bands],
                                 svg.WORDS[lang]["band"], 11, plot_w)
    parts += legend
    parts.append(f'<g transform="rotate(-90)">{svg.text(-(TOP + plot_h / 2), 12, words["axis_clients"], 11, "middle", svg.MUTED)}</g>')
    return svg.document(WIDTH, HEIGHT, title, parts)
