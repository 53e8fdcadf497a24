"""compute_trend gives, for every period, exactly what compute_indicators gives for it.

The follow-up page computes the trend of every indicator (decision 0045): the SQL aggregates
count all the periods in one statement grouped by period where they can, the others one period
at a time. The figures, notes and masking must be the same either way.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skyddsnat.cases.models import IndicatorMemo
from skyddsnat.indicators import obligations
from skyddsnat.indicators.periods import Period, trend
from skyddsnat.indicators.service import compute_indicators, compute_trend
from tests.indicators.test_service import _cases

D = date.fromisoformat

TRENDS = [
    trend(Period.parse("2026Q4"), 5),  # disjoint: grouped
    trend(Period.parse("2026-09"), 5),
    trend(Period.parse("2027"), 3),
    trend(Period.parse("2026H2"), 2),
    trend(Period.parse("R12-2026-10"), 3),  # overlapping: one period at a time
]


@pytest.fixture
def many(cast, frozen_today):
    frozen_today(D("2026-11-20"))
    _cases(cast, 24, 1)
    return cast


@pytest.mark.parametrize("periods", TRENDS, ids=lambda ps: ps[-1].code)
@pytest.mark.parametrize("who", ["ana", "maja"])
@pytest.mark.parametrize("unit", [False, True])
def test_the_trend_is_each_period_computed_alone(many, periods, who, unit):
    user = getattr(many, who)
    unit_id = many.inv_unit.pk if unit else None
    together = compute_trend(
        acting_user=user, periods=periods, unit_id=unit_id, memo=obligations.window(periods)
    )
    for period in periods:
        IndicatorMemo.objects.all().delete()  # each counted alone, not kept by the trend
        alone = compute_indicators(acting_user=user, period=period, unit_id=unit_id)
        assert together[period] == alone, period


def test_the_trend_takes_fewer_statements_than_its_periods_alone(many):
    periods = TRENDS[0]
    with CaptureQueriesContext(connection) as together:
        compute_trend(acting_user=many.ana, periods=periods, memo=obligations.window(periods))
    IndicatorMemo.objects.all().delete()  # nothing kept (decision 0053)
    with CaptureQueriesContext(connection) as alone:
        memo = obligations.window(periods)
        for period in periods:
            compute_indicators(acting_user=many.ana, period=period, memo=memo)
    # 146 against 286 when written: the SQL aggregates without a breakdown count the five
    # periods in one statement; snapshots, rates and span-dependent sources one at a time.
    assert len(together) < 0.6 * len(alone), (len(together), len(alone))


def test_without_a_memo_and_with_a_period_twice(many):
    periods = trend(Period.parse("2026Q4"), 4)
    together = compute_trend(acting_user=many.maja, periods=[*periods, periods[0]])
    assert list(together) == periods
    for period in periods:
        IndicatorMemo.objects.all().delete()
        assert together[period] == compute_indicators(acting_user=many.maja, period=period)


#: Shares over the same source (the preliminary assessments of the period): one statement.
ONE_SOURCE = [
    "reports_investigated_share",
    "prelim_child_heard_share",
    "child_informed_rights_share",
    "prelim_early_help_share",
    "prelim_referred_share",
]


@pytest.mark.parametrize(
    "periods", [TRENDS[0], [Period.parse("2026")], TRENDS[4]], ids=["quarters", "year", "rolling"]
)
def test_sums_over_one_source_are_counted_in_one_statement(many, periods):
    # Her own unit's figures, unmasked for her: the sums are seen, not hidden.
    asked = {"acting_user": many.maja, "periods": periods, "unit_id": many.inv_unit.pk}
    IndicatorMemo.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        together = compute_trend(**asked, ids=ONE_SOURCE)
    alone = {}
    for indicator in ONE_SOURCE:
        IndicatorMemo.objects.all().delete()
        alone[indicator] = compute_trend(**asked, ids=[indicator])
    for period in periods:
        expected = [v for indicator in ONE_SOURCE for v in alone[indicator][period]]
        assert together[period] == expected, period
    assert any(v.denominator and not v.masked for p in periods for v in together[p])
    reading = [
        q["sql"] for q in queries.captured_queries if "intake_preliminaryassessment" in q["sql"]
    ]
    overlapping = len(periods) > 1 and periods[0].end >= periods[1].start
    # A rolling 12 months overlap: each period is counted on its own, its sums still together.
    assert len(reading) == (len(periods) if overlapping else 1), reading
