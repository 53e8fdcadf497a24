"""Swedish dates for legal time limits: local dates, periods, working days.

Every time limit is counted in Swedish local dates (Europe/Stockholm). "+ N days" counts calendar
days; "+ N months" keeps the day number and clamps it to the last day of a shorter month
(2026-01-31 + 1 month = 2026-02-28).

Working days follow the act on computing statutory time (lag (1930:173) om beräkning av lagstadgad
tid): Saturdays, Sundays, public holidays (*allmänna helgdagar*), Midsummer Eve, Christmas Eve and
New Year's Eve are not working days. The holidays come from the maintained ``holidays`` library
(the ``public`` and ``de_facto`` categories of ``holidays.Sweden``; the de facto category holds the
three eves); nothing here is a hand-written list of movable feasts. The library can list every
Sunday as a holiday (``include_sundays``); it is switched off, since weekends are handled by the
weekday test and a "holiday" named *Söndag* would only be noise in explanations.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from holidays.countries.sweden import Sweden

try:
    from holidays.constants import DE_FACTO, PUBLIC
except ImportError:  # pragma: no cover - old holidays releases
    DE_FACTO, PUBLIC = "de_facto", "public"

STOCKHOLM = ZoneInfo("Europe/Stockholm")

Unit = Literal["days", "weeks", "months", "years"]

_UNIT_NAMES_SV: dict[str, tuple[str, str]] = {
    "days": ("dag", "dagar"),
    "weeks": ("vecka", "veckor"),
    "months": ("månad", "månader"),
    "years": ("år", "år"),
}
_WEEKDAYS_SV = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def local_datetime(dt: datetime) -> datetime:
    """Return ``dt`` in Swedish local time; refuse naive datetimes."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"An aware datetime is required, got the naive {dt!r}.")
    return dt.astimezone(STOCKHOLM)


def local_date(dt: datetime) -> date:
    """Return the Swedish local date (Europe/Stockholm) of the aware datetime ``dt``."""
    return local_datetime(dt).date()


def add_days(d: date, n: int) -> date:
    """Return ``d`` plus ``n`` calendar days."""
    return d + timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """Return ``d`` plus ``n`` calendar months, clamping the day to the month's last day.

    2026-01-31 + 1 month is 2026-02-28; 2024-02-29 + 12 months is 2025-02-28.
    """
    month_index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(month_index, 12)
    month += 1
    day = min(d.day, monthrange(year, month)[1])
    return date(year, month, day)


@dataclass(frozen=True)
class Period:
    """A length of time as the law states it: ``Period(14, "days")``, ``Period(4, "months")``."""

    amount: int
    unit: Unit = "days"

    def __post_init__(self) -> None:
        if self.unit not in _UNIT_NAMES_SV:
            raise ValueError(f"Unknown unit {self.unit!r}.")
        if self.amount < 0:
            raise ValueError("A period cannot be negative.")

    def after(self, start: date) -> date:
        """Return the date that lies this period after ``start``."""
        if self.unit == "days":
            return add_days(start, self.amount)
        if self.unit == "weeks":
            return add_days(start, 7 * self.amount)
        if self.unit == "months":
            return add_months(start, self.amount)
        return add_months(start, 12 * self.amount)

    def with_amount(self, amount: int) -> Period:
        """Return the same kind of period with another amount (used for unit settings)."""
        return Period(amount, self.unit)

    def sv(self) -> str:
        """Return the period in Swedish words: "14 dagar", "1 vecka", "4 månader"."""
        singular, plural = _UNIT_NAMES_SV[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"

    def __str__(self) -> str:
        return self.sv()


@lru_cache(maxsize=64)
def _swedish_holidays(year: int) -> dict[date, str]:
    """Return the public holidays and the three eves of one year, named in Swedish.

    Older releases of ``holidays`` (the project allows >= 0.60) lack the ``de_facto`` category;
    then the eves are taken from the library's own dates: Midsummer Eve is the day before
    Midsummer Day, Christmas Eve and New Year's Eve are fixed dates.
    """
    try:
        found = Sweden(
            years=year, categories=(PUBLIC, DE_FACTO), include_sundays=False, language="sv"
        )
        return {d: str(name) for d, name in found.items()}
    except (NotImplementedError, ValueError):  # pragma: no cover - old holidays releases
        public = Sweden(years=year, include_sundays=False, language="sv")
        days = {d: str(name) for d, name in public.items()}
        for d, name in list(days.items()):
            if "Midsommardagen" in name:
                days[d - timedelta(days=1)] = "Midsommarafton"
        days[date(year, 12, 24)] = "Julafton"
        days[date(year, 12, 31)] = "Nyårsafton"
        return days


def non_working_day_name(d: date) -> str | None:
    """Return why ``d`` is not a working day ("Långfredagen", "lördag"), or None if it is one."""
    name = _swedish_holidays(d.year).get(d)
    if name:
        return name.split(";")[0].strip()
    if d.weekday() >= 5:
        return _WEEKDAYS_SV[d.weekday()]
    return None


def is_swedish_non_working_day(d: date) -> bool:
    """Return True for Saturdays, Sundays, public holidays and the three eves (1930:173)."""
    return d.weekday() >= 5 or d in _swedish_holidays(d.year)


def next_working_day(d: date) -> date:
    """Return ``d`` if it is a working day, else the first working day after it."""
    while is_swedish_non_working_day(d):
        d += timedelta(days=1)
    return d


def format_date(d: date) -> str:
    """Return ``d`` as Swedish texts write it in explanations (ISO 8601: 2026-03-16)."""
    return d.isoformat()


def days_sv(n: int) -> str:
    """Return "1 dag" or "n dagar"."""
    return Period(abs(n), "days").sv()
