"""Elapsed time counted in a cadence's own periods (calendar months from monthly to yearly).

Shared by the review-lapse (C02) and stale-actuals (D04) probes, so "2 periods"
means the same thing in both: exactly two calendar months is 2.0, not 2.03.
"""
from __future__ import annotations

import datetime as dt

_DAYS = {"daily": 1, "weekly": 7, "biweekly": 14}
_MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


def periods_between(start: dt.date, end: dt.date, cadence: str) -> float:
    """How many `cadence` periods lie between two dates (negative if start is later)."""
    if cadence in _DAYS:
        return (end - start).days / _DAYS[cadence]
    months = (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 31
    return months / _MONTHS[cadence]
