"""Each indicator of the registry as SQL: which rows it counts and what it counts in them.

The words (name, definition, counting date) are in ``definitions.py``; this module holds only
the computation, keyed by the same id. Due dates come from the rules registry through
``due_dates.due_date`` (decision 0008): no period or date of the law is written here. ``tests/indicators/test_definitions.py`` checks that every
available indicator has one here, and that every breakdown it promises can be computed.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    DateField,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import Exact

from skyddsnat.cases.facts import rule_settings
from skyddsnat.cases.models import Case
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators import obligations
from skyddsnat.indicators.due_dates import due_date
from skyddsnat.indicators.expressions import AddMonths, DaysBetween, local_date
from skyddsnat.indicators.measures import DistinctCount, Measure, Median, RowCount, Share
from skyddsnat.indicators.rates import PerThousand
from skyddsnat.indicators.sources import Source, Span
from skyddsnat.indicators.staff import (
    CaseloadMeasure,
    CaseworkersPerChild,
    CaseworkersSinceFirstReport,
    StaffTurnover,
)
from skyddsnat.indicators.timestudy import TimeStudyShare
from skyddsnat.intake.choices import PreliminaryOutcome, ReportKind
from skyddsnat.intake.models import AdultTriggerLink, FollowUpContact, PreliminaryAssessment
from skyddsnat.interventions.choices import PLACEMENT_KINDS, EndReason, Kind
from skyddsnat.interventions.models import Evaluation, Intervention, Visit
from skyddsnat.investigations.choices import Outcome
from skyddsnat.investigations.models import ChildConversation, Extension, Investigation
from skyddsnat.plans.models import Plan
from skyddsnat.rules.registry import INVESTIGATION, PRELIMINARY_ASSESSMENT
from skyddsnat.timestudy.categories import HEADLINES
from skyddsnat.timestudy.services import headline_keys

# --- sources -------------------------------------------------------------------------------------

#: Reports of concern, one per child (a case): applications are not reports.
REPORTS = Source(
    Case,
    case="",
    date="report__received_at",
    is_datetime=True,
    where=Q(report__kind=ReportKind.REPORT),
    via_report=True,
)
#: Decided preliminary assessments of reports of concern. An application starts an
#: investigation directly (14 kap. 2 § SoL 2025:400): the decision recorded on it is no
#: preliminary assessment (20 kap. 2 §) and is not counted.
PRELIMINARY = Source(
    PreliminaryAssessment,
    case="case__",
    date="decided_on",
    where=Q(case__report__kind=ReportKind.REPORT),
    via_report=True,
)
OPENED = Source(Investigation, case="case__", date="opened_on", investigation="")
CLOSED = Source(Investigation, case="case__", date="closed_on", investigation="")
OPEN_ON_SNAPSHOT = Source(
    Investigation, case="case__", open_from="opened_on", open_until="closed_on", investigation=""
)
STARTED = Source(Intervention, case="case__", date="start_on", intervention="")
ENDED = Source(Intervention, case="case__", date="ended_on", intervention="")
PLACEMENTS = Q(kind__in=PLACEMENT_KINDS)
EVALUATIONS = Source(
    Evaluation, case="intervention__case__", date="evaluated_on", intervention="intervention__"
)
#: Visits to placed children (22 kap. 11 § SoL 2025:400), by the day of the visit.
VISITS = Source(
    Visit, case="intervention__case__", date="visited_on", intervention="intervention__"
)
#: Signed versions of care plans and implementation plans that say whether the child took part
#: in the planning (those signed before it was asked leave it empty), by the day drawn up.
SIGNED_PLANS = Source(
    Plan,
    case="case__",
    date="drawn_up_on",
    intervention="intervention__",
    where=Q(signed_at__isnull=False, child_participated__isnull=False),
)
TRIGGER_CHILDREN = Source(
    AdultTriggerLink, case="case__", date="trigger__occurred_on", trigger="trigger__"
)
ONLY_PLACEMENTS = {d.INTERVENTION_KIND: frozenset(str(k) for k in PLACEMENT_KINDS)}
HELP = Q(kind=Kind.HELP_WITHOUT_ASSESSMENT)
ONLY_HELP = {d.INTERVENTION_KIND: frozenset({str(Kind.HELP_WITHOUT_ASSESSMENT)})}


# --- expressions ---------------------------------------------------------------------------------


def received_day(case: str = "case__") -> TruncDate:
    """Return the Swedish local date the report of the case came in."""
    return local_date(f"{case}report__received_at")


def preliminary_due() -> SqlCase:
    """Return the preliminary assessment's due date: the report's local day + the rule's period.

    The version of the rule in force on the day the report came in, with its calendar rule
    (``due_dates.due_date``, the same as the rules engine). NULL for an application, which has
    no preliminary assessment (as the engine: ``rules.triggers.preliminary_assessment``).
    """
    return SqlCase(
        When(case__report__kind=ReportKind.APPLICATION, then=Value(None)),
        default=due_date(PRELIMINARY_ASSESSMENT, received_day(), settings=rule_settings()),
        output_field=DateField(),
    )


def statutory_investigation_due() -> SqlCase:
    """Return the investigation's due date by the law alone: opened + the rule's period (4
    months in every version so far), whatever the extensions."""
    return due_date(INVESTIGATION, F("opened_on"), settings=rule_settings())


def investigation_due(day: OuterRef | date | None = None) -> SqlCase:
    """Return the investigation's due date on ``day`` (default: its closing day).

    The new due date of the extension decided last on or before ``day`` (on a tie the one
    registered last), else the law's (``statutory_investigation_due``); the calendar rule of the
    version in force on the opening day applies to either, as ``rules.investigation_due_date``.
    """
    day = OuterRef("closed_on") if day is None else day
    latest = (
        Extension.objects.filter(investigation_id=OuterRef("pk"), decided_on__lte=day)
        .order_by("-decided_on", "-pk")
        .values("new_due_date")[:1]
    )
    return due_date(
        INVESTIGATION, F("opened_on"), override=Subquery(latest), settings=rule_settings()
    )


#: Preliminary assessments annotated with their due date (``_due``).
PRELIMINARY_WITH_DUE = PRELIMINARY.annotated(lambda span: {"_due": preliminary_due()})
#: Decided on or before the due date. A NULL due date (no version of the rule in force) is never
#: in time nor late: the engine has no obligation then.
PRELIMINARY_IN_TIME = Q(decided_on__lte=F("_due"))
#: Closed investigations with their due date by the law alone (``_law_due``).
CLOSED_WITH_LAW_DUE = CLOSED.annotated(lambda span: {"_law_due": statutory_investigation_due()})
#: Closed investigations with their due date on the closing day, extensions included (``_due``).
CLOSED_WITH_DUE = CLOSED.annotated(lambda span: {"_due": investigation_due()})
CLOSED_IN_LAW_TIME = Q(closed_on__lte=F("_law_due"))
CLOSED_PAST_LAW_TIME = Q(closed_on__gt=F("_law_due"))
CLOSED_IN_TIME = Q(closed_on__lte=F("_due"))
CLOSED_LATE = Q(closed_on__gt=F("_due"))


def followup_on_or_after(day_field: str) -> Exists:
    """Return whether the case had a follow-up contact on or after ``day_field``."""
    return Exists(
        FollowUpContact.objects.filter(
            case_id=OuterRef("case_id"), contacted_on__gte=OuterRef(day_field)
        )
    )


LATE = CLOSED_WITH_DUE.filtered(CLOSED_LATE)
OVERDUE_OPEN = OPEN_ON_SNAPSHOT.annotated(
    lambda span: {"_due": investigation_due(span.snapshot_day)}
).filtered(lambda span: Q(_due__lt=span.snapshot_day))


def repeat_window(span: Span) -> dict[str, Expression]:
    """Annotate each report with the child's reports in the 12 months up to its day."""
    recent = (
        Case.objects.filter(child_id=OuterRef("child_id"), report__kind=ReportKind.REPORT)
        .annotate(_d=received_day(""))
        .filter(_d__gt=AddMonths(OuterRef("_day"), -12), _d__lte=OuterRef("_day"))
        .order_by()
        .values("child_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {"_recent": Coalesce(Subquery(recent), 0)}


REPEATED = (
    REPORTS.annotated(lambda span: {"_day": received_day("")})
    .annotated(repeat_window)
    .filtered(Q(_recent__gte=3))
)


def rereferred(first_age: int, last_age: int) -> Share:
    """Return the share of children aged ``first_age``–``last_age`` whose investigation closed
    without intervention and who were reported again within a year (KKiK's *återaktualisering*).

    Counted on the closing day, once the year after it has passed on the day the figures are
    computed (an open year is not yet known); the age is the child's on the closing day. A new
    report of concern (not an application) received on a later day, at most 12 calendar months
    after the closing day, is a re-referral (decision 0038).
    """

    def window(span: Span) -> dict[str, Expression]:
        return {
            "_year_end": AddMonths("closed_on", 12),
            "_born_after": AddMonths("closed_on", -12 * (last_age + 1)),
            "_born_by": AddMonths("closed_on", -12 * first_age),
        }

    def reported_again(span: Span) -> dict[str, Expression]:
        again = (
            Case.objects.filter(child_id=OuterRef("case__child_id"), report__kind=ReportKind.REPORT)
            .annotate(_d=received_day(""))
            .filter(_d__gt=OuterRef("closed_on"), _d__lte=OuterRef("_year_end"))
        )
        return {"_reported_again": Exists(again)}

    source = (
        CLOSED.filtered(Q(outcome=Outcome.NO_INTERVENTION))
        .annotated(window)
        .filtered(
            lambda span: Q(
                _year_end__lt=span.today,
                case__child__birth_date__gt=F("_born_after"),
                case__child__birth_date__lte=F("_born_by"),
            )
        )
        .annotated(reported_again)
    )
    return Share(source, Q(_reported_again=True))


# --- the computations ----------------------------------------------------------------------------

COMPUTATIONS: dict[str, Measure] = {
    # Reports and assessments
    "reports_count": RowCount(REPORTS),
    "reports_per_1000": PerThousand(REPORTS),
    "children_reported": DistinctCount(REPORTS, "child_id"),
    "repeat_reported_children": DistinctCount(REPEATED, "child_id"),
    "reports_investigated_share": Share(
        PRELIMINARY,
        Q(
            outcome__in=[
                PreliminaryOutcome.OPENED,
                PreliminaryOutcome.JOINED_TO_ONGOING,
            ]
        ),
    ),
    "protective_same_day_share": Share(
        REPORTS,
        Q(protective_assessment__isnull=False)
        & Q(Exact(local_date("protective_assessment__made_at"), received_day(""))),
    ),
    "prelim_within_14d_share": Share(PRELIMINARY_WITH_DUE, PRELIMINARY_IN_TIME),
    "prelim_median_days": Median(
        PRELIMINARY, lambda span: DaysBetween(received_day(), "decided_on")
    ),
    "prelim_child_heard_share": Share(PRELIMINARY, Q(child_heard=True)),
    "child_informed_rights_share": Share(PRELIMINARY, Q(child_informed_of_rights=True)),
    "followup_after_not_opened_share": Share(
        PRELIMINARY.filtered(Q(outcome=PreliminaryOutcome.NOT_OPENED)),
        followup_on_or_after("decided_on"),
    ),
    "reporter_feedback_share": Share(
        PRELIMINARY.filtered(
            Q(case__report__reporter_mandatory=True)
            & ~Q(case__reporter_feedback__withheld_reason__gt="")
        ),
        Q(case__reporter_feedback__isnull=False),
    ),
    "prelim_early_help_share": Share(PRELIMINARY, Q(outcome=PreliminaryOutcome.EARLY_HELP)),
    "prelim_referred_share": Share(PRELIMINARY, Q(outcome=PreliminaryOutcome.REFERRED)),
    # Investigations
    "investigations_opened": RowCount(OPENED),
    "investigation_within_4m_share": Share(CLOSED_WITH_LAW_DUE, CLOSED_IN_LAW_TIME),
    "investigation_within_due_share": Share(CLOSED_WITH_DUE, CLOSED_IN_TIME),
    "investigation_median_days": Median(CLOSED, lambda span: DaysBetween("opened_on", "closed_on")),
    "investigations_late_count": RowCount(CLOSED_WITH_LAW_DUE.filtered(CLOSED_PAST_LAW_TIME)),
    "investigation_delay_reasons": Share(LATE, Q(), of_whole=True),
    "investigations_overdue_open": RowCount(OVERDUE_OPEN),
    "investigation_child_talked_alone_share": Share(
        CLOSED,
        Exists(ChildConversation.objects.filter(investigation_id=OuterRef("pk"), alone=True)),
    ),
    "investigation_child_view_share": Share(CLOSED, Q(child_view_documented=True)),
    "support_person_offered_share": Share(CLOSED, Q(support_person_offered=True)),
    "no_intervention_followup_share": Share(
        CLOSED.filtered(Q(outcome=Outcome.NO_INTERVENTION)), followup_on_or_after("closed_on")
    ),
    "rereferred_within_year_0_12_share": rereferred(0, 12),
    "rereferred_within_year_13_20_share": rereferred(13, 20),
    "adult_trigger_covered_share": Share(
        TRIGGER_CHILDREN,
        Q(case__preliminary_assessment__isnull=False) | Q(case__investigation__isnull=False),
    ),
    # Interventions and placements
    "interventions_started": RowCount(STARTED),
    "placements_started": RowCount(STARTED.filtered(PLACEMENTS), restrict=ONLY_PLACEMENTS),
    "help_without_assessment_started": RowCount(STARTED.filtered(HELP), restrict=ONLY_HELP),
    "health_exam_before_placement_share": Share(
        STARTED.filtered(PLACEMENTS), Q(health_exam_before=True), restrict=ONLY_PLACEMENTS
    ),
    "placement_school_arranged_share": Share(
        STARTED.filtered(PLACEMENTS), Q(school_arranged=True), restrict=ONLY_PLACEMENTS
    ),
    "placement_breakdown_share": Share(
        ENDED.filtered(PLACEMENTS), Q(end_reason=EndReason.BREAKDOWN), restrict=ONLY_PLACEMENTS
    ),
    "placement_completed_share": Share(
        ENDED.filtered(PLACEMENTS), ~Q(end_reason=EndReason.BREAKDOWN), restrict=ONLY_PLACEMENTS
    ),
    "placement_visits_on_time_share": obligations.VISITS,
    "placement_reviews_on_time_share": obligations.REVIEWS,
    "evaluation_after_intervention_share": Share(ENDED, Q(evaluation__isnull=False)),
    "evaluation_child_view_share": Share(EVALUATIONS, ~Q(child_view="")),
    "placement_visit_child_alone_share": Share(VISITS, Q(child_talked_alone=True)),
    "plan_child_participated_share": Share(SIGNED_PLANS, Q(child_participated=True)),
    # Staff and continuity
    "caseload_open_investigations": CaseloadMeasure(OPEN_ON_SNAPSHOT),
    "caseworkers_per_child": CaseworkersPerChild(),
    "caseworkers_since_first_report": CaseworkersSinceFirstReport(),
    "staff_turnover": StaffTurnover(),
    # The time study (the headline figures of timestudy/categories.py)
    **{id_: TimeStudyShare(headline_keys(id_)) for id_ in HEADLINES},
    # Obligations (all kinds), from the rules engine
    "obligations_met_on_time_share": obligations.ALL_KINDS,
}
