"""Bidirectional and invisible control characters in client text, and how each output keeps them harmless.

A U+202E (right-to-left override) in a unit name would otherwise reverse the rest of the tool's own sentence
that quotes the name, and a zero-width space makes two different names look the same. Client text stays data:

- inside our sentences and in HTML/SVG, `isolate` closes whatever the client text opened and wraps it in
  FSI … PDI (U+2068 … U+2069, the plain-text form of HTML's `<bdi>`), so it cannot reorder anything around it;
- in Markdown and on a terminal, `reveal` drops the bidi controls (they only change display order; the letters
  stay in the order they were typed) and shows each invisible character as `<U+200B>`, so two names that differ
  only by one do not look identical.

Ids cannot hold any of these: the intake's id pattern is ASCII letters, digits and `_ . -` (a validation error).
"""
from __future__ import annotations

import re
import unicodedata

# Explicit embeddings and overrides (LRE RLE PDF LRO RLO), isolates (LRI RLI FSI PDI), marks (LRM RLM ALM).
EMBEDDINGS = "\u202a\u202b\u202c\u202d\u202e"
ISOLATES = "\u2066\u2067\u2068\u2069"
MARKS = "\u200e\u200f\u061c"
BIDI_CONTROLS = EMBEDDINGS + ISOLATES + MARKS
# Zero-width space, non-joiner, joiner, word joiner, and the BOM (zero-width no-break space).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

FSI, PDI = "\u2068", "\u2069"
_OPENS_ISOLATE = frozenset("\u2066\u2067\u2068")
_OPENS_EMBEDDING = frozenset("\u202a\u202b\u202d\u202e")
_RTL_CLASSES = frozenset({"R", "AL"})
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")


def needs_isolation(text: str) -> bool:
    """Whether `text` can change the display order around it: it holds a bidi control or a right-to-left letter."""
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def _balanced(text: str) -> str:
    """`text` with every isolate and embedding it opens closed, and no closer that would end one it did not open.

    A PDI ends the innermost open isolate (and any embedding opened inside it); a PDF ends the innermost
    embedding of the current isolate. A stray closer is dropped: otherwise a PDI in a name would close our FSI.
    """
    out: list[str] = []
    stack: list[str] = []  # "i" for an open isolate, "e" for an open embedding/override
    for ch in text:
        if ch in _OPENS_ISOLATE:
            stack.append("i")
        elif ch in _OPENS_EMBEDDING:
            stack.append("e")
        elif ch == PDI:
            if "i" not in stack:
                continue
            while stack.pop() != "i":
                pass
        elif ch == "\u202c":
            if not stack or stack[-1] != "e":
                continue
            stack.pop()
        out.append(ch)
    out.extend("\u202c" if kind == "e" else PDI for kind in reversed(stack))
    return "".join(out)


def isolate(text: str) -> str:
    """Client text as it may sit inside a sentence of ours or an HTML/SVG element: unchanged when it holds no
    bidi control and no right-to-left letter (so ordinary reports keep their bytes), else balanced and wrapped
    in FSI … PDI."""
    if not needs_isolation(text):
        return text
    return FSI + _balanced(text) + PDI


def _code_point(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def reveal(text: str) -> str:
    """Text for Markdown or a terminal: bidi controls dropped, invisible characters shown as `<U+200B>`."""
    return _INVISIBLE_RE.sub(_code_point, _BIDI_RE.sub("", text))
