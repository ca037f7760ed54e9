"""Excel dates in the spreadsheet forms: date cells as the text a person sees, serial numbers in date fields.

A workbook stores a date as a number of days since its epoch (1899-12-30, or 1904-01-01 for old Mac
workbooks) and shows it through the cell's number format. openpyxl gives a date-formatted cell as a
datetime; `cell_text` turns it into the text every other form holds (`2026-10-31`), or into a month
(`2026-10`) when the format shows no day, as a period cell formatted `yyyy-mm` means a month. A number that
is not formatted as a date (a General cell, or a CSV export of one) is a date only in a field that takes a
date (`DATE_FIELDS`) and only within `SERIALS` (1950-2199): `202610` or `2026` are not serials, they stay
what they are and the model says they are not dates.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import typing

from engine.model import SECTIONS

__all__ = ["DATE_FIELDS", "SERIALS", "WINDOWS_EPOCH", "cell_text", "in_date_field"]

# Fields the model keeps as text but reads as a date or period (the model's own check: `Actual.span`).
PERIOD_FIELDS = {"actuals": ("period",)}


def _takes_dates(annotation: object) -> bool:
    return annotation is dt.date or any(_takes_dates(arg) for arg in typing.get_args(annotation))


DATE_FIELDS: dict[str, frozenset[str]] = {
    section: frozenset(name for name, info in model.model_fields.items() if _takes_dates(info.annotation))
    | frozenset(PERIOD_FIELDS.get(section, ()))
    for section, model in SECTIONS.items()
}

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)  # day 0 of the 1900 date system (its 1900-02-29 bug included)
SERIALS = range(18_264, 109_575)  # 1950-01-01 .. 2199-12-31 in the 1900 date system
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')  # literal text, [colour]/[$-804] sections, escaped characters


def _shows(number_format: str, letter: str) -> bool:
    return letter in _QUOTED.sub("", number_format).lower()


def cell_text(value: dt.datetime | dt.date, number_format: str | None) -> str | dt.datetime:
    """A date cell as text: `YYYY` when its format shows only the year (`yyyy"年"`: a yearly KPI's actual),
    `YYYY-MM` when it shows no day, else `YYYY-MM-DD`.

    A date-time with a time of day stays a datetime: date fields take its day, text fields refuse it.
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            return value
        value = value.date()
    if number_format and not _shows(number_format, "d") and _shows(number_format, "y"):
        if not _shows(number_format, "m"):
            return f"{value.year:04d}"
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def in_date_field(value: object, epoch: dt.datetime = WINDOWS_EPOCH) -> object:
    """A cell in a date or period field: a serial number (or its digits, from a CSV export) within
    `SERIALS` becomes its date as `YYYY-MM-DD`; a date-time its day; anything else is left for the model."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 6:
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
            and int(value) in SERIALS:
        return (epoch + dt.timedelta(days=int(value))).date().isoformat()
    return value
