"""Caseload over time (*ärendebelastning över tid*): each caseworker's open cases, open
investigations and placed children at the end of each of the last twelve months (decision 0040).

* **Who held a case on a day** is read from the assignments, as for continuity
  (``cases.continuity``): the case's first responsible (the ``previous`` of its first
  ``CaseworkerAssignment``, or ``Case.responsible`` if it was never re-assigned) from the day the
  report came in, then each re-assignment from its day.
* At the end of a month-end day *E*, a **case is open** when its report came in on or before *E*
  and it was not closed on or before *E*; an **investigation is open** when it was opened on or
  before *E* and not closed on or before *E*; a **child is placed** when one of her cases has a
  placement (``PLACEMENT_KINDS``) that started on or before *E* and had not ended before *E*
  (``ended_on`` is the last day). Each counts for whoever held the case at *E*; a child placed
  in two of a caseworker's cases counts once.
* **Whose rows:** the caseworkers and intake staff who are members of the unit today, and
  anyone with an employment period in it as such during the twelve months (so that those who
  left are still shown for the months they were there). A caseworker's figures count all her
  cases in the municipality, whichever unit holds them.
* **The target** is the unit's ``caseload_target`` (open cases per caseworker).

Seven queries whatever the number of units, caseworkers, cases or months (``QUERIES``): the
members, the periods, the people, the cases open some day of the window, their assignments, their
investigations and their placements; the counting is done on those rows.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import EmploymentPeriod, Unit, User
from skyddsnat.cases.models import Case, CaseworkerAssignment
from skyddsnat.interventions.choices import PLACEMENT_KINDS
from skyddsnat.interventions.models import Intervention
from skyddsnat.investigations.models import Investigation

#: How many month-ends the history shows.
MONTHS = 12
#: The queries ``unit_histories`` makes, whatever the data (asserted in the tests).
QUERIES = 7


@dataclass(frozen=True)
class Load:
    """One caseworker's caseload at the end of one day."""

    cases: int = 0
    investigations: int = 0
    placed_children: int = 0


@dataclass
class Row:
    """A caseworker's loads, one per month-end (oldest first)."""

    caseworker: User
    loads: list[Load]

    def over_target(self, target: int | None) -> list[bool]:
        return [target is not None and load.cases > target for load in self.loads]


@dataclass
class UnitHistory:
    """A unit's caseworkers' loads at ``month_ends``, and the unit's target."""

    unit: Unit
    month_ends: list[date]
    rows: list[Row] = field(default_factory=list)

    @property
    def target(self) -> int | None:
        return self.unit.caseload_target

    @property
    def mean_cases(self) -> list[float | None]:
        """Return the mean open cases per caseworker with at least one case, per month-end."""
        means: list[float | None] = []
        for i in range(len(self.month_ends)):
            loads = [r.loads[i].cases for r in self.rows if r.loads[i].cases]
            means.append(round(sum(loads) / len(loads), 1) if loads else None)
        return means


def month_ends(today: date, months: int = MONTHS) -> list[date]:
    """Return the last ``months`` month-ends on or before ``today``, oldest first."""
    ends: list[date] = []
    day = today.replace(day=1) - timedelta(days=1)  # the end of the month before
    following = today + timedelta(days=1)
    if following.day == 1:  # today is itself a month-end
        day = today
    while len(ends) < months:
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return list(reversed(ends))


def _end_of(day: date) -> datetime:
    """Return the first moment after ``day`` (local time)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def holder_at(
    day: date,
    received_on: date,
    first: int | None,
    steps: Sequence[tuple[date, int]],
) -> int | None:
    """Return who held a case at the end of ``day``: the last re-assignment on or before it,
    else the first responsible (from the day the report came in), else nobody."""
    if received_on > day:
        return None
    i = bisect_right([on for on, _who in steps], day)
    return steps[i - 1][1] if i else first


def unit_histories(
    units: Sequence[Unit], today: date, *, days: Sequence[date] | None = None
) -> list[UnitHistory]:
    """Return the caseload history of each of ``units`` at the last twelve month-ends, or at
    ``days`` (``[today]``: the caseload now) (``QUERIES`` queries)."""
    ends = sorted(days) if days else month_ends(today)
    first_end, last_end = ends[0], ends[-1]
    unit_ids = [u.pk for u in units]
    if not unit_ids:
        return []
    municipality_ids = {u.municipality_id for u in units}
    # Whose rows: members today, and whoever had a period in the unit during the window.
    members = policy.caseworkers(User.objects.filter(units__in=unit_ids)).values_list("pk", "units")
    in_units: dict[int, set[int]] = {pk: set() for pk in unit_ids}
    for user_id, unit_id in members:
        if unit_id in in_units:
            in_units[unit_id].add(user_id)
    periods = policy.turnover_periods(
        EmploymentPeriod.objects.filter(unit_id__in=unit_ids, started_on__lte=last_end).exclude(
            ended_on__lt=first_end
        )
    ).values_list("user_id", "unit_id")
    for user_id, unit_id in periods:
        in_units[unit_id].add(user_id)
    everyone = set().union(*in_units.values())
    people = {
        u.pk: u
        for u in User.objects.filter(pk__in=everyone).order_by("first_name", "last_name", "pk")
    }

    # The cases open some day of the window, and what happened in them.
    cases = list(
        Case.objects.filter(
            municipality_id__in=municipality_ids,
            report__received_at__lt=_end_of(last_end),
        )
        .exclude(closed_at__lt=_end_of(first_end))
        .order_by()
        .values_list("pk", "child_id", "responsible_id", "report__received_at", "closed_at")
    )
    case_ids = [c[0] for c in cases]
    steps: dict[int, list[tuple[datetime, int, int, int | None]]] = {}
    for case_id, at, pk, who, previous in (
        CaseworkerAssignment.objects.filter(case_id__in=case_ids)
        .order_by()
        .values_list("case_id", "assigned_at", "pk", "caseworker_id", "previous_id")
    ):
        steps.setdefault(case_id, []).append((at, pk, who, previous))
    investigations: dict[int, tuple[date, date | None]] = {
        case_id: (opened, closed)
        for case_id, opened, closed in Investigation.objects.filter(case_id__in=case_ids)
        .order_by()
        .values_list("case_id", "opened_on", "closed_on")
    }
    placements: dict[int, list[tuple[date, date | None]]] = {}
    for case_id, start, end in (
        Intervention.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=first_end),
            case_id__in=case_ids,
            kind__in=PLACEMENT_KINDS,
            start_on__lte=last_end,
        )
        .order_by()
        .values_list("case_id", "start_on", "ended_on")
    ):
        placements.setdefault(case_id, []).append((start, end))

    # Count, per month-end, for whoever held each case.
    counts: list[dict[int, list]] = [{} for _ in ends]
    for case_id, child_id, responsible_id, received_at, closed_at in cases:
        ordered = sorted(steps.get(case_id, []))
        first = ordered[0][3] if ordered else responsible_id
        dated = [(timezone.localdate(at), who) for at, _pk, who, _previous in ordered]
        received_on = timezone.localdate(received_at)
        closed_on = timezone.localdate(closed_at) if closed_at else None
        investigation = investigations.get(case_id)
        for i, day in enumerate(ends):
            if closed_on is not None and closed_on <= day:
                continue
            holder = holder_at(day, received_on, first, dated)
            if holder is None or holder not in everyone:
                continue
            tally = counts[i].setdefault(holder, [0, 0, set()])
            tally[0] += 1
            if investigation is not None:
                opened, closed = investigation
                if opened <= day and (closed is None or closed > day):
                    tally[1] += 1
            if any(
                start <= day and (end is None or end >= day)
                for start, end in placements.get(case_id, [])
            ):
                tally[2].add(child_id)

    histories = []
    for unit in units:
        rows = [
            Row(
                caseworker=person,
                loads=[Load(*_load(counts[i].get(pk))) for i in range(len(ends))],
            )
            for pk, person in people.items()
            if pk in in_units[unit.pk]
        ]
        histories.append(UnitHistory(unit=unit, month_ends=ends, rows=rows))
    return histories


def _load(tally: list | None) -> tuple[int, int, int]:
    if tally is None:
        return 0, 0, 0
    return tally[0], tally[1], len(tally[2])
