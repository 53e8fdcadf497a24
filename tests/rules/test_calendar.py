"""The calendar rules: local dates, months that clamp, Swedish working days."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from skyddsnat.rules import add_months, is_swedish_non_working_day, local_date, next_working_day
from skyddsnat.rules.calendar import Period, non_working_day_name

D = date

# fmt: off
ADD_MONTHS = [
    # start          months  expected       why
    (D(2026, 1, 31),  4,     D(2026, 5, 31)),  # May has a 31st
    (D(2025, 10, 31), 4,     D(2026, 2, 28)),  # clamped to the end of February
    (D(2023, 10, 31), 4,     D(2024, 2, 29)),  # clamped to a leap day
    (D(2026, 1, 31),  1,     D(2026, 2, 28)),
    (D(2024, 1, 31),  1,     D(2024, 2, 29)),
    (D(2024, 2, 29),  24,    D(2026, 2, 28)),  # a leap day + 2 years
    (D(2024, 2, 29),  48,    D(2028, 2, 29)),  # … + 4 years finds its leap day again
    (D(2026, 3, 2),   4,     D(2026, 7, 2)),   # same day number
    (D(2025, 11, 30), 3,     D(2026, 2, 28)),  # over New Year
    (D(2026, 3, 31),  -1,    D(2026, 2, 28)),  # backwards clamps too
    (D(2026, 8, 15),  0,     D(2026, 8, 15)),
]

NON_WORKING_DAYS = [
    # date           non-working  name
    (D(2026, 4, 2),  False, None),              # Maundy Thursday is a working day
    (D(2026, 4, 3),  True,  "Långfredagen"),    # Good Friday 2026
    (D(2026, 4, 4),  True,  "lördag"),
    (D(2026, 4, 5),  True,  "Påskdagen"),
    (D(2026, 4, 6),  True,  "Annandag påsk"),   # Easter Monday 2026
    (D(2026, 4, 7),  False, None),
    (D(2026, 6, 18), False, None),
    (D(2026, 6, 19), True,  "Midsommarafton"),  # Midsummer Eve 2026 (a Friday)
    (D(2026, 6, 20), True,  "Midsommardagen"),
    (D(2026, 6, 22), False, None),
    (D(2025, 12, 24), True, "Julafton"),
    (D(2025, 12, 31), True, "Nyårsafton"),
    (D(2026, 1, 1),  True,  "Nyårsdagen"),
    (D(2026, 1, 6),  True,  "Trettondedag jul"),
    (D(2026, 1, 5),  False, None),              # Twelfth Night eve is a working day
    (D(2026, 3, 8),  True,  "söndag"),          # an ordinary Sunday
    (D(2026, 3, 9),  False, None),
]

NEXT_WORKING_DAY = [
    # date            next working day
    (D(2026, 4, 3),   D(2026, 4, 7)),    # Good Friday → Tuesday after Easter Monday
    (D(2026, 4, 2),   D(2026, 4, 2)),    # a working day is its own next working day
    (D(2026, 6, 19),  D(2026, 6, 22)),   # Midsummer Eve → Monday
    (D(2025, 12, 24), D(2025, 12, 29)),  # Christmas Eve → after Boxing Day and the weekend
    (D(2025, 12, 31), D(2026, 1, 2)),    # New Year's Eve → Friday 2 January
    (D(2026, 12, 31), D(2027, 1, 4)),    # … or over a weekend
]
# fmt: on


@pytest.mark.parametrize(("start", "months", "expected"), ADD_MONTHS)
def test_it_adds_months_keeping_or_clamping_the_day(start: date, months: int, expected: date):
    """Adding months keeps the day number and clamps it to the month's last day."""
    assert add_months(start, months) == expected


@pytest.mark.parametrize(("day", "non_working", "name"), NON_WORKING_DAYS)
def test_it_knows_swedish_non_working_days(day: date, non_working: bool, name: str | None):
    """Weekends, public holidays and the three eves are not working days."""
    assert is_swedish_non_working_day(day) is non_working
    assert non_working_day_name(day) == name


@pytest.mark.parametrize(("day", "expected"), NEXT_WORKING_DAY)
def test_it_finds_the_next_working_day(day: date, expected: date):
    """The next working day of a working day is the day itself."""
    assert next_working_day(day) == expected


def test_it_does_not_treat_every_sunday_as_a_named_holiday():
    """The library's optional "Söndag" holidays are off: weekdays are never holidays by mistake."""
    for offset in range(366):
        day = D(2026, 1, 1) + timedelta(days=offset)
        assert non_working_day_name(day) != "Söndag"
        if day.weekday() < 5 and non_working_day_name(day) is None:
            assert not is_swedish_non_working_day(day)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 23:30 UTC on 2 March is 00:30 on 3 March in Stockholm (winter time, UTC+1).
        (datetime(2026, 3, 2, 23, 30, tzinfo=UTC), D(2026, 3, 3)),
        # 22:30 UTC on 1 July is 00:30 on 2 July (summer time, UTC+2).
        (datetime(2026, 7, 1, 22, 30, tzinfo=UTC), D(2026, 7, 2)),
        (datetime(2026, 7, 1, 21, 59, tzinfo=UTC), D(2026, 7, 1)),
        (datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm")), D(2026, 3, 2)),
    ],
)
def test_it_converts_aware_datetimes_to_the_swedish_date(moment: datetime, expected: date):
    """Legal dates are Swedish local dates, whatever zone the datetime was stored in."""
    assert local_date(moment) == expected


def test_it_refuses_naive_datetimes():
    """A naive datetime has no known place in time: refuse it instead of guessing."""
    with pytest.raises(ValueError, match="aware"):
        local_date(datetime(2026, 3, 2, 12, 0))


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (Period(14, "days"), "14 dagar"),
        (Period(1, "days"), "1 dag"),
        (Period(1, "weeks"), "1 vecka"),
        (Period(4, "weeks"), "4 veckor"),
        (Period(1, "months"), "1 månad"),
        (Period(4, "months"), "4 månader"),
        (Period(2, "years"), "2 år"),
    ],
)
def test_it_names_periods_in_swedish(period: Period, text: str):
    """Periods read as the law writes them."""
    assert period.sv() == text


def test_it_counts_weeks_and_years_as_days_and_months():
    """A week is 7 days; a year is 12 months (so a leap day clamps)."""
    assert Period(1, "weeks").after(D(2026, 3, 2)) == D(2026, 3, 9)
    assert Period(4, "weeks").after(D(2026, 3, 2)) == D(2026, 3, 30)
    assert Period(2, "years").after(D(2024, 2, 29)) == D(2026, 2, 28)
