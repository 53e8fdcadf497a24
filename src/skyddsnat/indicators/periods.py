"""Periods an indicator is counted over: year, half-year, quarter, month, rolling 12 months.

Pure Python, no Django. A period is written as in the API:

| code          | period                                   | Swedish label                        |
|---------------|------------------------------------------|--------------------------------------|
| `2026`        | 2026-01-01 – 2026-12-31                  | 2026                                 |
| `2026H1`      | 2026-01-01 – 2026-06-30                  | första halvåret 2026                 |
| `2026Q3`      | 2026-07-01 – 2026-09-30                  | tredje kvartalet 2026                |
| `2026-03`     | 2026-03-01 – 2026-03-31                  | mars 2026                            |
| `R12-2026-03` | 2025-04-01 – 2026-03-31 (12 months to and including March 2026) | 12 månader april 2025–mars 2026 |

Both ends are included. An event belongs to the period its counting date falls in (Swedish local
date). ``previous()`` steps back by the period's own step (a year, a half-year, a quarter, a
month; a rolling period moves back one month), so ``trend(period, n)`` gives the values a chart
draws; ``year_before()`` gives the same period a year earlier, for comparisons.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

MIN_YEAR = 1900
MAX_YEAR = 2999

MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_ORDINALS_SV = ("första", "andra", "tredje", "fjärde")

FORMAT_HELP = (
    "Ange perioden som år (2026), halvår (2026H1), kvartal (2026Q3), månad (2026-03) "
    "eller rullande 12 månader (R12-2026-03)."
)


class PeriodError(ValueError):
    """A period that cannot be read; the message is Swedish, for the user."""


class Kind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    ROLLING_12 = "rolling_12"


#: Months per step, and the number of steps in a year.
_MONTHS = {Kind.YEAR: 12, Kind.HALF: 6, Kind.QUARTER: 3, Kind.MONTH: 1, Kind.ROLLING_12: 1}
_PATTERNS = (
    (Kind.YEAR, re.compile(r"^(\d{4})$")),
    (Kind.HALF, re.compile(r"^(\d{4})H([12])$", re.IGNORECASE)),
    (Kind.QUARTER, re.compile(r"^(\d{4})Q([1-4])$", re.IGNORECASE)),
    (Kind.MONTH, re.compile(r"^(\d{4})-(\d{2})$")),
    (Kind.ROLLING_12, re.compile(r"^R12-(\d{4})-(\d{2})$", re.IGNORECASE)),
)


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _from_index(index: int) -> tuple[int, int]:
    year, month0 = divmod(index, 12)
    return year, month0 + 1


@dataclass(frozen=True, order=True)
class Period:
    """A period of whole months: ``number`` is the half (1–2), quarter (1–4) or month (1–12).

    For a rolling 12 months ``year`` and ``number`` are its last month. A year has number 1.
    """

    kind: Kind
    year: int
    number: int = 1

    def __post_init__(self) -> None:
        top = {Kind.YEAR: 1, Kind.HALF: 2, Kind.QUARTER: 4}.get(self.kind, 12)
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(f"Året måste ligga mellan {MIN_YEAR} och {MAX_YEAR}.")
        if not 1 <= self.number <= top:
            raise PeriodError(FORMAT_HELP)

    # --- construction --------------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Period:
        """Return the period written as ``text`` (see the module docstring); raise PeriodError."""
        text = (text or "").strip()
        for kind, pattern in _PATTERNS:
            match = pattern.match(text)
            if match is None:
                continue
            year = int(match.group(1))
            number = int(match.group(2)) if kind is not Kind.YEAR else 1
            if kind in (Kind.MONTH, Kind.ROLLING_12) and not 1 <= number <= 12:
                raise PeriodError(f"Månaden måste vara 01–12. {FORMAT_HELP}")
            return cls(kind, year, number)
        raise PeriodError(FORMAT_HELP)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(Kind.YEAR, year)

    @classmethod
    def containing(cls, day: date, kind: Kind = Kind.YEAR) -> Period:
        """Return the period of ``kind`` that ``day`` falls in (a rolling period ends in its month)."""
        if kind is Kind.YEAR:
            return cls(kind, day.year)
        if kind is Kind.HALF:
            return cls(kind, day.year, 1 if day.month <= 6 else 2)
        if kind is Kind.QUARTER:
            return cls(kind, day.year, (day.month - 1) // 3 + 1)
        return cls(kind, day.year, day.month)

    # --- dates ---------------------------------------------------------------------------------

    @property
    def _last_month_index(self) -> int:
        if self.kind in (Kind.MONTH, Kind.ROLLING_12):
            return _month_index(self.year, self.number)
        return _month_index(self.year, self.number * _MONTHS[self.kind])

    @property
    def months(self) -> int:
        """Return the number of calendar months the period covers."""
        return 12 if self.kind is Kind.ROLLING_12 else _MONTHS[self.kind]

    @property
    def start(self) -> date:
        """Return the first day of the period."""
        year, month = _from_index(self._last_month_index - self.months + 1)
        return date(year, month, 1)

    @property
    def end(self) -> date:
        """Return the last day of the period (included)."""
        year, month = _from_index(self._last_month_index)
        return date(year, month, monthrange(year, month)[1])

    @property
    def days(self) -> int:
        """Return the number of days in the period."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    # --- words ---------------------------------------------------------------------------------

    @property
    def code(self) -> str:
        """Return the period as the API writes it: ``2026``, ``2026H1``, ``R12-2026-03``."""
        if self.kind is Kind.YEAR:
            return f"{self.year}"
        if self.kind is Kind.HALF:
            return f"{self.year}H{self.number}"
        if self.kind is Kind.QUARTER:
            return f"{self.year}Q{self.number}"
        if self.kind is Kind.MONTH:
            return f"{self.year}-{self.number:02d}"
        return f"R12-{self.year}-{self.number:02d}"

    @property
    def label(self) -> str:
        """Return the period in Swedish words: "tredje kvartalet 2026", "mars 2026"."""
        if self.kind is Kind.YEAR:
            return f"{self.year}"
        if self.kind is Kind.HALF:
            return f"{_ORDINALS_SV[self.number - 1]} halvåret {self.year}"
        if self.kind is Kind.QUARTER:
            return f"{_ORDINALS_SV[self.number - 1]} kvartalet {self.year}"
        if self.kind is Kind.MONTH:
            return f"{MONTHS_SV[self.number - 1]} {self.year}"
        start, end = self.start, self.end
        return (
            f"12 månader {MONTHS_SV[start.month - 1]} {start.year}–"
            f"{MONTHS_SV[end.month - 1]} {end.year}"
        )

    def __str__(self) -> str:
        return self.code

    # --- trends --------------------------------------------------------------------------------

    def shifted(self, steps: int) -> Period:
        """Return the period ``steps`` of its own steps later (negative: earlier)."""
        step = _MONTHS[self.kind]
        year, month = _from_index(self._last_month_index + steps * step)
        if self.kind is Kind.YEAR:
            return Period(self.kind, year)
        if self.kind in (Kind.MONTH, Kind.ROLLING_12):
            return Period(self.kind, year, month)
        return Period(self.kind, year, month // step)

    def previous(self) -> Period:
        """Return the period just before this one, of the same kind."""
        return self.shifted(-1)

    def year_before(self) -> Period:
        """Return the same period one year earlier (``2026Q3`` → ``2025Q3``)."""
        return Period(self.kind, self.year - 1, self.number)


def parse_period(text: str) -> Period:
    """Return the period written as ``text``; raise ``PeriodError`` with a Swedish message."""
    return Period.parse(text)


#: How many periods a trend shows (Uppföljning's charts; the morning job keeps their tables).
TREND_LENGTH = 5


def trend(period: Period, count: int) -> list[Period]:
    """Return ``count`` periods of the same kind, oldest first, ending with ``period``."""
    if count < 1:
        raise ValueError("count must be at least 1")
    return [period.shifted(-n) for n in range(count - 1, -1, -1)]
