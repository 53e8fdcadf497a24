"""The SQL date arithmetic gives the same answers as the rules' Python, on every database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db.models import DateField, Value

from skyddsnat.accounts.models import Municipality
from skyddsnat.indicators.definitions import age_group_of
from skyddsnat.indicators.expressions import AddMonths, DaysBetween, age_group, local_date
from skyddsnat.intake.models import Report
from skyddsnat.rules import STOCKHOLM, add_months
from skyddsnat.rules import local_date as py_local_date
from tests.cast import pin_for
from tests.services.flow import report

pytestmark = pytest.mark.django_db

D = date.fromisoformat
#: Month ends, leap days and ordinary days: where month arithmetic goes wrong.
DAYS = [
    D("2023-01-31"),
    D("2023-03-31"),
    D("2023-08-31"),
    D("2023-10-31"),
    D("2023-12-31"),
    D("2024-01-29"),
    D("2024-01-30"),
    D("2024-02-29"),
    D("2024-05-31"),
    D("2025-02-28"),
    D("2025-10-31"),
    D("2026-01-15"),
    D("2026-03-31"),
]


def one(expression):
    """Return the value of ``expression`` evaluated by the database."""
    return Municipality.objects.annotate(x=expression).values_list("x", flat=True).first()


@pytest.fixture(autouse=True)
def _a_row():
    Municipality.objects.create(code="9999", name="Testby")


@pytest.mark.parametrize("months", [1, 4, -12, 13])
def test_add_months_clamps_to_the_months_end_like_the_rules(months):
    for day in DAYS:
        got = one(AddMonths(Value(day, output_field=DateField()), months))
        if isinstance(got, str):
            got = D(got)
        assert got == add_months(day, months), (day, months)


def test_days_between_counts_calendar_days():
    for day in DAYS:
        for later in (day, day + timedelta(days=1), day + timedelta(days=14), add_months(day, 4)):
            got = one(
                DaysBetween(
                    Value(day, output_field=DateField()), Value(later, output_field=DateField())
                )
            )
            assert got == (later - day).days


@pytest.mark.parametrize(
    ("birth", "day", "group"),
    [
        ("2020-06-15", "2026-06-14", "0-5"),  # 5 the day before the 6th birthday
        ("2020-06-15", "2026-06-15", "6-12"),  # 6 on the birthday
        ("2013-03-01", "2026-02-28", "6-12"),
        ("2013-03-01", "2026-03-01", "13-17"),
        ("2008-12-31", "2026-12-30", "13-17"),
        ("2008-12-31", "2026-12-31", "18-20"),
        ("2005-01-01", "2025-12-31", "18-20"),
        ("2005-01-01", "2026-01-01", "unknown"),  # 21
        ("2008-02-29", "2026-02-28", "13-17"),  # a leap-day child turns 18 on 1 March
        ("2008-02-29", "2026-03-01", "18-20"),
        ("2026-01-01", "2026-01-01", "0-5"),
    ],
)
def test_the_age_group_is_the_age_on_the_counting_date(cast, frozen_today, birth, day, group):
    frozen_today(D("2027-01-01"))
    case = report(
        cast.alice, datetime(2026, 1, 2, 9, tzinfo=STOCKHOLM), [pin_for(D(birth))]
    ).cases.get()
    got = (
        type(case)
        .objects.filter(pk=case.pk)
        .annotate(g=age_group("child__birth_date", Value(D(day), output_field=DateField())))
        .values_list("g", flat=True)
        .get()
    )
    assert got == group
    expected_age = (
        D(day).year - D(birth).year - ((D(day).month, D(day).day) < (D(birth).month, D(birth).day))
    )
    assert age_group_of(expected_age).code == group


def test_a_report_late_on_new_years_eve_has_that_local_date(cast, frozen_today):
    frozen_today(D("2027-01-02"))
    late = datetime(2026, 12, 31, 23, 30, tzinfo=STOCKHOLM)  # 22:30 UTC
    early = datetime(2027, 1, 1, 0, 30, tzinfo=STOCKHOLM)  # 23:30 UTC on 31 December
    for moment in (late, early):
        r = report(cast.alice, moment, [pin_for(D("2015-05-17"))])
        got = (
            Report.objects.filter(pk=r.pk)
            .annotate(d=local_date("received_at"))
            .values_list("d", flat=True)
            .get()
        )
        assert got == py_local_date(moment)
