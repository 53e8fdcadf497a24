"""Intake's part of a case's facts: the report, the two assessments and the reporter feedback
(asked for and given).

Registered with ``skyddsnat.cases.facts`` by ``IntakeConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from skyddsnat.cases import lifecycle
from skyddsnat.cases.facts import FactsSource, Part
from skyddsnat.cases.models import Case
from skyddsnat.intake.choices import PreliminaryOutcome, ReportKind


def _annotate(qs: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate whether another case of the same child has an open investigation.

    So that lists of cases need no extra query per case (see ``_already_running``).
    """
    others_investigated = Case.objects.filter(
        child_id=OuterRef("child_id"),
        investigation__isnull=False,
        investigation__closed_on__isnull=True,
    ).exclude(pk=OuterRef("pk"))
    return qs.annotate(open_investigation_elsewhere=Exists(others_investigated))


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.select_related(
        "report",
        "report__feedback_request",
        "protective_assessment",
        "preliminary_assessment",
        "reporter_feedback",
    )


def _already_running(case: Case) -> bool:
    """Whether an investigation of the child already ran when the report came in.

    Decided by the preliminary assessment once it is made (joined to the ongoing one);
    before that, whether another case of the child has an open investigation now.
    """
    if not hasattr(case, "preliminary_assessment"):
        annotated = getattr(case, "open_investigation_elsewhere", None)
        if annotated is not None:
            return bool(annotated)
        return lifecycle.ongoing_investigation_case(case) is not None
    return case.preliminary_assessment.outcome == PreliminaryOutcome.JOINED_TO_ONGOING


def _of_case(case: Case) -> Part:
    prelim = getattr(case, "preliminary_assessment", None)
    protective = getattr(case, "protective_assessment", None)
    feedback = getattr(case, "reporter_feedback", None)
    request = getattr(case.report, "feedback_request", None)
    return {
        "report_received_at": case.report.received_at,
        "report_is_application": case.report.kind == ReportKind.APPLICATION,
        "mandatory_reporter": case.report.reporter_mandatory,
        "reporter_feedback_requested_on": request.requested_on if request else None,
        "protective_assessment_made_at": protective.made_at if protective else None,
        "preliminary_assessment_decided_on": prelim.decided_on if prelim else None,
        "investigation_already_running": _already_running(case),
        "reporter_feedback_sent_on": feedback.sent_on if feedback else None,
        "reporter_feedback_withheld_reason": feedback.withheld_reason if feedback else "",
    }


def _of_row(row: dict[str, Any], _loaded: None) -> Part:
    if row["preliminary_assessment__pk"] is None:
        already_running = bool(row["open_investigation_elsewhere"])
    else:
        already_running = row["preliminary_assessment__outcome"] == "joined_to_ongoing"
    return {
        "report_received_at": row["report__received_at"],
        "report_is_application": row["report__kind"] == ReportKind.APPLICATION,
        "mandatory_reporter": row["report__reporter_mandatory"],
        "reporter_feedback_requested_on": row["report__feedback_request__requested_on"],
        "protective_assessment_made_at": row["protective_assessment__made_at"],
        "preliminary_assessment_decided_on": row["preliminary_assessment__decided_on"],
        "investigation_already_running": already_running,
        "reporter_feedback_sent_on": row["reporter_feedback__sent_on"],
        "reporter_feedback_withheld_reason": row["reporter_feedback__withheld_reason"] or "",
    }


SOURCE = FactsSource(
    name="intake",
    fields=(
        "report_received_at",
        "report_is_application",
        "mandatory_reporter",
        "reporter_feedback_requested_on",
        "protective_assessment_made_at",
        "preliminary_assessment_decided_on",
        "investigation_already_running",
        "reporter_feedback_sent_on",
        "reporter_feedback_withheld_reason",
    ),
    of_case=_of_case,
    of_row=_of_row,
    row_fields=(
        "open_investigation_elsewhere",
        "report__received_at",
        "report__kind",
        "report__reporter_mandatory",
        "report__feedback_request__requested_on",
        "protective_assessment__made_at",
        "preliminary_assessment__pk",
        "preliminary_assessment__decided_on",
        "preliminary_assessment__outcome",
        "reporter_feedback__sent_on",
        "reporter_feedback__withheld_reason",
    ),
    prepare=_prepare,
    annotate=_annotate,
)
