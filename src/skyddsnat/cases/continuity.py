"""Continuity (*kontinuitet*): how many responsible caseworkers a child has had.

Derived from where responsibility is recorded: each case's first responsible (the ``previous``
of its first ``CaseworkerAssignment``, or ``Case.responsible`` if it was never re-assigned),
from the day its report came in, then every re-assignment (``CaseworkerAssignment``), each
holding the case until the next one (or the day the case closed). All the child's cases count:
a child with two cases has met the caseworkers of both. Two queries whatever the history.

``count_holders`` is pure (no database), so the formula is tested as a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from skyddsnat.cases.models import Case, CaseworkerAssignment

ORDINALS = (
    "",
    "Första",
    "Andra",
    "Tredje",
    "Fjärde",
    "Femte",
    "Sjätte",
    "Sjunde",
    "Åttonde",
    "Nionde",
    "Tionde",
)
NUMBERS = ("noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio")


@dataclass(frozen=True)
class Holding:
    """One caseworker responsible for one case from ``start`` to ``end`` (both included)."""

    caseworker_id: int
    start: date
    end: date


@dataclass(frozen=True)
class Continuity:
    """The child's responsible caseworkers: since the first report, and per calendar year."""

    first_report_on: date | None
    since_first_report: int
    per_year: dict[int, int] = field(default_factory=dict)
    today: date | None = None

    @property
    def sentence(self) -> str:
        """Return the plain Swedish line for the case page, e.g. "Fjärde handläggaren på två år"."""
        n = self.since_first_report
        if n == 0 or self.first_report_on is None or self.today is None:
            return _("Barnet har ännu inte haft någon ansvarig handläggare.")
        span = duration_text(self.first_report_on, self.today)
        if n == 1:
            return _("Samma handläggare sedan första anmälan för %(span)s sedan.") % {"span": span}
        ordinal = ORDINALS[n] if n < len(ORDINALS) else f"{n}:e"
        return _("%(ordinal)s handläggaren på %(span)s.") % {"ordinal": ordinal, "span": span}


def duration_text(start: date, today: date) -> str:
    """Return the time from ``start`` to ``today`` in words: months below two years, else
    whole years."""
    months = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day:
        months -= 1
    months = max(months, 0)
    if months < 1:
        return _("mindre än en månad")
    if months == 1:
        return _("en månad")
    if months < 24:
        return _("%(n)s månader") % {"n": months}
    years = months // 12
    return _("%(n)s år") % {"n": NUMBERS[years] if years < len(NUMBERS) else years}


def count_holders(
    holdings: Iterable[Holding], today: date, first_report_on: date | None
) -> Continuity:
    """Return the distinct caseworkers of ``holdings``: all of them, and per calendar year (a
    caseworker counts in every year her holding touches)."""
    everyone: set[int] = set()
    per_year: dict[int, set[int]] = {}
    for h in holdings:
        everyone.add(h.caseworker_id)
        for year in range(h.start.year, h.end.year + 1):
            per_year.setdefault(year, set()).add(h.caseworker_id)
    return Continuity(
        first_report_on=first_report_on,
        since_first_report=len(everyone),
        per_year={year: len(ids) for year, ids in sorted(per_year.items())},
        today=today,
    )


def holdings_of(cases: Sequence[Case], assignments: Sequence[CaseworkerAssignment], today: date):
    """Return the holdings of ``cases`` (with their reports) given all their assignments."""
    by_case: dict[int, list[CaseworkerAssignment]] = {}
    for a in assignments:
        by_case.setdefault(a.case_id, []).append(a)
    result = []
    for case in cases:
        end = timezone.localdate(case.closed_at) if case.closed_at else today
        steps = sorted(by_case.get(case.pk, []), key=lambda a: (a.assigned_at, a.pk))
        starts: list[tuple[int | None, date]] = []
        first = steps[0].previous_id if steps else case.responsible_id
        starts.append((first, timezone.localdate(case.report.received_at)))
        starts.extend((a.caseworker_id, timezone.localdate(a.assigned_at)) for a in steps)
        for (who, start), (_next, following) in zip(
            starts, [*starts[1:], (None, end)], strict=True
        ):
            if who is not None:
                result.append(Holding(who, start, max(start, min(following, end))))
    return result


def child_continuity(child_id: int, today: date) -> Continuity:
    """Return the continuity of the child ``child_id`` across all her cases (two queries)."""
    cases = list(Case.objects.filter(child_id=child_id).select_related("report").order_by("pk"))
    assignments = list(CaseworkerAssignment.objects.filter(case__child_id=child_id))
    first = min((timezone.localdate(c.report.received_at) for c in cases), default=None)
    return count_holders(holdings_of(cases, assignments, today), today, first)
