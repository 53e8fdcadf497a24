"""The follow-up of a child's situation (*uppföljning*, SoL 2025:400 23 kap.).

``GET /cases/{id}/follow-ups`` lists the case's follow-ups with their ends (a read of the case);
``POST /cases/{id}/follow-ups`` decides one after an investigation closed without an
intervention or a placement ended (the case goes to the phase ``follow_up``);
``POST /follow-ups/{id}/end`` ends it with its outcome (the case closes). Its last day is the
obligation ``follow_up`` of ``GET /cases/{id}/obligations``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router

from skyddsnat.api.access import act, readable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out, codes
from skyddsnat.followups import choices as c
from skyddsnat.followups import services as followups
from skyddsnat.followups.models import FollowUp, FollowUpEnd

router = Router(tags=["Uppföljning / Follow-up"])

Basis = codes(c.Basis)
Consent = codes(c.Consent)
Outcome = codes(c.Outcome)


class SituationFollowUpIn(In):
    basis: Basis
    decided_at: date
    consent: Consent
    special_need_reason: str = ""
    purpose: str
    planned_end_at: date
    placement_id: int | None = None
    guardians_informed_at: date | None = None
    child_informed_at: date | None = None


class SituationFollowUpEndIn(In):
    ended_at: date
    outcome: Outcome
    note: str = ""
    guardians_informed_at: date | None = None
    child_informed_at: date | None = None


class SituationFollowUpEndOut(Out):
    id: int
    follow_up_id: int
    ended_at: date
    outcome: str
    note: str
    guardians_informed_at: date | None
    child_informed_at: date | None
    signed_at: datetime | None


class SituationFollowUpOut(Out):
    id: int
    case_id: int
    basis: str
    placement_id: int | None
    started_from: date
    decided_at: date
    decided_by_id: int
    consent: str
    special_need_reason: str
    purpose: str
    planned_end_at: date
    guardians_informed_at: date | None
    child_informed_at: date | None
    signed_at: datetime | None
    end: SituationFollowUpEndOut | None = None


class SituationFollowUpsOut(Out):
    case_id: int
    follow_ups: list[SituationFollowUpOut]


def _out(follow_up: FollowUp) -> SituationFollowUpOut:
    end = FollowUpEnd.objects.filter(follow_up=follow_up).first()
    out = SituationFollowUpOut.of(follow_up)
    out.end = SituationFollowUpEndOut.of(end) if end is not None else None
    return out


@router.get("/cases/{case_id}/follow-ups", response={200: SituationFollowUpsOut, **ERRORS})
def list_follow_ups(request: HttpRequest, case_id: int) -> SituationFollowUpsOut:
    """Return the case's follow-ups of the child's situation, oldest first, with their ends."""
    case = readable_case(request, case_id)
    items = FollowUp.objects.filter(case=case).order_by("decided_on", "pk")
    return SituationFollowUpsOut(case_id=case.pk, follow_ups=[_out(f) for f in items])


@router.post("/cases/{case_id}/follow-ups", response={201: SituationFollowUpOut, **ERRORS})
@idempotent(201)
def decide_follow_up(
    request: HttpRequest, case_id: int, payload: SituationFollowUpIn
) -> SituationFollowUpOut:
    """Decide a follow-up of the child's situation (23 kap. 1–2 §§ SoL 2025:400)."""
    data = followups.FollowUpInput(**payload.arguments())
    return _out(act(request, followups.decide_follow_up, case_id=case_id, data=data))


@router.post("/follow-ups/{follow_up_id}/end", response={201: SituationFollowUpEndOut, **ERRORS})
@idempotent(201)
def end_follow_up(
    request: HttpRequest, follow_up_id: int, payload: SituationFollowUpEndIn
) -> SituationFollowUpEndOut:
    """End the follow-up with its outcome (23 kap. 5 §): the case closes."""
    data = followups.FollowUpEndInput(**payload.arguments())
    return SituationFollowUpEndOut.of(
        act(request, followups.end_follow_up, follow_up_id=follow_up_id, data=data)
    )
