"""The committee's quarterly report (*rapport till nämnden*): indicators, time limits, extensions.

``committee_report`` assembles, for one quarter and the caller's municipality:

1. *Headline indicators* (``HEADLINE_IDS``) for the quarter and the same quarter a year earlier,
   from ``compute_indicators``: the masking of small numbers is the indicator service's (the
   committee and analysts always get small numbers masked).
2. *Time limits kept and missed* (*tidsfrister som hölls och missades*): the indicator
   ``obligations_met_on_time_share`` split by kind of time limit; kept = numerator, fell due =
   denominator, missed = the difference. While the indicator is not computed the section says so.
3. *Investigations that need a decision on extension* (*utredningar som behöver beslut om
   förlängning*): open investigations whose current due date (four months after opening, or
   the new due date of the extension decided last) has passed or falls on or before the end of
   the next quarter, so the committee can decide in time. The committee gets no individual data
   it does not need (docs/spec/mission.md): the case number, the unit and the dates, never the
   child's name, identity number or address. And the number of investigations closed in the quarter
   that ran past four months (``investigations_late_count``, masked as any indicator).
4. *The action plans* (*handlingsplaner*): each plan that ran during the quarter, its goals'
   figures of the quarter against the target then in force, and its measures' status
   (``actionplans.followup.quarter_summary``; the figures masked as any indicator).

Roles: the indicator roles (``policy.can_view_indicators``: manager, analyst, committee); others
get ``Forbidden``. Each report generated writes one audit row, since the list names cases:
``read`` for the page, ``export`` for the PDF, object type ``committee_report``, the quarter as
its id, the format and the number of investigations listed as detail (never a case's data). The
number of queries does not depend on the number of cases or investigations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Municipality, User
from skyddsnat.actionplans.followup import PlanFollowUp, quarter_summary
from skyddsnat.audit import services as audit
from skyddsnat.errors import Forbidden, InvalidInput
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.catalogue import statutory_investigation_due
from skyddsnat.indicators.periods import Kind, Period, PeriodError
from skyddsnat.indicators.service import IndicatorValue, compute_indicators, totals
from skyddsnat.investigations.models import Investigation
from skyddsnat.rules import ExtensionFacts, investigation_due_date

#: The indicators of the report's first table, in the order shown.
HEADLINE_IDS: tuple[str, ...] = (
    "reports_count",
    "reports_per_1000",
    "prelim_within_14d_share",
    "prelim_child_heard_share",
    "reports_investigated_share",
    "investigation_within_4m_share",
    "investigation_median_days",
    "investigations_overdue_open",
    "placement_breakdown_share",
)
#: Investigations closed in the quarter more than four months after they were opened.
LATE_ID = "investigations_late_count"
OBLIGATIONS_ID = "obligations_met_on_time_share"

READ = "read"
EXPORT = "export"
#: The audit row's object type: the report has no database object; its id is the quarter.
AUDIT_OBJECT_TYPE = "committee_report"


@dataclass(frozen=True)
class Headline:
    """One indicator in the quarter and in the same quarter a year earlier."""

    id: str
    name: str
    definition: str
    unit: str
    direction: str
    current: IndicatorValue | None
    year_before: IndicatorValue | None


@dataclass(frozen=True)
class ObligationRow:
    """One kind of time limit: how many fell due in the quarter, were kept and were missed.

    When ``masked`` the numbers are None and ``mask_reason`` says why.
    """

    kind: str | None
    label: str
    fell_due: int | None
    kept: int | None
    missed: int | None
    share: float | None
    masked: bool = False
    mask_reason: str = ""


@dataclass(frozen=True)
class Obligations:
    """The time-limit section; ``available`` is False (with ``note``) until it is computed."""

    available: bool
    note: str
    rows: tuple[ObligationRow, ...] = ()
    total: ObligationRow | None = None


@dataclass(frozen=True)
class ExtensionCandidate:
    """An open investigation whose time runs out before the committee meets again.

    Only what the decision needs: the case number, the unit and the dates; ``days_left`` is
    negative when the due date has passed.
    """

    case_id: int
    unit_name: str
    opened_on: date
    four_months_on: date
    due_date: date
    extended: bool
    extended_until: date | None
    extension_decided_on: date | None
    extension_decided_by: str
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_over(self) -> int:
        return max(0, -self.days_left)


@dataclass(frozen=True)
class CommitteeReport:
    """Everything the committee's quarterly report shows."""

    municipality: str
    period: Period
    comparison: Period
    generated_on: date
    provisional: bool
    horizon: date
    headlines: tuple[Headline, ...]
    obligations: Obligations
    candidates: tuple[ExtensionCandidate, ...]
    closed_late: Headline
    action_plans: tuple[PlanFollowUp, ...] = ()

    @property
    def overdue_count(self) -> int:
        return sum(1 for c in self.candidates if c.overdue)


def quarter_period(year: int, number: int) -> Period:
    """Return the quarter, or raise ``InvalidInput`` with a Swedish message."""
    if not 1 <= number <= 4:
        raise InvalidInput.field("quarter", "Välj kvartal 1, 2, 3 eller 4.")
    try:
        return Period(Kind.QUARTER, year, number)
    except PeriodError as exc:
        raise InvalidInput.field("year", str(exc)) from exc


def last_completed_quarter(today: date | None = None) -> Period:
    """Return the quarter before the one ``today`` falls in (the report's default)."""
    return Period.containing(today or clock.today(), Kind.QUARTER).previous()


def committee_report(
    *, acting_user: User, year: int, quarter: int, action: str = READ
) -> CommitteeReport:
    """Return the committee's report of ``quarter`` (1–4) of ``year`` for the caller's municipality.

    Raise ``Forbidden`` for a role without access to indicators and ``InvalidInput`` for a bad
    quarter. ``action`` is what the audit row records: ``read`` (the page) or ``export`` (PDF).
    """
    if not policy.can_view_indicators(acting_user):
        raise Forbidden("Rapporten till nämnden är till för chefer, analytiker och nämnden.")
    if action not in (READ, EXPORT):
        raise ValueError(f"action must be {READ!r} or {EXPORT!r}")
    period = quarter_period(year, quarter)
    comparison = period.year_before()
    today = clock.today()
    horizon = period.shifted(1).end
    municipality = Municipality.objects.get(pk=acting_user.municipality_id)

    ids = [*HEADLINE_IDS, LATE_ID]
    now = totals(compute_indicators(acting_user=acting_user, period=period, ids=ids))
    before = totals(compute_indicators(acting_user=acting_user, period=comparison, ids=ids))
    headlines = tuple(_headline(i, now, before) for i in HEADLINE_IDS)

    obligations = _obligations(acting_user, period)
    candidates = extension_candidates(acting_user.municipality_id, horizon, today)
    audit.record(
        actor=acting_user,
        action=action,
        object_type=AUDIT_OBJECT_TYPE,
        object_id=period.code,
        detail=f"format={'pdf' if action == EXPORT else 'html'};investigations={len(candidates)}",
    )
    return CommitteeReport(
        municipality=municipality.name,
        period=period,
        comparison=comparison,
        generated_on=today,
        provisional=period.end >= today,
        horizon=horizon,
        headlines=headlines,
        obligations=obligations,
        candidates=candidates,
        closed_late=_headline(LATE_ID, now, before),
        action_plans=quarter_summary(acting_user=acting_user, period=period),
    )


def _headline(
    indicator_id: str, now: dict[str, IndicatorValue], before: dict[str, IndicatorValue]
) -> Headline:
    indicator = d.INDICATORS.get(indicator_id)
    return Headline(
        id=indicator.id,
        name=indicator.name,
        definition=indicator.definition,
        unit=indicator.unit.value,
        direction=indicator.direction.value,
        current=now.get(indicator_id),
        year_before=before.get(indicator_id),
    )


# --- time limits kept and missed -----------------------------------------------------------------


def _obligations(user: User, period: Period) -> Obligations:
    """Return the time limits that fell due in ``period``, kept and missed, per kind."""
    breakdown = d.OBLIGATION_KIND if d.OBLIGATION_KIND in d.DIMENSIONS else None
    try:
        values = compute_indicators(
            acting_user=user, period=period, ids=[OBLIGATIONS_ID], breakdown=breakdown
        )
    except InvalidInput as exc:
        return Obligations(available=False, note=exc.message)
    unavailable = next((v for v in values if not v.available), None)
    if unavailable is not None or not values:
        note = unavailable.note if unavailable else ""
        return Obligations(available=False, note=note or "Inte beräknad ännu.")
    total = next((v for v in values if v.breakdown_key is None), None)
    rows = tuple(
        _obligation_row(v) for v in values if v.breakdown == d.OBLIGATION_KIND and v is not total
    )
    notes = dict.fromkeys(v.note for v in values if v.note)
    return Obligations(
        available=True,
        note=" ".join(notes),
        rows=rows,
        total=_obligation_row(total) if total else None,
    )


def _obligation_row(value: IndicatorValue) -> ObligationRow:
    if value.masked or value.denominator is None:
        return ObligationRow(
            kind=value.breakdown_key,
            label=value.breakdown_label or "Alla tidsfrister",
            fell_due=None,
            kept=None,
            missed=None,
            share=None,
            masked=value.masked,
            mask_reason=value.mask_reason,
        )
    fell_due = int(value.denominator)
    kept = int(value.numerator or 0)
    return ObligationRow(
        kind=value.breakdown_key,
        label=value.breakdown_label or "Alla tidsfrister",
        fell_due=fell_due,
        kept=kept,
        missed=fell_due - kept,
        share=value.value,
    )


# --- investigations that need a decision on extension --------------------------------------------


def extension_candidates(
    municipality_id: int, horizon: date, today: date
) -> tuple[ExtensionCandidate, ...]:
    """Return the municipality's open investigations due on or before ``horizon``, by due date.

    The due date is the one the case shows (``rules.investigation_due_date`` on ``today``): an
    extension's new due date replaces four months. Two queries, however many investigations:
    an extension only moves the due date later, so an investigation whose due date by the law
    alone (``catalogue.statutory_investigation_due``, from the rules registry) falls after
    ``horizon`` cannot be due by then and is not read at all.
    """
    investigations = (
        Investigation.objects.filter(
            case__municipality_id=municipality_id,
            closed_on__isnull=True,
        )
        .annotate(_law_due=statutory_investigation_due())
        .filter(Q(_law_due__lte=horizon) | Q(_law_due__isnull=True))
        .select_related("case__unit")
        .prefetch_related("extensions")
        .only("pk", "opened_on", "case__id", "case__unit__name")
        .order_by("opened_on", "pk")
    )
    found = []
    for investigation in investigations:
        extensions = list(investigation.extensions.all())
        facts = [ExtensionFacts(e.decided_on, e.new_due_date) for e in extensions]
        due = investigation_due_date(investigation.opened_on, facts, today)
        if due > horizon:
            continue
        decided = [e for e in extensions if e.decided_on <= today]
        latest = max(decided, key=lambda e: (e.decided_on, e.pk)) if decided else None
        found.append(
            ExtensionCandidate(
                case_id=investigation.case.pk,
                unit_name=investigation.case.unit.name,
                opened_on=investigation.opened_on,
                four_months_on=investigation_due_date(investigation.opened_on, (), today),
                due_date=due,
                extended=latest is not None,
                extended_until=latest.new_due_date if latest else None,
                extension_decided_on=latest.decided_on if latest else None,
                extension_decided_by=latest.get_decided_by_display() if latest else "",
                days_left=(due - today).days,
            )
        )
    found.sort(key=lambda c: (c.due_date, c.case_id))
    return tuple(found)
