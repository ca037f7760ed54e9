"""Quarters, halves and years: the yearly and half-yearly frequencies a 年度考核 uses, and the periods their actuals
name (2026-Q3, 2026年上半年, 2025), read as spans that the stale-actuals and review-lapse counts measure in."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from diagnostics.periods import periods_between
from engine.cells import parse_period
from engine.errors import IntakeError
from engine.loaders import load_intake
from engine.loaders.writers import intake_to_raw, write_workbook
from engine.model import Kpi, Review
from tests.conftest import EXAMPLES

D = dt.date


@pytest.mark.parametrize(("text", "span"), [
    ("2026-Q3", (D(2026, 7, 1), D(2026, 9, 30))), ("2026q1", (D(2026, 1, 1), D(2026, 3, 31))),
    ("2026年第4季度", (D(2026, 10, 1), D(2026, 12, 31))), ("2026年Q2", (D(2026, 4, 1), D(2026, 6, 30))),
    ("2026-H1", (D(2026, 1, 1), D(2026, 6, 30))), ("2026 H2", (D(2026, 7, 1), D(2026, 12, 31))),
    ("2026年上半年", (D(2026, 1, 1), D(2026, 6, 30))), ("2026下半年", (D(2026, 7, 1), D(2026, 12, 31))),
    ("2025", (D(2025, 1, 1), D(2025, 12, 31))), ("2025年度", (D(2025, 1, 1), D(2025, 12, 31))),
    ("２０２５年", (D(2025, 1, 1), D(2025, 12, 31))), ("2026年第三季度", (D(2026, 7, 1), D(2026, 9, 30))),
    ("2026年一季度", (D(2026, 1, 1), D(2026, 3, 31))), ("2026-3Q", (D(2026, 7, 1), D(2026, 9, 30))),
    ("2026年度第2季度", (D(2026, 4, 1), D(2026, 6, 30))), ("2026-上半年", (D(2026, 1, 1), D(2026, 6, 30))),
    ("9999", (D(9999, 1, 1), D(9999, 12, 31))), ("9999-Q4", (D(9999, 10, 1), D(9999, 12, 31))),
    ("9999-12", (D(9999, 12, 1), D(9999, 12, 31))),
    ("2026-10", (D(2026, 10, 1), D(2026, 10, 31))), ("2026-10-31", (D(2026, 10, 31), D(2026, 10, 31))),
])
def test_quarters_halves_and_years_are_periods(text, span):
    assert parse_period(text) == span


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "2026-H3", "20265", "20261", "0000", "0000-01", "26-Q1",
                                  "2026年第5季度", "2026年第五季度", "2026中半年", "Q3", "2026-13"])
def test_near_misses_are_not_periods(text):
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.mark.parametrize(("written", "frequency"), [("年度", "yearly"), ("每年", "yearly"), ("Annual", "yearly"),
                                                    ("yearly", "yearly"), ("半年度", "half-yearly"),
                                                    ("Semi-annual", "half-yearly"), ("half yearly", "half-yearly"),
                                                    ("semi annual", "half-yearly"), ("Half_year", "half-yearly"),
                                                    ("每年一次", "yearly"), ("每半年度", "half-yearly"),
                                                    ("每季度", "quarterly")])
def test_yearly_and_half_yearly_frequencies_are_accepted(written, frequency):
    kpi = Kpi(id="k", name="年度利润", owner="r", frequency=written)
    review = Review(id="v", name="年终考核", cadence=written)
    assert kpi.frequency == frequency and review.cadence == frequency


@pytest.mark.parametrize("written", ["每两年", "biennial", "decade"])
def test_longer_or_unknown_frequencies_are_still_refused(written):
    with pytest.raises(ValueError):
        Kpi(id="k", name="x", owner="r", frequency=written)


def test_every_frequency_and_cadence_has_a_length():
    """A value added to either enum without a length in diagnostics/periods.py would crash D04 or C02."""
    from engine.enum_words import enum_values

    for section, field in (("kpis", "frequency"), ("reviews", "cadence")):
        for value in enum_values(section, field):
            assert periods_between(D(2026, 1, 1), D(2026, 7, 1), value) > 0, value


def test_a_year_counts_as_twelve_calendar_months_and_a_half_as_six():
    assert periods_between(D(2024, 12, 31), D(2026, 12, 31), "yearly") == 2
    assert periods_between(D(2026, 3, 31), D(2026, 9, 30), "half-yearly") < 1 < periods_between(
        D(2026, 3, 31), D(2026, 10, 30), "half-yearly")


def test_a_year_typed_as_a_number_in_a_workbook_is_that_year(tmp_path):
    """Excel keeps 2025 as a number, which is no plausible date serial: it is the year, not 1905-07-17."""
    path = tmp_path / "years.xlsx"
    write_workbook(intake_to_raw(load_intake(EXAMPLES / "healthy.yaml").intake), path, "en")
    book = openpyxl.load_workbook(path)
    actuals = book["actuals"]
    actuals.cell(2, [c.value for c in actuals[1]].index("period") + 1, 2025)
    book.save(path)
    assert load_intake(path).intake.actuals[0].span == (D(2025, 1, 1), D(2025, 12, 31))


def test_a_date_cell_formatted_to_show_only_the_year_is_that_year(tmp_path):
    """`yyyy"年"` shows 2025: the period is the year (it was read as January, so D04 counted from 2025-01-31);
    a format that shows the month stays that month."""
    path = tmp_path / "years.xlsx"
    write_workbook(intake_to_raw(load_intake(EXAMPLES / "healthy.yaml").intake), path, "en")
    book = openpyxl.load_workbook(path)
    actuals = book["actuals"]
    column = [c.value for c in actuals[1]].index("period") + 1
    for row, number_format in ((2, 'yyyy"年"'), (3, "yyyy-mm")):
        actuals.cell(row, column, dt.datetime(2025, 7, 1)).number_format = number_format
    book.save(path)
    periods = [a.period for a in load_intake(path).intake.actuals[:2]]
    assert periods == ["2025", "2025-07"]


@pytest.mark.parametrize(("lang", "hint"), [("en", "a quarter, half or year as 2026-Q3, 2026-H1, 2025"),
                                            ("zh", "季度、半年、年度可写 2026-Q3 或 2026年第3季度")])
def test_a_wrong_period_says_which_longer_periods_are_read(tmp_path, lang, hint):
    path = tmp_path / "bad.yaml"
    path.write_text((EXAMPLES / "healthy.yaml").read_text(encoding="utf-8").replace(
        "period: 2026-10", "period: 2026-Q5", 1), encoding="utf-8")
    with pytest.raises(IntakeError) as info:
        load_intake(path)
    assert "'2026-Q5'" in info.value.render(lang) and hint in info.value.render(lang)
