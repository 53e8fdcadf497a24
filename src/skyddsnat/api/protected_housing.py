"""Protected housing for a child without the other guardian's consent, lag (2024:79) (decision
0043): the committee's immediate decision or application, the court path, and the committee's
considerations (signed). ``GET /cases/{id}/protected-housing`` shows them; the duties are in
``/cases/{id}/obligations``.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from skyddsnat.api.access import act, readable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out
from skyddsnat.interventions import protected_housing as ph

router = Router(tags=["Skyddat boende utan samtycke"])


class HousingOrderIn(In):
    non_consenting_guardian_id: int
    immediate_decided_at: date | None = None
    applied_at: date | None = None
    intervention_id: int | None = None
    placement_started_at: date | None = None
    note: str = ""


class HousingCourtStepsIn(In):
    court_submitted_at: date | None = None
    confirmed_at: date | None = None
    applied_at: date | None = None
    extension_granted_at: date | None = None
    application_extended_to: date | None = None
    court_decided_at: date | None = None
    granted: bool | None = None
    final_at: date | None = None
    placement_started_at: date | None = None
    expected_version: int | None = None


class HousingOrderOut(Out):
    id: int
    case_id: int
    intervention_id: int | None
    non_consenting_guardian_id: int
    immediate_decided_at: date | None
    court_submitted_at: date | None
    confirmed_at: date | None
    applied_at: date | None
    extension_granted_at: date | None
    application_extended_to: date | None
    court_decided_at: date | None
    granted: bool | None
    final_at: date | None
    placement_started_at: date | None
    ended_at: date | None
    version: int


class HousingConsiderationIn(In):
    held_at: date
    continues: bool
    note: str = ""


class HousingConsiderationOut(Out):
    id: int
    order_id: int
    held_at: date
    continues: bool
    signed: bool


class ProtectedHousingOut(Out):
    case_id: int
    orders: list[HousingOrderOut]
    considerations: list[HousingConsiderationOut]


@router.get("/cases/{case_id}/protected-housing", response={200: ProtectedHousingOut, **ERRORS})
def protected_housing_of_case(request: HttpRequest, case_id: int) -> ProtectedHousingOut:
    """Return the case's protected housing without consent (lag 2024:79) and considerations."""
    case = readable_case(request, case_id)
    orders = list(case.protected_housing_orders.prefetch_related("considerations"))
    return ProtectedHousingOut(
        case_id=case.pk,
        orders=[HousingOrderOut.of(o) for o in orders],
        considerations=[
            HousingConsiderationOut.of(x, signed=x.is_signed)
            for o in orders
            for x in o.considerations.all()
        ],
    )


@router.post("/cases/{case_id}/protected-housing", response={201: HousingOrderOut, **ERRORS})
@idempotent(201)
def record_order(request: HttpRequest, case_id: int, payload: HousingOrderIn) -> HousingOrderOut:
    """Record that the child's protected housing rests on lag (2024:79), without the consent of
    one guardian: the committee's immediate decision (4 kap. 1 §) or application (3 kap. 3 §)."""
    return HousingOrderOut.of(
        act(request, ph.record_protected_housing_order, payload, case_id=case_id)
    )


@router.post("/protected-housing/{order_id}/court", response={200: HousingOrderOut, **ERRORS})
@idempotent(200)
def court_steps(
    request: HttpRequest, order_id: int, payload: HousingCourtStepsIn
) -> HousingOrderOut:
    """Record the court path's next steps (4 kap. 3 och 6 §§, 3 kap. 3–4 §§, 5 kap. 2 §)."""
    return HousingOrderOut.of(
        act(request, ph.record_protected_housing_court_steps, payload, order_id=order_id)
    )


@router.post(
    "/protected-housing/{order_id}/considerations",
    response={201: HousingConsiderationOut, **ERRORS},
)
@idempotent(201)
def consider(
    request: HttpRequest, order_id: int, payload: HousingConsiderationIn
) -> HousingConsiderationOut:
    """Record the committee's consideration (5 kap. 3 §), signed; not continuing ends it."""
    consideration = act(request, ph.consider_protected_housing, payload, order_id=order_id)
    return HousingConsiderationOut.of(consideration, signed=consideration.is_signed)
