"""The organisation as a top-down tree, each unit's box coloured by the band of its score.

Org charts of 1–60 units must fit a page width: a unit whose children are all leaves hangs them in short
vertical lists under it (the usual org-chart 'hanging' layout), and a level too wide for the page wraps
into several rows fed by a trunk on its left, so the drawing never grows wider than `MAX_WIDTH`.
"""
from __future__ import annotations

from collections.abc import Callable
from math import ceil

from engine.scoring import BANDS, band
from reports.charts.svg import (BAND_COLOURS, INK, MUTED, UNSCORED, WORDS, document, esc, label, legend, line,
                                nothing, num, rect, text, tint)
from reports.i18n import BANDS as BAND_WORDS

MAX_WIDTH = 860.0
_W, _H = 156.0, 46.0            # a unit's box
_HGAP, _VGAP = 14.0, 32.0       # between sibling blocks; between a parent and its children
_INDENT, _ROW_GAP, _HANG = 22.0, 10.0, 8  # hanging lists: indent, gap, most boxes in one list
_TRUNK = 10.0                   # wrapped rows: the trunk's distance from the block's left edge

Draw = Callable[[float, float], list[str]]
Block = tuple[float, float, float, Draw]  # width, height, centre x of its top box (a connector's end), draw at (x, y)


def _unit_box(unit: dict, lang: str) -> Draw:
    score = unit.get("score")

    def draw(x: float, y: float) -> list[str]:
        if score is None:
            return [rect(x, y, _W, _H, "#f4f5f7", UNSCORED, 1.2, rx=4, dash="4 3"),
                    label(x + 10, y + 19, str(unit.get("name") or unit["id"]), _W - 18, 13),
                    text(x + 10, y + 37, WORDS[lang]["not_scored"], 12, fill=MUTED)]
        colour = BAND_COLOURS[band(score)]
        return [rect(x, y, _W, _H, tint(colour, 0.16), colour, 1.2, rx=4), rect(x, y, 6, _H, colour, rx=2),
                label(x + 12, y + 19, str(unit.get("name") or unit["id"]), _W - 20, 13),
                f'<text x="{num(x + 12)}" y="{num(y + 37)}" font-size="12" fill="{INK}">'
                f'<tspan font-weight="700">{num(score)}</tspan>'
                f'<tspan fill="{MUTED}"> · {esc(BAND_WORDS[lang][band(score)])}</tspan></text>']
    return draw


def _hanging(parent: Draw | None, leaves: list[Draw]) -> Block:
    """Leaf boxes in up to ceil(n/_HANG) indented lists joined by a bus; the parent on top if there is one.

    Without a parent the bus is the block's top edge, where the caller's connector lands (a unit whose
    children are part leaves, part sub-trees hangs its leaves this way, beside the sub-trees)."""
    lists = ceil(len(leaves) / _HANG)
    per = ceil(len(leaves) / lists)
    column_w = _INDENT + _W
    inner = lists * column_w + (lists - 1) * _HGAP
    width = max(_W, inner) if parent else inner
    head = _H + _VGAP / 2 if parent else 0.0
    height = head + _VGAP / 2 + per * (_H + _ROW_GAP) - _ROW_GAP
    left_of = (width - inner) / 2
    stems = [left_of + k * (column_w + _HGAP) + _INDENT / 2 for k in range(lists)]
    anchor = width / 2 if parent else (stems[0] + stems[-1]) / 2

    def draw(x: float, y: float) -> list[str]:
        bus = y + head
        parts = [line(x + min(stems[0], anchor), bus, x + max(stems[-1], anchor), bus, MUTED)]
        if parent:
            parts.append(line(x + anchor, y + _H, x + anchor, bus, MUTED))
        for i, leaf in enumerate(leaves):
            k, row = divmod(i, per)
            top = bus + _VGAP / 2 + row * (_H + _ROW_GAP)
            parts.append(line(x + stems[k], top + _H / 2, x + stems[k] + _INDENT / 2, top + _H / 2, MUTED))
            parts += leaf(x + stems[k] + _INDENT / 2, top)
        for k, stem in enumerate(stems):
            last = min(per, len(leaves) - k * per) - 1
            parts.append(line(x + stem, bus, x + stem, bus + _VGAP / 2 + last * (_H + _ROW_GAP) + _H / 2, MUTED))
        return parts + (parent(x + (width - _W) / 2, y) if parent else [])
    return width, height, anchor, draw


def _rows(blocks: list[Block]) -> list[list[Block]]:
    """Blocks packed greedily into rows no wider than the page (a block wider than that gets a row alone)."""
    rows: list[list[Block]] = [[]]
    used = 0.0
    for block in blocks:
        if rows[-1] and used + _HGAP + block[0] > MAX_WIDTH - _TRUNK - 24:
            rows.append([])
            used = 0.0
        used += (_HGAP if rows[-1] else 0) + block[0]
        rows[-1].append(block)
    return rows


def _spread(parent: Draw | None, children: list[Block]) -> Block:
    """Parent over its children's blocks; wrapped rows hang off a trunk on the left. No parent: a forest."""
    rows = _rows(children)
    wrapped = len(rows) > 1
    inset = _TRUNK + 14 if wrapped and parent else 0.0
    row_w = [sum(b[0] for b in row) + _HGAP * (len(row) - 1) for row in rows]
    row_h = [max(b[1] for b in row) for row in rows]
    width = max(_W if parent else 0.0, inset + max(row_w))
    head = _H + _VGAP if parent else 0.0
    height = head + sum(row_h) + _VGAP * (len(rows) - 1)

    def draw(x: float, y: float) -> list[str]:
        parts: list[str] = []
        px = x + (width - _W) / 2 if not wrapped else x + inset
        top = y + head
        trunk = x + _TRUNK
        for row, w, h in zip(rows, row_w, row_h):
            cx = x + inset if wrapped else x + (width - w) / 2
            bus = top - _VGAP / 2
            centres = []
            for block in row:
                if parent:
                    centres.append(cx + block[2])
                    parts.append(line(centres[-1], bus, centres[-1], top, MUTED))
                parts += block[3](cx, top)
                cx += block[0] + _HGAP
            if parent:
                start = trunk if wrapped else min(centres[0], px + _W / 2)
                parts.append(line(start, bus, max(centres[-1], px + _W / 2), bus, MUTED))
            last_bus = bus
            top += h + _VGAP
        if parent:
            stem_x = trunk if wrapped else px + _W / 2
            if wrapped:
                parts += [line(px, y + _H / 2, trunk, y + _H / 2, MUTED), line(trunk, y + _H / 2, trunk, last_bus,
                                                                               MUTED)]
            else:
                parts.append(line(stem_x, y + _H, stem_x, y + _H + _VGAP / 2, MUTED))
            parts += parent(px, y)
        return parts
    anchor = (inset + _W / 2) if wrapped else width / 2
    return width, height, anchor, draw


def _layout(unit_id: str, kids: dict[str, list[str]], boxes: dict[str, Draw], seen: set[str]) -> Block:
    seen.add(unit_id)
    children = [c for c in kids.get(unit_id, []) if c not in seen]
    seen.update(children)
    if not children:
        return _W, _H, _W / 2, boxes[unit_id]
    leaves = [c for c in children if not kids.get(c)]
    if len(leaves) == len(children):
        return _hanging(boxes[unit_id], [boxes[c] for c in leaves])
    subtrees = [_layout(c, kids, boxes, seen) for c in children if kids.get(c)]
    return _spread(boxes[unit_id], ([_hanging(None, [boxes[c] for c in leaves])] if len(leaves) > 1 else
                                    [(_W, _H, _W / 2, boxes[c]) for c in leaves]) + subtrees)


def org_tree(units: list[dict], lang: str) -> str:
    """Units `{"id", "name", "parent", "score"}` top-down, each box in its band's colour with score and band word.

    `score` None reads 'not scored'. A parent id that is missing (or a cycle) makes the unit a root of its own;
    several roots are drawn side by side. Fewer than two units give the small 'nothing to show' chart: a
    single box says nothing the score does not.
    """
    words = WORDS[lang]
    if len(units) < 2:
        return nothing(words["org_tree"], lang)
    ids = [str(u["id"]) for u in units]
    known = set(ids)
    kids: dict[str, list[str]] = {}
    for unit in units:
        parent = unit.get("parent")
        if parent is not None and str(parent) in known and str(parent) != str(unit["id"]):
            kids.setdefault(str(parent), []).append(str(unit["id"]))
    boxes = {str(u["id"]): _unit_box(u, lang) for u in units}
    roots = [i for i, u in zip(ids, units) if u.get("parent") is None or str(u["parent"]) not in known
             or str(u["parent"]) == i]
    seen: set[str] = set()
    blocks = [_layout(r, kids, boxes, seen) for r in roots]
    blocks += [_layout(i, kids, boxes, seen) for i in ids if i not in seen]  # units caught in a parent cycle
    tree = blocks[0] if len(blocks) == 1 else _spread(None, blocks)
    width, height = max(tree[0] + 24, 420), tree[1]
    body = tree[3](12, 12)
    entries = [(BAND_COLOURS[name], BAND_WORDS[lang][name]) for _, name in reversed(BANDS)]
    entries.append((UNSCORED, words["not_scored"]))
    parts, used = legend(12, height + 24, entries, words["band"], 12, width - 24)
    return document(width, height + 24 + used + 6, words["org_tree"], body + parts)
