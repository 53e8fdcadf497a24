"""Contacts during the investigation: requests to other actors, communication to the parties."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from skyddsnat.api.access import act
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out, codes
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


class RequestOut(Out):
    id: int
    actor: str
    sent_at: date
    answered_at: date | None


class CommunicationIn(In):
    communicated_at: date
    party: str


class CommunicationOut(Out):
    id: int
    communicated_at: date


@router.post("/cases/{case_id}/investigation/requests", response={201: RequestOut, **ERRORS})
@idempotent(201)
def external_request(request: HttpRequest, case_id: int, payload: RequestIn) -> RequestOut:
    """Record a request for information to another actor (school, health care …)."""
    return RequestOut.of(
        act(request, investigations.record_external_request, payload, case_id=case_id)
    )


@router.post(
    "/cases/{case_id}/investigation/requests/{request_id}/answer",
    response={200: RequestOut, **ERRORS},
)
@idempotent(200)
def request_answer(
    request: HttpRequest, case_id: int, request_id: int, payload: AnswerIn
) -> RequestOut:
    """Record when the other actor answered."""
    return RequestOut.of(
        act(
            request,
            investigations.record_request_answer,
            payload,
            case_id=case_id,
            request_id=request_id,
        )
    )


@router.post(
    "/cases/{case_id}/investigation/communications", response={201: CommunicationOut, **ERRORS}
)
@idempotent(201)
def communication(request: HttpRequest, case_id: int, payload: CommunicationIn) -> CommunicationOut:
    """Record that the material was communicated to a party (*kommunicering*)."""
    return CommunicationOut.of(
        act(request, investigations.record_communication, payload, case_id=case_id)
    )
