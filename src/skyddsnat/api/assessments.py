"""Intake after the report: protective and preliminary assessment, feedback, follow-up contact."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router

from skyddsnat.api.access import act
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, DateTime, In, LocalDateTime, Out, codes
from skyddsnat.cases.models import Case
from skyddsnat.intake import choices as c
from skyddsnat.intake import services as intake

router = Router(tags=["Bedömningar / Assessments"])

ProtectiveOutcome = codes(c.ProtectiveOutcome)
ProtectiveAction = codes(c.ProtectiveAction)
PreliminaryOutcome = codes(c.PreliminaryOutcome)
NotOpenedReason = codes(c.NotOpenedReason)


class ProtectiveIn(In):
    made_at: DateTime
    outcome: ProtectiveOutcome
    action: ProtectiveAction | None = None
    note: str = ""


class ProtectiveOut(Out):
    id: int
    case_id: int
    made_at: LocalDateTime
    outcome: str
    action: str


class PreliminaryIn(In):
    decided_at: date
    outcome: PreliminaryOutcome
    reason: NotOpenedReason | None = None
    child_heard: bool
    child_not_heard_reason: str = ""
    child_informed_of_rights: bool = False
    followup_planned: bool = False
    guardians_contacted: bool = False
    reporter_contacted: bool = False
    chronology_considered: bool = False
    transferred_to: str = ""
    note: str = ""
    caseworker_id: int | None = Field(
        None,
        description="The caseworker who investigates (outcome `opened` only); without one the "
        "case goes to the investigating unit's queue (`responsible_id` null).",
    )


class PreliminaryOut(Out):
    id: int
    case_id: int
    decided_at: date
    outcome: str
    reason: str = Field(validation_alias="not_opened_reason")
    investigation_id: int | None
    case_phase: str
    unit_id: int
    responsible_id: int | None


class FeedbackRequestIn(In):
    requested_at: date


class FeedbackRequestOut(Out):
    id: int
    report_id: int
    requested_at: date


class FeedbackIn(In):
    sent_at: date


class FeedbackWithheldIn(In):
    decided_at: date
    withheld_reason: str


class FeedbackOut(Out):
    id: int
    case_id: int
    sent_at: date
    investigation_opened: bool
    withheld_reason: str


class FollowUpIn(In):
    contacted_at: date
    note: str = ""


class FollowUpOut(Out):
    id: int
    case_id: int
    contacted_at: date


@router.post("/cases/{case_id}/protective-assessment", response={201: ProtectiveOut, **ERRORS})
@idempotent(201)
def protective_assessment(
    request: HttpRequest, case_id: int, payload: ProtectiveIn
) -> ProtectiveOut:
    """Record the protective assessment (*skyddsbedömning*)."""
    service = intake.make_protective_assessment
    return ProtectiveOut.of(
        act(request, service, payload, case_id=case_id, action=payload.action or "")
    )


@router.post("/cases/{case_id}/preliminary-assessment", response={201: PreliminaryOut, **ERRORS})
@idempotent(201)
def preliminary_assessment(
    request: HttpRequest, case_id: int, payload: PreliminaryIn
) -> PreliminaryOut:
    """Decide the preliminary assessment; ``opened`` opens the investigation on the decided date."""
    data = intake.PreliminaryInput(**payload.arguments(reason=payload.reason or ""))
    decided = act(request, intake.decide_preliminary_assessment, case_id=case_id, data=data)
    case = Case.objects.select_related("investigation").get(pk=case_id)
    investigation = getattr(case, "investigation", None)
    return PreliminaryOut.of(
        decided,
        investigation_id=investigation.pk if investigation else None,
        case_phase=case.phase,
        unit_id=case.unit_id,
        responsible_id=case.responsible_id,
    )


@router.post("/cases/{case_id}/reporter-feedback", response={201: FeedbackOut, **ERRORS})
@idempotent(201)
def reporter_feedback(request: HttpRequest, case_id: int, payload: FeedbackIn) -> FeedbackOut:
    """Record the feedback to a mandatory reporter (*återkoppling*)."""
    return FeedbackOut.of(act(request, intake.send_reporter_feedback, payload, case_id=case_id))


@router.post("/cases/{case_id}/reporter-feedback-withheld", response={201: FeedbackOut, **ERRORS})
@idempotent(201)
def reporter_feedback_withheld(
    request: HttpRequest, case_id: int, payload: FeedbackWithheldIn
) -> FeedbackOut:
    """Record that no feedback is given because it would be inappropriate with regard to the
    circumstances (SoL 2025:400 19 kap. 6 § andra stycket), with the required reason."""
    return FeedbackOut.of(act(request, intake.withhold_reporter_feedback, payload, case_id=case_id))


@router.post(
    "/cases/{case_id}/reporter-feedback-request", response={201: FeedbackRequestOut, **ERRORS}
)
@idempotent(201)
def reporter_feedback_request(
    request: HttpRequest, case_id: int, payload: FeedbackRequestIn
) -> FeedbackRequestOut:
    """Record that the mandatory reporter asked for feedback after the report (*begäran*)."""
    return FeedbackRequestOut.of(
        act(request, intake.record_feedback_request, payload, case_id=case_id)
    )


@router.post("/cases/{case_id}/followup-contacts", response={201: FollowUpOut, **ERRORS})
@idempotent(201)
def followup_contact(request: HttpRequest, case_id: int, payload: FollowUpIn) -> FollowUpOut:
    """Record a follow-up contact (*uppföljande kontakt*) with the child and family."""
    return FollowUpOut.of(act(request, intake.record_followup_contact, payload, case_id=case_id))
