"""Staff and continuity: caseload, caseworkers per child, staff turnover.

These count people, not case rows, so each has its own small set of queries; like the others,
the number of queries is fixed and nothing loops over cases or staff in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import EmploymentPeriod, Unit
from skyddsnat.cases.models import Case, CaseworkerAssignment
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.dimensions import Breakdown
from skyddsnat.indicators.expressions import DaysBetween, age_group
from skyddsnat.indicators.measures import (
    Cell,
    Context,
    Key,
    Measure,
    Raw,
    Table,
    add_totals,
    grouped,
    table_keys,
)
from skyddsnat.indicators.sources import Source, Span
from skyddsnat.limits import EARLIEST_RECEIVED_DATE
from skyddsnat.people.models import Child
from skyddsnat.rules import STOCKHOLM


class CaseloadMeasure(Measure):
    """Open investigations per responsible caseworker on the snapshot day: mean, and max.

    The responsible caseworker is the case's current one (``Case.responsible``); the history of
    re-assignments is not used for snapshots in the past.
    """

    def __init__(self, source: Source):
        self.source = source
        self.restrict = {}

    def applies_to(self, breakdown: Breakdown) -> bool:
        return False

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        qs = self.source.queryset(ctx.span, ctx.municipality_id).filter(
            case__responsible__isnull=False
        )
        aggregates = {"n": Count("pk"), "workers": Count("case__responsible", distinct=True)}
        raw: dict[Key, dict[str, Any]] = {}
        for groupby in [("_unit",), ()]:
            for row in grouped(qs, groupby, aggregates):
                raw[(row.get("_unit"), None)] = dict(row)
        per_worker = qs.order_by().values("case__responsible").annotate(n=Count("pk"))
        busiest = Unit.objects.filter(municipality_id=ctx.municipality_id).annotate(
            most=Subquery(
                per_worker.filter(case__unit_id=OuterRef("pk")).order_by("-n").values("n")[:1]
            )
        )
        for unit_id, most in busiest.values_list("pk", "most"):
            raw.setdefault((unit_id, None), {"n": 0, "workers": 0})["max"] = most or 0
        top = per_worker.order_by("-n").values_list("n", flat=True).first()
        raw.setdefault((None, None), {"n": 0, "workers": 0})["max"] = top or 0
        cells = {}
        for key in table_keys(ctx.units, None):
            values = raw.get(key) or {"n": 0, "workers": 0, "max": 0}
            n, workers = values["n"] or 0, values["workers"] or 0
            cells[key] = Cell(
                value=n / workers if workers else None,
                numerator=n,
                denominator=workers,
                size=workers,
                extra={"max": values.get("max", 0)},
            )
        return Table(cells, ctx.units, None)


@dataclass(frozen=True)
class Window:
    """A stretch of time given by its first moment and the first moment after it."""

    start_at: datetime
    end_before: datetime


#: Before the first report any municipality has on record: "since the first report".
BEGINNING = datetime.combine(EARLIEST_RECEIVED_DATE, time.min, tzinfo=STOCKHOLM)


def _in_municipality(municipality_id: int, prefix: str = "") -> Q:
    """Return the condition that a case (at ``prefix``) is the municipality's.

    On PostgreSQL its report's municipality is named too (always the case's,
    ``Source.of_municipality``): the planner then reads the municipality's reports only, not
    every report (decision 0049). Not on SQLite: there the planner then starts from the
    municipality's reports and, for the cases never re-assigned, searches the municipality's
    cases by the work-list index for every report (quadratic: 99 s for one year at 100,000
    reports, 0.1 s without it).
    """
    lookups = {f"{prefix}municipality_id": municipality_id}
    if connection.vendor == "postgresql":
        lookups[f"{prefix}report__municipality_id"] = municipality_id
    return Q(**lookups)


def _open_cases(span: Span | Window, prefix: str = "") -> Q:
    """Return the condition that a case (at ``prefix``) was open some day of the period."""
    return Q(**{f"{prefix}report__received_at__lt": span.end_before}) & (
        Q(**{f"{prefix}closed_at__isnull": True}) | Q(**{f"{prefix}closed_at__gte": span.start_at})
    )


class CaseworkersPerChild(Measure):
    """Distinct responsible caseworkers per child with an open case during the period.

    For each child: the caseworkers who were responsible for one of the child's open cases some
    day of the period: whoever held the case when the period began (the caseworker of the last
    assignment before it, or, without one, the case's first responsible: the ``previous`` of its
    first assignment, or its responsible if it was never re-assigned) and everyone assigned
    during it. The child belongs to the unit of its open case registered last.

    The (child, caseworker) pairs come from three sources, so they are a ``UNION`` (which also
    removes duplicates), joined to the children and counted per group in one statement. Django's
    ORM cannot use a ``UNION`` as a derived table, so the statement is put together from
    ORM-compiled parts (``_compiled``); every part stays an ORM queryset with its parameters.
    """

    def __init__(self) -> None:
        self.restrict = {}

    def applies_to(self, breakdown: Breakdown) -> bool:
        return breakdown.id in (d.SEX, d.AGE_GROUP)

    def window(self, span: Span) -> Span | Window:
        """Return the time whose caseworkers count: the period."""
        return span

    def pairs(self, span: Span | Window, municipality_id: int) -> QuerySet:
        """Return the distinct (child, caseworker) pairs responsible during the period."""
        in_municipality = CaseworkerAssignment.objects.filter(
            _open_cases(span, "case__"), _in_municipality(municipality_id, "case__")
        ).order_by()
        replaced_before_start = CaseworkerAssignment.objects.filter(
            case_id=OuterRef("case_id"),
            assigned_at__gt=OuterRef("assigned_at"),
            assigned_at__lte=span.start_at,
        )
        earlier = CaseworkerAssignment.objects.filter(
            case_id=OuterRef("case_id"), assigned_at__lt=OuterRef("assigned_at")
        )
        held_during = (
            in_municipality.filter(assigned_at__lt=span.end_before)
            .exclude(Exists(replaced_before_start))
            .values(pair_child=F("case__child_id"), pair_user=F("caseworker_id"))
        )
        first_holders = (
            in_municipality.filter(assigned_at__gte=span.start_at, previous__isnull=False)
            .exclude(Exists(earlier))
            .values(pair_child=F("case__child_id"), pair_user=F("previous_id"))
        )
        never_reassigned = (
            Case.objects.filter(
                _open_cases(span), _in_municipality(municipality_id), responsible__isnull=False
            )
            .exclude(Exists(CaseworkerAssignment.objects.filter(case_id=OuterRef("pk"))))
            .order_by()
            .values(pair_child=F("child_id"), pair_user=F("responsible_id"))
        )
        return held_during.union(first_holders, never_reassigned)

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        span = ctx.span
        open_cases = Case.objects.filter(_open_cases(span), _in_municipality(ctx.municipality_id))
        # The child's cases only (no municipality filter here: it would lead SQLite's planner
        # away from the child index), the one registered last.
        latest_unit = (
            Case.objects.filter(_open_cases(span), child_id=OuterRef("pk"))
            .order_by("-pk")
            .values("unit_id")[:1]
        )
        key = Value("")
        categories = None
        if breakdown is not None:
            categories = self.categories(breakdown)
            key = (
                F("sex")
                if breakdown.id == d.SEX
                else age_group("birth_date", Value(span.snapshot_day))
            )
        children = (
            Child.objects.filter(
                municipality_id=ctx.municipality_id, pk__in=open_cases.values("child_id")
            )
            .order_by()
            .values(child_id=F("pk"), child_unit=Subquery(latest_unit), child_key=key)
        )
        children_sql, children_params = _compiled(children)
        pairs_sql, pairs_params = _compiled(self.pairs(self.window(span), ctx.municipality_id))
        # The pairs are counted per child first: a grouped derived table, which both databases
        # build once (SQLite would otherwise run the UNION again for every child).
        # Both parts are SQL compiled by the ORM with their parameters kept apart: no user text
        # is formatted into the statement.
        sql = (
            "SELECT k.child_unit, k.child_key, SUM(COALESCE(p.caseworkers, 0)), COUNT(*) "  # nosec B608
            f"FROM ({children_sql}) k LEFT JOIN ("
            f"SELECT u.pair_child, COUNT(*) AS caseworkers FROM ({pairs_sql}) u "
            "GROUP BY u.pair_child"
            ") p ON p.pair_child = k.child_id "
            "GROUP BY k.child_unit, k.child_key"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*children_params, *pairs_params))
            rows = cursor.fetchall()
        names = ("pairs", "children")
        raw: dict[Key, Raw] = {
            (unit, code if breakdown is not None else None): {"pairs": n, "children": c}
            for unit, code, n, c in rows
        }
        add_totals(raw, names, keyed=breakdown is not None)
        cells = {}
        for cell_key in table_keys(ctx.units, categories):
            values = raw.get(cell_key) or dict.fromkeys(names, 0)
            pairs, children_count = int(values["pairs"]), int(values["children"])
            cells[cell_key] = Cell(
                value=pairs / children_count if children_count else None,
                numerator=pairs,
                denominator=children_count,
                size=children_count,
            )
        return Table(cells, ctx.units, categories)


class CaseworkersSinceFirstReport(CaseworkersPerChild):
    """Distinct responsible caseworkers per child since the child's first report, for the
    children with an open case during the period (decision 0040).

    The children, their unit and breakdown are those of ``CaseworkersPerChild``; the pairs are
    counted over all the child's cases in the municipality from the first report to the end of
    the period (``window``), as the case page's continuity counts them (``cases.continuity``).
    """

    def window(self, span: Span) -> Span | Window:
        return Window(BEGINNING, span.end_before)


def _compiled(qs: QuerySet) -> tuple[str, tuple[Any, ...]]:
    """Return the SQL and parameters of ``qs``, to be used as a derived table."""
    sql, params = qs.query.sql_with_params()
    return sql, tuple(params)


def first_days_of_months(start: date, end: date) -> list[date]:
    """Return the first day of every month from ``start`` to ``end`` (both included); a span
    within one month that does not begin on its first day is counted on its first day."""
    days = []
    day = start.replace(day=1)
    if day < start:
        day = _next_month(day)
    while day <= end:
        days.append(day)
        day = _next_month(day)
    return days or [start]


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _employed_on(day: date) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gte=day))


class StaffTurnover(Measure):
    """Caseworkers who left during the period / the average headcount of the period.

    Counted from the employment periods (``accounts.EmploymentPeriod``, decision 0031) of the
    roles that handle cases (caseworkers and intake staff):

    * the *headcount* on a day is the number of people with a period covering that day (in the
      unit, or in any unit of the municipality);
    * the *average headcount* is the mean of the headcounts on the first day of each month of
      the period (twelve days for a year; up to today for the current year);
    * a *leaver* is someone whose period ended during the period (up to today) and who has no
      period (in any role) covering the next day: in the same unit for the unit's figure, in
      any unit of the municipality for the municipality's (a move between units is no leaving
      the municipality, but it is leaving the unit); for the municipality's figure a period
      that ended as an internal move (reason ``internal``) is never a leaving (decision 0040).

    Two queries (the units', the municipality's), whatever the number of staff.
    """

    def __init__(self) -> None:
        self.restrict = {}

    def applies_to(self, breakdown: Breakdown) -> bool:
        return False

    def table(self, ctx: Context, breakdown: Breakdown | None) -> Table:
        span = ctx.span
        start, end = span.start, span.snapshot_day
        days = first_days_of_months(start, end)
        staff = policy.turnover_periods(
            EmploymentPeriod.objects.filter(
                unit__municipality_id=ctx.municipality_id, started_on__lte=end
            ).exclude(ended_on__lt=start)
        )
        # Another period of hers, in any role (a caseworker who becomes the unit's manager
        # has not left), that covers the day after this one ended.
        continues = (
            EmploymentPeriod.objects.annotate(
                gap=DaysBetween(OuterRef("ended_on"), F("started_on"))
            )
            .filter(user_id=OuterRef("user_id"), gap__lte=1)
            .exclude(ended_on__lte=OuterRef("ended_on"))
        )
        ended = Q(ended_on__range=(start, end))
        internal = Q(reason_for_leaving=EmploymentPeriod.Reason.INTERNAL)

        def aggregates(continuing: QuerySet, stayed: Q | None = None) -> dict[str, Any]:
            counts: dict[str, Any] = {
                f"h{i}": Count("user", distinct=True, filter=_employed_on(day))
                for i, day in enumerate(days)
            }
            left = ended & ~Exists(continuing)
            if stayed is not None:
                left &= ~stayed
            counts["left"] = Count("user", distinct=True, filter=left)
            counts["people"] = Count("user", distinct=True)
            return counts

        raw: dict[Key, dict[str, Any]] = {}
        same_unit = continues.filter(unit_id=OuterRef("unit_id"))
        for row in grouped(staff, ("unit",), aggregates(same_unit)):
            raw[(row["unit"], None)] = row
        # A period that ended as an internal move (*byte inom förvaltningen*) is no leaving
        # the municipality, even when she went on to a role no period is kept for.
        raw[(None, None)] = staff.aggregate(
            **aggregates(continues.filter(unit__municipality_id=ctx.municipality_id), internal)
        )
        cells = {}
        for key in table_keys(ctx.units, None):
            values = raw.get(key) or {}
            average = sum(values.get(f"h{i}") or 0 for i in range(len(days))) / len(days)
            left = values.get("left") or 0
            cells[key] = Cell(
                value=left / average if average else None,
                numerator=left,
                denominator=round(average, 2),
                size=values.get("people") or 0,
                is_share=True,
                extra={"headcounts": [values.get(f"h{i}") or 0 for i in range(len(days))]},
            )
        return Table(cells, ctx.units, None)
