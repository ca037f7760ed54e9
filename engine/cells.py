"""Lenient parsing of scalar values, shared by every intake form.

YAML, JSON, workbook cells and CSV text all pass through these, so `50%`,
`1,200,000`, `是` or a full-width `１２` mean the same whatever form a
consultant used.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from engine.messages import Msg

_TRUE = {"true", "yes", "y", "1", "是", "对", "t"}
_FALSE = {"false", "no", "n", "0", "否", "不是", "f"}
# Year first, so never ambiguous: 2026-03-01, 2026/3/1 (Excel in a Chinese locale), 2026.3.1, 2026年3月1日.
_DATE = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")
_PERIOD = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$")
# Longer periods, for KPIs measured quarterly, half-yearly or yearly, read after Chinese numerals 一二三四 become
# digits: 2026-Q3, 2026Q3, 2026-3Q, 2026年第3季度 (第三季度, 三季度); 2026-H1, 2026年上半年; 2025, 2025年(度).
_YEAR_THEN = r"^(?P<year>\d{4})\s*(?:[-/.]|年度?)?\s*"
_QUARTER = re.compile(_YEAR_THEN + r"(?:q\s*(?P<q>[1-4])|(?P<n>[1-4])\s*q|第?\s*(?P<zh>[1-4])\s*季度?)$")
_HALF = re.compile(_YEAR_THEN + r"(?:h\s*(?P<h>[12])|(?P<side>[上下])半年度?)$")
_YEAR = re.compile(r"^(?P<year>\d{4})\s*(?:年度?)?$")
_CHINESE_DIGITS = str.maketrans("一二三四", "1234")
_THOUSANDS = re.compile(r"(?<=\d)[,\s\u00a0\u202f'](?=\d{3}(\D|$))")


def normalise_text(value: str) -> str:
    """NFKC (full-width to half-width) and trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


def shown(text: str) -> str:
    """Client text quoted in a problem, control characters escaped: a terminal never receives them raw, and a line
    break never splits the problem list."""
    return text if text.isprintable() else repr(text)[1:-1]


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = normalise_text(value).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueError(Msg("not_bool", value=value))


def parse_number(value: object, percent_scale: float) -> float | int:
    """A finite number a float can hold; `x%` is multiplied by `percent_scale` (1 for weights, 0.01 for rates).

    Scores and shares are computed in floats: an integer beyond float's range, or
    text like `1e999` (float says inf), is "number too large", never an OverflowError.
    """
    if isinstance(value, bool):
        raise ValueError(Msg("not_number", value=value))
    if isinstance(value, int):
        _check_float_range(value)
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(Msg("not_finite", value=value))
        return value
    if isinstance(value, str):
        return _parse_number_text(value, percent_scale)
    raise ValueError(Msg("not_number", value=value))


def _check_float_range(value: int) -> None:
    try:
        float(value)
    except OverflowError:
        raise ValueError(Msg("number_too_large")) from None


def _parse_number_text(value: str, percent_scale: float) -> float | int:
    text = normalise_text(value)
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1].strip(), percent_scale
    text = _THOUSANDS.sub("", text)
    try:
        number = float(text)
    except ValueError:
        raise ValueError(Msg("not_number", value=value)) from None
    if math.isinf(number) and any(c.isdigit() for c in text):  # digits float cannot hold, not `inf`
        raise ValueError(Msg("number_too_large"))
    if not math.isfinite(number):
        raise ValueError(Msg("not_finite", value=value))
    number *= scale
    return int(number) if number.is_integer() and scale == 1.0 and "." not in text else number


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _DATE.match(normalise_text(value))
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                pass
    raise ValueError(Msg("not_date", value=value))


def parse_period(value: object) -> tuple[dt.date, dt.date]:
    """An actuals period as (first day, last day): `YYYY-MM` is a month, a date is one day, and a quarterly, half-yearly
    or yearly KPI's actual may name its quarter (`2026-Q3`), half (`2026-H1`, `2026年上半年`) or year (`2025`)."""
    if isinstance(value, str):
        text = normalise_text(value).lower()
        match = _PERIOD.match(text)
        if match:
            year, month = map(int, match.groups())
            if 1 <= month <= 12 and year >= 1:
                start = dt.date(year, month, 1)
                return start, _month_end(start)
        span = _long_period(text.translate(_CHINESE_DIGITS))
        if span:
            return span
    try:
        day = parse_date(value)
    except ValueError:
        raise ValueError(Msg("not_period", value=value)) from None
    return day, day


def _long_period(text: str) -> tuple[dt.date, dt.date] | None:
    """A quarter, half or year as (first day, last day), or None."""
    match = _QUARTER.match(text) or _HALF.match(text) or _YEAR.match(text)
    if not match or int(match["year"]) < 1:
        return None
    if match.re is _QUARTER:
        first, months = 3 * int(match["q"] or match["n"] or match["zh"]) - 2, 3
    elif match.re is _HALF:
        first, months = (1 if match["h"] == "1" or match["side"] == "上" else 7), 6
    else:
        first, months = 1, 12
    start = dt.date(int(match["year"]), first, 1)
    return start, _month_end(dt.date(start.year, first + months - 1, 1))


def _month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month (December without stepping into the next year: 9999-12 is a period)."""
    if day.month == 12:
        return dt.date(day.year, 12, 31)
    return dt.date(day.year, day.month + 1, 1) - dt.timedelta(days=1)


def split_list(value: object) -> list:
    """A list, or `;`-separated text (also `；`, `,` and new lines are accepted)."""
    if blank(value):
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        parts = re.split(r"[;；\n]", normalise_text(value))
        if len(parts) == 1:
            parts = re.split(r"[,，、]", parts[0])
        return [p.strip() for p in parts if p.strip()]
    return [value]
