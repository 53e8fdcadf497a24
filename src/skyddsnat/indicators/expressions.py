"""Portable SQL expressions for date arithmetic, the same answer on SQLite and PostgreSQL.

Django's own date subtraction gives a duration whose SQL differs between the two databases, and
neither database adds calendar months the way the law counts them on both. These small
expressions give whole days and clamped months directly, one SQL form per database:

- ``DaysBetween(start, end)``: ``end - start`` in days (an integer).
- ``AddDays(day, n)``: the date ``n`` calendar days after ``day``.
- ``AddMonths(day, n)``: the same day number ``n`` months later, clamped to the last day of a
  shorter month (``skyddsnat.rules.add_months``): 2025-10-31 + 4 months = 2026-02-28.
- ``local_date(field)``: the Swedish local date of an aware date-time column.
- ``DayNumber(day)``: the date as the integer YYYYMMDD.
- ``age_group(birth, day)``: the age group code of a child born on ``birth`` on ``day``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Case,
    CharField,
    DateField,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.db.models.sql.compiler import SQLCompiler

from skyddsnat.indicators.definitions import AGE_GROUPS, AGE_UNKNOWN
from skyddsnat.rules import STOCKHOLM

SQL = tuple[str, tuple[Any, ...]]


def _expr(value: str | Expression | date) -> Expression:
    if isinstance(value, str):
        return F(value)
    if isinstance(value, date):
        return Value(value, output_field=DateField())
    return value


class DaysBetween(Func):
    """Return ``end - start`` in whole days (both are dates)."""

    output_field = IntegerField()

    def __init__(self, start: str | Expression | date, end: str | Expression | date) -> None:
        super().__init__(_expr(start), _expr(end))

    def _sides(self, compiler: SQLCompiler) -> tuple[SQL, SQL]:
        start, end = (compiler.compile(e) for e in self.source_expressions)
        return (start[0], tuple(start[1])), (end[0], tuple(end[1]))

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        # date - date is an integer number of days in PostgreSQL.
        (start_sql, start_params), (end_sql, end_params) = self._sides(compiler)
        return f"(({end_sql})::date - ({start_sql})::date)", (*end_params, *start_params)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        # Julian day numbers of dates differ by a whole number, held as a real: cast it.
        (start_sql, start_params), (end_sql, end_params) = self._sides(compiler)
        return (
            f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)",
            (*end_params, *start_params),
        )

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SQL:
        raise NotImplementedError(f"DaysBetween is not written for {connection.vendor}")


class _ShiftedDate(Func):
    """A date column or value moved by a whole number of calendar units (days, months)."""

    output_field = DateField()

    def __init__(self, day: str | Expression | date, amount: int) -> None:
        if not isinstance(amount, int):
            raise TypeError(f"{type(self).__name__} takes a whole number")
        super().__init__(_expr(day))
        self.amount = amount

    def _day_sql(self, compiler: SQLCompiler) -> SQL:
        sql, params = compiler.compile(self.source_expressions[0])
        return sql, tuple(params)

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SQL:
        raise NotImplementedError(f"{type(self).__name__} is not written for {connection.vendor}")


class AddDays(_ShiftedDate):
    """Return ``day`` plus ``amount`` calendar days."""

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        # date + integer is a date in PostgreSQL.
        sql, params = self._day_sql(compiler)
        return f"(({sql})::date + %s)", (*params, self.amount)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        sql, params = self._day_sql(compiler)
        return f"date({sql}, %s)", (*params, f"{self.amount:+d} days")


class AddMonths(_ShiftedDate):
    """Return ``day`` plus ``amount`` calendar months, clamped to the month's last day."""

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        # PostgreSQL's interval arithmetic clamps to the month's end (2026-01-31 + 1 month is
        # 2026-02-28), which is exactly the rule.
        sql, params = self._day_sql(compiler)
        return f"(({sql})::date + make_interval(months => %s))::date", (*params, self.amount)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        # SQLite rolls an overflowing day into the next month (2026-01-31 + 1 month is
        # 2026-03-03); the smaller of that and the last day of the target month is the rule.
        sql, params = self._day_sql(compiler)
        shift = f"{self.amount:+d} months"
        after_target = f"{self.amount + 1:+d} months"
        return (
            f"min(date({sql}, %s), date({sql}, 'start of month', %s, '-1 day'))",
            (*params, shift, *params, after_target),
        )


def local_date(field: str) -> TruncDate:
    """Return the Swedish local date (Europe/Stockholm) of the date-time column ``field``."""
    return TruncDate(field, tzinfo=STOCKHOLM)


class DayNumber(Func):
    """Return a date as the integer YYYYMMDD (ages are differences of these numbers).

    One native call per database: SQLite's ``strftime`` (Django's ``Extract`` there is a
    Python function per part, which made age groups slow), PostgreSQL's ``to_char``.
    """

    output_field = IntegerField()

    def __init__(self, day: str | Expression | date) -> None:
        super().__init__(_expr(day))

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char(({sql})::date, 'YYYYMMDD')::integer", tuple(params)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> SQL:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(strftime('%%Y%%m%%d', {sql}) AS INTEGER)", tuple(params)

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SQL:
        raise NotImplementedError(f"DayNumber is not written for {connection.vendor}")


def age_group(birth: str, day: str | Expression | date) -> Case:
    """Return the age-group code of a child born on ``birth`` (a field) on ``day``.

    The age in whole years is ``floor((YYYYMMDD(day) - YYYYMMDD(birth)) / 10000)``, so a child
    is at most ``n`` years old while that difference is below ``(n + 1) * 10000``: integers
    only, no division. An unknown birth date, or an age outside 0–20, is ``unknown``.
    """
    difference = DayNumber(day) - DayNumber(birth)
    whens = [
        When(
            Q(**{f"{birth}__isnull": False})
            & GreaterThanOrEqual(difference, Value(group.first * 10000))
            & LessThan(difference, Value((group.last + 1) * 10000)),
            then=Value(group.code),
        )
        for group in AGE_GROUPS
    ]
    return Case(*whens, default=Value(AGE_UNKNOWN.code), output_field=CharField())
