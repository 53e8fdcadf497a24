"""Periods: parse, format, first and last day, Swedish labels, and stepping back for trends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skyddsnat.indicators.periods import Kind, Period, PeriodError, parse_period, trend
from skyddsnat.rules import add_months

D = date.fromisoformat


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2026", "2026-01-01", "2026-12-31", "2026"),
        ("2026H1", "2026-01-01", "2026-06-30", "första halvåret 2026"),
        ("2026H2", "2026-07-01", "2026-12-31", "andra halvåret 2026"),
        ("2026Q1", "2026-01-01", "2026-03-31", "första kvartalet 2026"),
        ("2026Q3", "2026-07-01", "2026-09-30", "tredje kvartalet 2026"),
        ("2026Q4", "2026-10-01", "2026-12-31", "fjärde kvartalet 2026"),
        ("2026-03", "2026-03-01", "2026-03-31", "mars 2026"),
        ("2024-02", "2024-02-01", "2024-02-29", "februari 2024"),
        ("2026-02", "2026-02-01", "2026-02-28", "februari 2026"),
        ("R12-2026-03", "2025-04-01", "2026-03-31", "12 månader april 2025–mars 2026"),
        ("R12-2026-12", "2026-01-01", "2026-12-31", "12 månader januari 2026–december 2026"),
    ],
)
def test_it_reads_every_kind_of_period(code, start, end, label):
    period = parse_period(code)
    assert (period.start, period.end) == (D(start), D(end))
    assert period.label == label
    assert period.code == code


def test_it_accepts_lower_case_letters_and_spaces_around():
    assert parse_period(" 2026h1 ").code == "2026H1"
    assert parse_period("2026q2").code == "2026Q2"
    assert parse_period("r12-2026-03").code == "R12-2026-03"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "26",
        "2026Q5",
        "2026Q0",
        "2026H3",
        "2026-13",
        "2026-00",
        "2026-1",
        "R12-2026",
        "R6-2026-03",
        "år 2026",
    ],
)
def test_it_refuses_what_it_cannot_read_with_a_swedish_message(text):
    with pytest.raises(PeriodError, match="Ange perioden som"):
        parse_period(text)


def test_it_refuses_years_outside_its_range():
    with pytest.raises(PeriodError, match="Året"):
        parse_period("1899")


@pytest.mark.parametrize(
    ("code", "previous", "year_before"),
    [
        ("2026", "2025", "2025"),
        ("2026H1", "2025H2", "2025H1"),
        ("2026Q1", "2025Q4", "2025Q1"),
        ("2026Q3", "2026Q2", "2025Q3"),
        ("2026-01", "2025-12", "2025-01"),
        ("R12-2026-01", "R12-2025-12", "R12-2025-01"),
    ],
)
def test_it_steps_back_by_its_own_step_and_by_a_year(code, previous, year_before):
    period = parse_period(code)
    assert period.previous().code == previous
    assert period.year_before().code == year_before


def test_a_trend_ends_with_the_period_and_runs_oldest_first():
    assert [p.code for p in trend(parse_period("2026Q2"), 4)] == [
        "2025Q3",
        "2025Q4",
        "2026Q1",
        "2026Q2",
    ]
    assert [p.code for p in trend(parse_period("2026"), 1)] == ["2026"]


def test_the_period_containing_a_day():
    day = D("2026-08-15")
    assert Period.containing(day).code == "2026"
    assert Period.containing(day, Kind.HALF).code == "2026H2"
    assert Period.containing(day, Kind.QUARTER).code == "2026Q3"
    assert Period.containing(day, Kind.MONTH).code == "2026-08"
    assert Period.containing(day, Kind.ROLLING_12).code == "R12-2026-08"


def test_both_ends_belong_to_the_period():
    period = parse_period("2026")
    assert D("2026-01-01") in period
    assert D("2026-12-31") in period
    assert D("2025-12-31") not in period
    assert D("2027-01-01") not in period


@st.composite
def any_period(draw):
    kind = draw(st.sampled_from(list(Kind)))
    top = {Kind.YEAR: 1, Kind.HALF: 2, Kind.QUARTER: 4}.get(kind, 12)
    return Period(kind, draw(st.integers(1990, 2100)), draw(st.integers(1, top)))


@given(any_period())
def test_a_period_reads_back_from_its_code(period):
    assert parse_period(period.code) == period


@given(any_period())
def test_periods_of_a_kind_follow_each_other_without_gap_or_overlap(period):
    nxt = period.shifted(1)
    if period.kind is Kind.ROLLING_12:
        assert nxt.start == add_months(period.start, 1)
        assert nxt.end == add_months(period.end.replace(day=1), 2) - timedelta(days=1)
    else:
        assert (nxt.start - period.end).days == 1
    assert period.previous().shifted(1) == period
    assert period.days == (period.end - period.start).days + 1
