"""Contacts during the investigation: requests to other actors, communication to the parties."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from skyddsnat.api.access import writable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, codes
from skyddsnat.investigations import choices as c
from skyddsnat.investigations import services as investigations

router = Router(tags=["Utredning / Investigation"])

Actor = codes(c.Actor)


class RequestIn(In):
    actor: Actor
    sent_at: date
    note: str = ""


class AnswerIn(In):
    answered_at: date


class RequestOut(Schema):
    id: int
    actor: str
    sent_at: date
    answered_at: date | None


class CommunicationIn(In):
    communicated_at: date
    party: str


class CommunicationOut(Schema):
    id: int
    communicated_at: date


@router.post("/cases/{case_id}/investigation/requests", response={201: RequestOut, **ERRORS})
@idempotent(201)
def external_request(request: HttpRequest, case_id: int, payload: RequestIn) -> RequestOut:
    """Record a request for information to another actor (school, health care …)."""
    user, case = writable_case(request, case_id)
    sent = investigations.record_external_request(
        acting_user=user,
        case=case,
        actor=payload.actor,
        sent_on=payload.sent_at,
        note=payload.note,
    )
    return RequestOut(id=sent.pk, actor=sent.actor, sent_at=sent.sent_on, answered_at=None)


@router.post(
    "/cases/{case_id}/investigation/requests/{request_id}/answer",
    response={200: RequestOut, **ERRORS},
)
@idempotent(200)
def request_answer(
    request: HttpRequest, case_id: int, request_id: int, payload: AnswerIn
) -> RequestOut:
    """Record when the other actor answered."""
    user, case = writable_case(request, case_id)
    answered = investigations.record_request_answer(
        acting_user=user, case=case, request_id=request_id, answered_on=payload.answered_at
    )
    return RequestOut(
        id=answered.pk,
        actor=answered.actor,
        sent_at=answered.sent_on,
        answered_at=answered.answered_on,
    )


@router.post(
    "/cases/{case_id}/investigation/communications", response={201: CommunicationOut, **ERRORS}
)
@idempotent(201)
def communication(request: HttpRequest, case_id: int, payload: CommunicationIn) -> CommunicationOut:
    """Record that the material was communicated to a party (*kommunicering*)."""
    user, case = writable_case(request, case_id)
    done = investigations.record_communication(
        acting_user=user,
        case=case,
        communicated_on=payload.communicated_at,
        party=payload.party,
    )
    return CommunicationOut(id=done.pk, communicated_at=done.communicated_on)
