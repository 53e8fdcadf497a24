"""Intake after the report: protective and preliminary assessment, feedback, follow-up contact."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from skyddsnat.api import idempotency
from skyddsnat.api.access import writable_case
from skyddsnat.api.idempotency import Answer, Key
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
def protective_assessment(
    request: HttpRequest,
    case_id: int,
    payload: ProtectiveIn,
    idempotency_key: Key = None,
) -> Answer:
    """Record the protective assessment (*skyddsbedömning*)."""

    def work() -> ProtectiveOut:
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

    return idempotency.run(request, idempotency_key, 201, work)


@router.post("/cases/{case_id}/preliminary-assessment", response={201: PreliminaryOut, **ERRORS})
def preliminary_assessment(
    request: HttpRequest,
    case_id: int,
    payload: PreliminaryIn,
    idempotency_key: Key = None,
) -> Answer:
    """Decide the preliminary assessment; ``opened`` opens the investigation on the decided date."""

    def work() -> PreliminaryOut:
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

    return idempotency.run(request, idempotency_key, 201, work)


@router.post("/cases/{case_id}/reporter-feedback", response={201: FeedbackOut, **ERRORS})
def reporter_feedback(
    request: HttpRequest,
    case_id: int,
    payload: FeedbackIn,
    idempotency_key: Key = None,
) -> Answer:
    """Record the feedback to a mandatory reporter (*återkoppling*)."""

    def work() -> FeedbackOut:
        user, case = writable_case(request, case_id)
        sent = intake.send_reporter_feedback(acting_user=user, case=case, sent_on=payload.sent_at)
        return FeedbackOut(
            id=sent.pk,
            case_id=case.pk,
            sent_at=sent.sent_on,
            investigation_opened=sent.investigation_opened,
        )

    return idempotency.run(request, idempotency_key, 201, work)


@router.post("/cases/{case_id}/followup-contacts", response={201: FollowUpOut, **ERRORS})
def followup_contact(
    request: HttpRequest,
    case_id: int,
    payload: FollowUpIn,
    idempotency_key: Key = None,
) -> Answer:
    """Record a follow-up contact (*uppföljande kontakt*) with the child and family."""

    def work() -> FollowUpOut:
        user, case = writable_case(request, case_id)
        contact = intake.record_followup_contact(
            acting_user=user, case=case, contacted_on=payload.contacted_at, note=payload.note
        )
        return FollowUpOut(id=contact.pk, case_id=case.pk, contacted_at=contact.contacted_on)

    return idempotency.run(request, idempotency_key, 201, work)
