"""CSV cells a spreadsheet cannot run: the prefix `convert` and `init` add, and the CSV reader takes off.

Excel, WPS and LibreOffice run a CSV cell that starts with `=`, `+`, `-` or `@` as a formula
(`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`), and a leading tab or carriage return can smuggle one past a
filter. As the OWASP CSV-injection guidance says, such a text cell is written with a single quote in front,
which the spreadsheet shows as text. Text that itself starts with a quote gets one more, so the reader can
take exactly one off whenever a quote precedes one of these characters: every text reads back as it was.
Numbers are not text: a negative number is written as a number (`-2`), never neutralised.
"""
from __future__ import annotations

QUOTE = "'"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*FORMULA_STARTS, QUOTE)


def inert(text: str) -> str:
    """`text` as a CSV cell no spreadsheet runs."""
    return QUOTE + text if text.startswith(_ESCAPED) else text


def as_written(cell: str) -> str:
    """The text `inert` was given: one quote off before a formula character or another quote.

    A quote before anything else is the client's own (`'abc` stays `'abc`).
    """
    return cell[1:] if cell.startswith(QUOTE) and cell[1:2] in _ESCAPED else cell
