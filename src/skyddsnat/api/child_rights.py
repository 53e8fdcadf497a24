"""The child's rights in the casework: the best-interests assessment of a decision (SoL 2025:400
3 kap. 1–2 §§) and the information that an investigation was opened (20 kap. 4 §).

``POST /decisions/{id}/best-interests`` records what the child said, how it was weighed and what
is best for the child (signed, once per decision); ``POST /cases/{id}/investigation/
opening-information`` records that the guardians or the child were told (or the special reasons
against it). The information's time limit is the obligation ``investigation_information``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router

from skyddsnat.api.access import act
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out, codes
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.choices import Informed

router = Router(tags=["Barnets rättigheter / Child's rights"])

Recipient = codes(Informed)


class BestInterestsIn(In):
    child_view: str = ""
    child_view_not_documented_reason: str = ""
    weighing: str
    conclusion: str


class BestInterestsOut(Out):
    id: int
    decision_id: int
    child_view: str
    child_view_not_documented_reason: str
    weighing: str
    conclusion: str
    signed_at: datetime | None


class OpeningInformationIn(In):
    recipient: Recipient
    informed_at: date
    method: str = ""
    withheld_reason: str = ""


class OpeningInformationOut(Out):
    id: int
    investigation_id: int
    recipient: str
    informed_at: date
    method: str
    withheld_reason: str
    signed_at: datetime | None


@router.post("/decisions/{decision_id}/best-interests", response={201: BestInterestsOut, **ERRORS})
@idempotent(201)
def best_interests(
    request: HttpRequest, decision_id: int, payload: BestInterestsIn
) -> BestInterestsOut:
    """Record the best-interests assessment of the decision (*barnets bästa*)."""
    data = interventions.BestInterestsInput(**payload.arguments())
    return BestInterestsOut.of(
        act(request, interventions.record_best_interests, decision_id=decision_id, data=data)
    )


@router.post(
    "/cases/{case_id}/investigation/opening-information",
    response={201: OpeningInformationOut, **ERRORS},
)
@idempotent(201)
def opening_information(
    request: HttpRequest, case_id: int, payload: OpeningInformationIn
) -> OpeningInformationOut:
    """Record that the guardians or the child were told the investigation was opened."""
    return OpeningInformationOut.of(
        act(request, investigations.record_opening_information, payload, case_id=case_id)
    )
