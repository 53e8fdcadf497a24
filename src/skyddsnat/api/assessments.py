"""Intake after the report: protective and preliminary assessment, feedback, follow-up contact."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from skyddsnat.api.access import writable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, DateTime, In, LocalDateTime, codes
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


class ProtectiveOut(Schema):
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


class PreliminaryOut(Schema):
    id: int
    case_id: int
    decided_at: date
    outcome: str
    reason: str
    investigation_id: int | None
    case_phase: str


class FeedbackRequestIn(In):
    requested_at: date


class FeedbackRequestOut(Schema):
    id: int
    report_id: int
    requested_at: date


class FeedbackIn(In):
    sent_at: date


class FeedbackOut(Schema):
    id: int
    case_id: int
    sent_at: date
    investigation_opened: bool


class FollowUpIn(In):
    contacted_at: date
    note: str = ""


class FollowUpOut(Schema):
    id: int
    case_id: int
    contacted_at: date


@router.post("/cases/{case_id}/protective-assessment", response={201: ProtectiveOut, **ERRORS})
@idempotent(201)
def protective_assessment(
    request: HttpRequest, case_id: int, payload: ProtectiveIn
) -> ProtectiveOut:
    """Record the protective assessment (*skyddsbedömning*)."""
    user, case = writable_case(request, case_id)
    made = intake.make_protective_assessment(
        acting_user=user,
        case=case,
        made_at=payload.made_at,
        outcome=payload.outcome,
        action=payload.action or "",
        note=payload.note,
    )
    return ProtectiveOut(
        id=made.pk,
        case_id=case.pk,
        made_at=made.made_at,
        outcome=made.outcome,
        action=made.action,
    )


@router.post("/cases/{case_id}/preliminary-assessment", response={201: PreliminaryOut, **ERRORS})
@idempotent(201)
def preliminary_assessment(
    request: HttpRequest, case_id: int, payload: PreliminaryIn
) -> PreliminaryOut:
    """Decide the preliminary assessment; ``opened`` opens the investigation on the decided date."""
    user, case = writable_case(request, case_id)
    fields = payload.model_dump(exclude={"decided_at", "reason"})
    data = intake.PreliminaryInput(
        decided_on=payload.decided_at, reason=payload.reason or "", **fields
    )
    decided = intake.decide_preliminary_assessment(acting_user=user, case=case, data=data)
    case.refresh_from_db()
    investigation = getattr(case, "investigation", None)
    return PreliminaryOut(
        id=decided.pk,
        case_id=case.pk,
        decided_at=decided.decided_on,
        outcome=decided.outcome,
        reason=decided.not_opened_reason,
        investigation_id=investigation.pk if investigation else None,
        case_phase=case.phase,
    )


@router.post("/cases/{case_id}/reporter-feedback", response={201: FeedbackOut, **ERRORS})
@idempotent(201)
def reporter_feedback(request: HttpRequest, case_id: int, payload: FeedbackIn) -> FeedbackOut:
    """Record the feedback to a mandatory reporter (*återkoppling*)."""
    user, case = writable_case(request, case_id)
    sent = intake.send_reporter_feedback(acting_user=user, case=case, sent_on=payload.sent_at)
    return FeedbackOut(
        id=sent.pk,
        case_id=case.pk,
        sent_at=sent.sent_on,
        investigation_opened=sent.investigation_opened,
    )


@router.post(
    "/cases/{case_id}/reporter-feedback-request", response={201: FeedbackRequestOut, **ERRORS}
)
@idempotent(201)
def reporter_feedback_request(
    request: HttpRequest, case_id: int, payload: FeedbackRequestIn
) -> FeedbackRequestOut:
    """Record that the mandatory reporter asked for feedback after the report (*begäran*)."""
    user, case = writable_case(request, case_id)
    asked = intake.record_feedback_request(
        acting_user=user, case_id=case.pk, requested_on=payload.requested_at
    )
    return FeedbackRequestOut(
        id=asked.pk, report_id=asked.report_id, requested_at=asked.requested_on
    )


@router.post("/cases/{case_id}/followup-contacts", response={201: FollowUpOut, **ERRORS})
@idempotent(201)
def followup_contact(request: HttpRequest, case_id: int, payload: FollowUpIn) -> FollowUpOut:
    """Record a follow-up contact (*uppföljande kontakt*) with the child and family."""
    user, case = writable_case(request, case_id)
    contact = intake.record_followup_contact(
        acting_user=user, case=case, contacted_on=payload.contacted_at, note=payload.note
    )
    return FollowUpOut(id=contact.pk, case_id=case.pk, contacted_at=contact.contacted_on)
