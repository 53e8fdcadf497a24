"""Care plans (*vårdplan*) and implementation plans (*genomförandeplan*) of a placement.

``GET /interventions/{id}/plans`` lists every version of both plans (drafts too), oldest first;
``POST /interventions/{id}/plans/{kind}`` saves the draft of the plan's next version (an
unsigned version is edited, else a new version starts: the first plan or a revision);
``POST /interventions/{id}/plans/{kind}/sign`` signs the draft, which is then append-only.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router

from skyddsnat.accounts import policy
from skyddsnat.api.access import act, record_read
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out, codes
from skyddsnat.errors import NotFound
from skyddsnat.interventions.models import Intervention
from skyddsnat.plans import services as plans
from skyddsnat.plans.choices import PlanKind
from skyddsnat.plans.models import Plan

router = Router(tags=["Planer / Plans"])

Kind = codes(PlanKind)


class CarePlanIn(In):
    drawn_up_at: date
    review_at: date
    goals: dict[str, str] = {}
    child_view: str = ""
    child_view_not_documented_reason: str = ""
    guardian_view: str = ""
    responsibilities: str = ""
    long_term_housing: str = ""
    #: Whether the child took part in the planning; required before the plan is signed.
    child_participated: bool | None = None
    expected_version: int | None = None


class CarePlanSignIn(In):
    expected_version: int | None = None


class CarePlanOut(Out):
    id: int
    intervention_id: int
    case_id: int
    kind: str
    number: int
    drawn_up_at: date
    review_at: date
    bbic_version: str
    goals: dict[str, str]
    child_view: str
    child_view_not_documented_reason: str
    guardian_view: str
    responsibilities: str
    long_term_housing: str
    child_participated: bool | None
    signed_at: datetime | None
    signed_by_id: int | None
    version: int


class CarePlansOut(Out):
    intervention_id: int
    plans: list[CarePlanOut]


@router.get("/interventions/{intervention_id}/plans", response={200: CarePlansOut, **ERRORS})
def list_plans(request: HttpRequest, intervention_id: int) -> CarePlansOut:
    """Return every version of the placement's plans (both kinds, drafts included)."""
    user = current_user(request)
    case_id = (
        Intervention.objects.filter(pk=intervention_id, case__municipality_id=user.municipality_id)
        .values_list("case_id", flat=True)
        .first()
    )
    if case_id is None:
        raise NotFound("Insatsen finns inte.")
    case = policy.require_case(user, case_id)
    record_read(request, user, case, case)
    versions = Plan.objects.filter(intervention_id=intervention_id).order_by("kind", "number")
    return CarePlansOut(
        intervention_id=intervention_id, plans=[CarePlanOut.of(p) for p in versions]
    )


@router.post("/interventions/{intervention_id}/plans/{kind}", response={200: CarePlanOut, **ERRORS})
@idempotent(200)
def save_plan(
    request: HttpRequest, intervention_id: int, kind: Kind, payload: CarePlanIn
) -> CarePlanOut:
    """Save the draft of the plan's next version (a new version after a signed one)."""
    fields = payload.model_dump()
    expected = fields.pop("expected_version")
    data = plans.PlanInput(
        drawn_up_on=fields.pop("drawn_up_at"), review_on=fields.pop("review_at"), **fields
    )
    return CarePlanOut.of(
        act(
            request,
            plans.save_plan,
            intervention_id=intervention_id,
            kind=kind,
            data=data,
            expected_version=expected,
        )
    )


@router.post(
    "/interventions/{intervention_id}/plans/{kind}/sign", response={200: CarePlanOut, **ERRORS}
)
@idempotent(200)
def sign_plan(
    request: HttpRequest, intervention_id: int, kind: Kind, payload: CarePlanSignIn
) -> CarePlanOut:
    """Sign the plan's draft: it becomes the plan in force and can no longer be changed."""
    return CarePlanOut.of(
        act(
            request,
            plans.sign_plan,
            intervention_id=intervention_id,
            kind=kind,
            expected_version=payload.expected_version,
        )
    )
