"""Due dates in SQL, built from the rules registry: the law is written once.

The rules engine (``skyddsnat.rules``) is the truth about a time limit: which version of the law
applies, its period and its calendar rule. The SQL indicators need the same due dates in the
database, for thousands of rows at a time. ``due_date(kind, start)`` builds that expression from
the registry, read as data, so there is no second copy of a period or a date to keep in step:

    CASE WHEN start >= <valid_from of version 1> AND start < <valid_to of version 1>
              THEN COALESCE(<override>, start + <period of version 1>)
         WHEN start >= <valid_from of version 2> …
         ELSE NULL                        -- no version in force: no time limit (as the engine)
    END

one branch per version of the kind, chosen by the start date as the engine chooses it
(``Rule.in_force_on``). A version added to the registry is a new branch by construction.

The calendar rule: "+ N days/weeks" counts calendar days (``AddDays``), "+ N months/years" keeps
the day number clamped to the month's end (``AddMonths``); both are written for SQLite and
PostgreSQL. What SQL cannot express exactly is refused with ``InexpressibleRule``, never
approximated:

- roll-forward to the next working day (``Rule.rolls_forward``): Swedish public holidays come
  from the ``holidays`` library, and a list of them written into SQL is exactly the hand-written
  list that docs/spec/process.md forbids;
- the protective assessment's next day after the unit's cut-off time (it needs the time of day);
- versions chosen by the due date (``version_by="due"``, the custody-transfer consideration);
- the at-once cases of a rule (``Rule.at_once``, the reporter feedback): which applies depends on
  when the request came, a fact the SQL does not read;
- a period unit or a rule field that this module does not know (a new calendar feature in the
  rules must be taught here, or refused, before any SQL uses it).

Those kinds are counted by the rules engine itself (``indicators/obligations.py``, decision
0007). ``tests/indicators/test_due_date_equivalence.py`` checks that the engine and these
expressions agree, on both databases (decision 0008).
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import date

from django.db.models import Case, DateField, Expression, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThan

from skyddsnat.indicators.expressions import AddDays, AddMonths
from skyddsnat.rules import RULES, Period, Rule, RuleRegistry, RuleSettings

#: The fields of ``Rule`` that decide a due date, each read (or refused) by ``due_date``.
DATE_FIELDS = frozenset(
    {
        "kind",
        "valid_from",
        "valid_to",
        "period",
        "repeat_period",
        "period_setting",
        "roll_forward",
        "next_day_after_cutoff",
        "version_by",
        "at_once",
        "due_set_by_sv",
    }
)
#: The fields of ``Rule`` that are words or display only: they never change a due date.
WORD_FIELDS = frozenset(
    {
        "id",
        "title_sv",
        "legal_reference",
        "explanation_template",
        "start_event_sv",
        "met_by_sv",
        "due_soon_days",
        "repeat_start_event_sv",
        "exception_sv",
        "note_sv",
        "reference_checked",
        "extension_sv",
    }
)


class InexpressibleRule(ValueError):
    """A rule version uses a calendar rule that the SQL due date cannot express exactly."""

    def __init__(self, rule: Rule, why: str) -> None:
        super().__init__(
            f"The SQL due date of {rule.kind!r} cannot express the version {rule.id!r}: {why}. "
            "Count this kind with the rules engine (indicators/obligations.py), or teach "
            "indicators/due_dates.py the calendar rule."
        )
        self.rule = rule


def due_date(
    kind: str,
    start: str | Expression,
    *,
    override: Expression | None = None,
    settings: RuleSettings | None = None,
    registry: RuleRegistry | None = None,
    sequence: int = 1,
) -> Case:
    """Return the SQL due date of an obligation of ``kind`` that started on ``start``.

    ``start`` is a date field or expression; the version in force on it gives the period.
    ``override`` is a date that replaces the computed one when it is not NULL (an extension's
    new due date), as ``Rule.deadline(due_date=…)``. With no version in force the due date is
    NULL, as the engine then has no obligation. ``registry`` defaults to ``RULES`` (tests pass
    their own); ``settings`` to the default ``RuleSettings``. Raises ``InexpressibleRule``
    when a version cannot be written in SQL exactly, and ``ValueError`` for an unknown kind.
    """
    registry = RULES if registry is None else registry
    settings = settings or RuleSettings()
    versions = registry.for_kind(kind)
    if not versions:
        raise ValueError(f"The rules registry has no time limit {kind!r}.")
    start_expr = F(start) if isinstance(start, str) else start
    whens = []
    for rule in versions:
        check_expressible(rule, settings)
        computed = period_after(rule, rule.period_for(settings, sequence), start_expr)
        then = computed if override is None else Coalesce(override, computed)
        whens.append(When(in_force(rule, start_expr), then=then))
    return Case(*whens, default=Value(None, output_field=DateField()), output_field=DateField())


def in_force(rule: Rule, day: Expression) -> Q:
    """Return the condition that ``rule`` is in force on ``day`` (``Rule.in_force_on``)."""
    condition = Q(GreaterThanOrEqual(day, _date(rule.valid_from)))
    if rule.valid_to is not None:
        condition &= Q(LessThan(day, _date(rule.valid_to)))
    return condition


def period_after(rule: Rule, period: Period, start: Expression) -> Expression:
    """Return ``start`` + ``period`` in SQL, as ``Period.after`` counts it."""
    if period.unit == "days":
        return AddDays(start, period.amount)
    if period.unit == "weeks":
        return AddDays(start, 7 * period.amount)
    if period.unit == "months":
        return AddMonths(start, period.amount)
    if period.unit == "years":
        return AddMonths(start, 12 * period.amount)
    raise InexpressibleRule(rule, f"the period unit {period.unit!r} has no SQL form here")


def check_expressible(rule: Rule, settings: RuleSettings) -> None:
    """Raise ``InexpressibleRule`` unless ``due_date`` can write ``rule`` in SQL exactly."""
    unknown = [
        f.name
        for f in fields(rule)
        if f.name not in DATE_FIELDS | WORD_FIELDS and getattr(rule, f.name) != _default(f)
    ]
    if unknown:
        raise InexpressibleRule(rule, f"it sets {', '.join(unknown)}, unknown to the SQL builder")
    if rule.due_set_by_sv:
        raise InexpressibleRule(rule, f"its last day is the one {rule.due_set_by_sv}")
    if rule.version_by != "start":
        raise InexpressibleRule(
            rule, f"its version is chosen by the {rule.version_by} date, not the start date"
        )
    if rule.rolls_forward(settings):
        raise InexpressibleRule(
            rule,
            "a due date on a non-working day rolls forward, and Swedish holidays come from the "
            "holidays library, not from SQL",
        )
    if rule.next_day_after_cutoff:
        raise InexpressibleRule(rule, "it moves to the next day after the unit's cut-off time")
    if rule.at_once:
        raise InexpressibleRule(rule, "it is due at once in cases that facts outside SQL decide")


def _default(f) -> object:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return MISSING


def _date(d: date) -> Value:
    return Value(d, output_field=DateField())
