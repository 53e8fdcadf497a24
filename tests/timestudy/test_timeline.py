"""The day's timeline: gaps and overlaps are flagged, never merged (pure, no database)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from skyddsnat.rules.calendar import STOCKHOLM
from skyddsnat.timestudy import timeline
from skyddsnat.timestudy.services import default_period


def at(hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 3, 18, hh, mm, tzinfo=STOCKHOLM)


def spans(*pairs):
    return [timeline.Span(i, at(*a), at(*b) if b else None) for i, (a, b) in enumerate(pairs)]


@pytest.mark.parametrize(
    ("blocks", "want"),
    [
        ([((8,), (9,)), ((9,), (10,))], []),
        ([((8,), (9,)), ((9, 30), (10,))], [("gap", (9,), (9, 30))]),
        ([((8,), (9, 15)), ((9,), (10,))], [("overlap", (9,), (9, 15))]),
        # A block inside another: the overlap is the inner block.
        (
            [((8,), (12,)), ((9,), (10,)), ((12, 30), (13,))],
            [("overlap", (9,), (10,)), ("gap", (12,), (12, 30))],
        ),
        # A running block runs until now (14:00).
        (
            [((8,), (9,)), ((13,), None), ((13, 30), (13, 45))],
            [("gap", (9,), (13,)), ("overlap", (13, 30), (13, 45))],
        ),
    ],
)
def test_it_flags_gaps_and_overlaps(blocks, want):
    found = timeline.flags(spans(*blocks), now=at(14))
    assert [(f.kind, f.start, f.end) for f in found] == [(k, at(*a), at(*b)) for k, a, b in want]


def test_it_counts_minutes_of_a_running_block_until_now():
    (span,) = spans(((13,), None))
    assert timeline.minutes(span, at(14, 20)) == 80


@pytest.mark.parametrize(
    ("start", "first", "last"),
    [
        (date(2026, 3, 16), date(2026, 3, 16), date(2026, 3, 20)),  # Monday to Friday
        (date(2026, 3, 18), date(2026, 3, 18), date(2026, 3, 24)),  # over a weekend
        (date(2026, 3, 14), date(2026, 3, 16), date(2026, 3, 20)),  # a Saturday: from Monday
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        (date(2026, 3, 31), date(2026, 3, 31), date(2026, 4, 8)),
    ],
)
def test_the_default_period_is_five_working_days(start, first, last):
    assert default_period(start) == (first, last)
