"""The KPI driver tree (指标-归因-行动): process KPIs → the result KPIs they drive → the objectives reached.

A 220-KPI organisation must still read on one page, so only core KPIs that are not behaviour items are
drawn, each column holds at most `CAP` boxes (KPIs with findings first, then those with links; the rest
counted in a '+N more' box), and the order within a column follows the barycentre of its neighbours,
which removes most edge crossings without a layout engine.
"""
from __future__ import annotations

from reports.charts.svg import (ACCENT, LINE, MUTED, PAPER, WORDS, document, label, nothing, num, rect, text,
                                text_width, tint)

CAP = 30                       # boxes per column, the '+N more' box included
DRIVERS = ("process", "input")  # KPI kinds drawn in the first column; every other non-behaviour kind is a result
FLAG = "#b42318"               # outline and badge of a KPI with findings (the report's 'high' colour)
_BOX_W, _BOX_H, _PITCH, _GAP, _TOP = 210.0, 28.0, 36.0, 100.0, 40.0
_SWEEPS = 6

Node = tuple[str, str]  # ("kpi" | "objective", id): kinds kept apart so a KPI and an objective may share an id


def _columns(objectives: list[dict], kpis: list[dict]) -> tuple[list[list[Node]], dict[Node, dict]]:
    """The three columns' candidate nodes, in input order, and each node's record."""
    records: dict[Node, dict] = {}
    columns: list[list[Node]] = [[], [], []]
    for kpi in kpis:
        if kpi.get("core") and kpi.get("kind") != "behaviour":
            node = ("kpi", str(kpi["id"]))
            records[node] = kpi
            columns[0 if kpi.get("kind") in DRIVERS else 1].append(node)
    for objective in objectives:
        node = ("objective", str(objective["id"]))
        records[node] = objective
        columns[2].append(node)
    return columns, records


def _edges(records: dict[Node, dict]) -> list[tuple[Node, Node, str]]:
    """(source, target, 'drives' | 'reaches') between drawn candidates, once each, in input order."""
    edges: dict[tuple[Node, Node, str], None] = {}
    for node, record in records.items():
        if node[0] != "kpi":
            continue
        for target in record.get("drives") or []:
            if ("kpi", str(target)) in records and ("kpi", str(target)) != node:
                edges[(node, ("kpi", str(target)), "drives")] = None
        for target in record.get("objectives") or []:
            if ("objective", str(target)) in records:
                edges[(node, ("objective", str(target)), "reaches")] = None
    return list(edges)


def _capped(column: list[Node], records: dict[Node, dict], linked: set[Node]) -> tuple[list[Node], int]:
    """The nodes a column shows (findings first, then linked, then the rest) and how many it leaves out."""
    ranked = sorted(column, key=lambda n: (not records[n].get("findings"), n not in linked, column.index(n)))
    if len(ranked) <= CAP:
        return ranked, 0
    return ranked[:CAP - 1], len(ranked) - (CAP - 1)


def _order(columns: list[list[Node]], edges: list[tuple[Node, Node, str]]) -> list[list[Node]]:
    """Barycentre sweeps: each node moves to the mean position of its neighbours in the other columns."""
    neighbours: dict[Node, list[Node]] = {}
    for source, target, _ in edges:
        neighbours.setdefault(source, []).append(target)
        neighbours.setdefault(target, []).append(source)
    tallest = max(map(len, columns))
    for sweep in range(_SWEEPS):
        for c in range(len(columns)) if sweep % 2 == 0 else reversed(range(len(columns))):
            where = {n: _centre(i, len(col), tallest) for col in columns for i, n in enumerate(col)}
            own = set(columns[c])

            def barycentre(n: Node) -> tuple[float, float]:
                others = [where[m] for m in neighbours.get(n, []) if m not in own]
                return (sum(others) / len(others) if others else where[n], where[n])
            columns[c] = sorted(columns[c], key=barycentre)
    return columns


def _settle(columns: list[list[Node]], more: list[bool], edges: list[tuple[Node, Node, str]],
            place: dict[Node, tuple[float, float]], tallest: int) -> None:
    """Move the boxes of shorter columns level with their neighbours (keeping their order, never overlapping),
    so an objective sits beside the KPIs that reach it instead of in the middle of the page."""
    neighbours: dict[Node, list[Node]] = {}
    for source, target, _ in edges:
        if source in place and target in place:
            neighbours.setdefault(source, []).append(target)
            neighbours.setdefault(target, []).append(source)
    bottom = _TOP + tallest * _PITCH
    for c in sorted(range(len(columns)), key=lambda c: -len(columns[c]))[1:]:
        col, own = columns[c], set(columns[c])
        wanted = []
        for node in col:
            others = [place[m][1] for m in neighbours.get(node, []) if m not in own]
            wanted.append(sum(others) / len(others) if others else place[node][1])
        ys: list[float] = []
        for y in wanted:
            ys.append(max(y, _TOP, ys[-1] + _PITCH if ys else _TOP))
        limit = bottom - _PITCH * (2 if more[c] else 1)
        for k in reversed(range(len(ys))):
            ys[k] = min(ys[k], limit)
            limit = ys[k] - _PITCH
        for node, y in zip(col, ys):
            place[node] = (place[node][0], y)


def _centre(index: int, size: int, tallest: int) -> float:
    """Vertical centre of the index-th box of a column of `size`, columns centred against the tallest."""
    return _TOP + (tallest - size) * _PITCH / 2 + index * _PITCH + _BOX_H / 2


def _edge(x1: float, y1: float, x2: float, y2: float, kind: str, same_column: bool) -> list[str]:
    """A curve with a drawn arrowhead at the target (no markers: they would need url() references)."""
    colour, dash = ("#7a8699", "") if kind == "drives" else (ACCENT, ' stroke-dasharray="5 3"')
    if same_column:   # both on the right side: a loop into the gap
        bend = x1 + 36
        path = f"M{num(x1)},{num(y1)} C{num(bend)},{num(y1)} {num(bend)},{num(y2)} {num(x2 + 6)},{num(y2)}"
        head = f"{num(x2)},{num(y2)} {num(x2 + 7)},{num(y2 - 3.5)} {num(x2 + 7)},{num(y2 + 3.5)}"
    else:
        step = 7 if x2 > x1 else -7
        mid = (x1 + x2) / 2
        path = f"M{num(x1)},{num(y1)} C{num(mid)},{num(y1)} {num(mid)},{num(y2)} {num(x2 - step)},{num(y2)}"
        head = f"{num(x2)},{num(y2)} {num(x2 - step)},{num(y2 - 3.5)} {num(x2 - step)},{num(y2 + 3.5)}"
    return [f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.2" stroke-opacity="0.75"{dash}/>',
            f'<polygon points="{head}" fill="{colour}"/>']


def _box(x: float, y: float, node: Node, record: dict) -> list[str]:
    findings = int(record.get("findings") or 0)
    fill = tint(ACCENT, 0.1) if node[0] == "objective" else PAPER
    parts = [rect(x, y, _BOX_W, _BOX_H, fill, FLAG if findings else LINE, 2 if findings else 1, rx=4)]
    parts.append(label(x + 8, y + 18.5, str(record.get("name") or node[1]), _BOX_W - (34 if findings else 16), 12))
    if findings:
        badge = "99+" if findings > 99 else str(findings)
        parts += [rect(x + _BOX_W - 30, y + 6, 24, 16, FLAG, rx=8),
                  text(x + _BOX_W - 18, y + 18, badge, 11, "middle", PAPER, "700")]
    return parts


def driver_tree(objectives: list[dict], kpis: list[dict], lang: str) -> str:
    """The driver tree as SVG, columns left→right: process/input KPIs, result KPIs, objectives.

    objectives: `{"id", "name"}`; kpis: `{"id", "name", "kind", "core", "drives", "objectives", "findings"}`.
    Edges: a KPI drives another (grey, solid) or reaches an objective (blue, dashed). KPIs with findings have a
    red outline and a count badge. Empty columns are left out; with no core KPI to draw the chart is the small
    'nothing to show' one.
    """
    words = WORDS[lang]
    candidates, records = _columns(objectives, kpis)
    if not candidates[0] and not candidates[1]:
        return nothing(words["driver_tree"], lang)
    edges = _edges(records)
    linked = {n for e in edges for n in e[:2]}
    kept, hidden = zip(*(_capped(col, records, linked) for col in candidates))
    headings = [words["inputs"], words["results"], words["objectives"]]
    present = [i for i, col in enumerate(kept) if col]
    shown = {n for col in kept for n in col}
    columns = _order([list(kept[i]) for i in present], [e for e in edges if e[0] in shown and e[1] in shown])
    tallest = max(len(col) + (1 if hidden[i] else 0) for col, i in zip(columns, present))
    x_of = {i: 12 + k * (_BOX_W + _GAP) for k, i in enumerate(present)}
    place: dict[Node, tuple[float, float]] = {}
    body: list[str] = []
    for col, i in zip(columns, present):
        size = len(col) + (1 if hidden[i] else 0)
        body.append(text(x_of[i], 22, headings[i], 13, fill=MUTED, weight="700"))
        for k, node in enumerate(col):
            place[node] = (x_of[i], _centre(k, size, tallest) - _BOX_H / 2)
    _settle(columns, [bool(hidden[i]) for i in present], edges, place, tallest)
    column_of = {node: i for col, i in zip(columns, present) for node in col}
    for source, target, kind in edges:
        if source in place and target in place:
            (sx, sy), (tx, ty) = place[source], place[target]
            same = column_of[source] == column_of[target]
            forward = column_of[target] > column_of[source]
            x1 = sx + _BOX_W if same or forward else sx
            x2 = tx + _BOX_W if same or not forward else tx
            body += _edge(x1, sy + _BOX_H / 2, x2, ty + _BOX_H / 2, kind, same)
    for node, (x, y) in place.items():
        body += _box(x, y, node, records[node])
    for col, i in zip(columns, present):
        if hidden[i]:
            y = place[col[-1]][1] + _PITCH
            body += [rect(x_of[i], y, _BOX_W, _BOX_H, PAPER, MUTED, 1, rx=4, dash="4 3"),
                     text(x_of[i] + _BOX_W / 2, y + 18.5, words["more"].format(n=hidden[i]), 12, "middle", MUTED)]
    width = 12 + len(present) * _BOX_W + (len(present) - 1) * _GAP + 12
    bottom = _TOP + tallest * _PITCH + 10
    body += _legend(12, bottom, words)
    return document(max(width, 520), bottom + 26, words["driver_tree"], body)


def _legend(x: float, y: float, words: dict[str, str]) -> list[str]:
    parts = [rect(x, y + 2, 24, 16, FLAG, rx=8), text(x + 12, y + 14, "n", 11, "middle", PAPER, "700"),
             text(x + 30, y + 14, words["findings"], 12)]
    x += 30 + text_width(words["findings"], 12) + 24
    parts += _edge(x, y + 10, x + 34, y + 10, "drives", False) + [text(x + 40, y + 14, words["drives"], 12)]
    x += 40 + text_width(words["drives"], 12) + 24
    parts += _edge(x, y + 10, x + 34, y + 10, "reaches", False) + [text(x + 40, y + 14, words["reaches"], 12)]
    return parts
