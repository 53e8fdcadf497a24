"""Decisions and interventions (*insatser*): decide, follow up, end, evaluate."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router

from skyddsnat.api.access import act, readable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out, codes
from skyddsnat.cases.choices import DecidedBy as DecidedByChoices
from skyddsnat.interventions import choices as c
from skyddsnat.interventions import services as interventions
from skyddsnat.interventions.models import Intervention

router = Router(tags=["Insatser / Interventions"])

Basis = codes(c.Basis)
Kind = codes(c.Kind)
DecidedBy = codes(DecidedByChoices)
EndReason = codes(c.EndReason)
GoalsMet = codes(c.GoalsMet)
ReviewOutcome = codes(c.ReviewOutcome)


class InterventionIn(In):
    decided_at: date
    decided_by: DecidedBy = DecidedByChoices.DELEGATE.value
    basis: Basis
    kind: Kind
    start: date
    planned_end: date | None = None
    goals: str = ""
    health_exam_before: bool | None = None
    health_exam_at: date | None = None
    school_arranged: bool | None = None
    foster_home_reference: str = ""
    text: str = ""
    #: Whose consent the decision rests on (LVU 1 §): ``given``, ``refused``, ``not_reached``;
    #: the child's ``given``, ``refused`` or ``under_15``; blank when not recorded.
    guardian_consent: str = ""
    child_consent: str = ""
    child_view: str = ""


class InterventionOut(Out):
    id: int
    case_id: int
    decision_id: int
    kind: str
    basis: str
    is_placement: bool
    start: date = Field(validation_alias="start_on")
    planned_end: date | None = Field(validation_alias="planned_end_on")
    ended_at: date | None
    end_reason: str
    version: int


class VisitIn(In):
    visited_at: date
    child_talked_alone: bool
    note: str = ""


class VisitOut(Out):
    id: int
    intervention_id: int
    visited_at: date
    child_talked_alone: bool
    visited_by_id: int
    note: str


class ReviewIn(In):
    held_at: date
    outcome: ReviewOutcome
    note: str = ""


class ReviewOut(Out):
    id: int
    intervention_id: int
    held_at: date
    outcome: str
    recorded_by_id: int
    note: str


class ConsiderationIn(In):
    considered_at: date
    transfer_proposed: bool
    note: str = ""


class ConsiderationOut(Out):
    id: int
    intervention_id: int
    considered_at: date
    transfer_proposed: bool
    recorded_by_id: int
    note: str


class FollowedInterventionOut(InterventionOut):
    """An intervention with its follow-up: visits, reviews, custody-transfer considerations,
    oldest first, each with its note (empty when none was written)."""

    goals: str
    visits: list[VisitOut]
    reviews: list[ReviewOut]
    custody_considerations: list[ConsiderationOut]


class InterventionsOut(Out):
    case_id: int
    interventions: list[FollowedInterventionOut]


class EndIn(In):
    ended_at: date
    end_reason: EndReason
    expected_version: int | None = None


class EvaluationIn(In):
    evaluated_at: date
    goals_met: GoalsMet
    child_view: str = ""
    child_view_not_documented_reason: str = ""
    guardian_view: str = ""
    method: str = ""


class EvaluationOut(Out):
    id: int
    intervention_id: int
    evaluated_at: date
    goals_met: str


@router.post("/cases/{case_id}/interventions", response={201: InterventionOut, **ERRORS})
@idempotent(201)
def decide(request: HttpRequest, case_id: int, payload: InterventionIn) -> InterventionOut:
    """Decide an intervention: a signed decision and the intervention it grants."""
    data = interventions.InterventionInput(**payload.arguments())
    return InterventionOut.of(
        act(request, interventions.decide_intervention, case_id=case_id, data=data)
    )


@router.get("/cases/{case_id}/interventions", response={200: InterventionsOut, **ERRORS})
def interventions_of_case(request: HttpRequest, case_id: int) -> InterventionsOut:
    """Return the case's interventions, oldest first, each with its visits, reviews and
    custody-transfer considerations and their notes."""
    case = readable_case(request, case_id)
    found = (
        Intervention.objects.filter(case=case)
        .order_by("start_on", "pk")
        .prefetch_related("visits", "reviews", "custody_considerations")
    )
    return InterventionsOut(
        case_id=case.pk,
        interventions=[
            FollowedInterventionOut.of(
                i,
                visits=[VisitOut.of(v) for v in i.visits.all()],
                reviews=[ReviewOut.of(r) for r in i.reviews.all()],
                custody_considerations=[
                    ConsiderationOut.of(c) for c in i.custody_considerations.all()
                ],
            )
            for i in found
        ],
    )


@router.post("/interventions/{intervention_id}/visits", response={201: VisitOut, **ERRORS})
@idempotent(201)
def visit(request: HttpRequest, intervention_id: int, payload: VisitIn) -> VisitOut:
    """Record a visit to the placed child, and whether the child was talked to alone."""
    return VisitOut.of(
        act(request, interventions.record_visit, payload, intervention_id=intervention_id)
    )


@router.post("/interventions/{intervention_id}/reviews", response={201: ReviewOut, **ERRORS})
@idempotent(201)
def review(request: HttpRequest, intervention_id: int, payload: ReviewIn) -> ReviewOut:
    """Record a review of the placement (*övervägande/omprövning*)."""
    return ReviewOut.of(
        act(request, interventions.record_review, payload, intervention_id=intervention_id)
    )


@router.post(
    "/interventions/{intervention_id}/custody-considerations",
    response={201: ConsiderationOut, **ERRORS},
)
@idempotent(201)
def custody_consideration(
    request: HttpRequest, intervention_id: int, payload: ConsiderationIn
) -> ConsiderationOut:
    """Record the consideration of custody transfer (*vårdnadsöverflyttning*)."""
    return ConsiderationOut.of(
        act(
            request,
            interventions.record_custody_consideration,
            payload,
            intervention_id=intervention_id,
        )
    )


@router.post("/interventions/{intervention_id}/end", response={200: InterventionOut, **ERRORS})
@idempotent(200)
def end(request: HttpRequest, intervention_id: int, payload: EndIn) -> InterventionOut:
    """End the intervention; ``breakdown`` marks an unplanned early end (*sammanbrott*)."""
    return InterventionOut.of(
        act(request, interventions.end_intervention, payload, intervention_id=intervention_id)
    )


@router.post("/interventions/{intervention_id}/evaluation", response={201: EvaluationOut, **ERRORS})
@idempotent(201)
def evaluation(request: HttpRequest, intervention_id: int, payload: EvaluationIn) -> EvaluationOut:
    """Record the evaluation of the ended intervention, with the child's view."""
    data = interventions.EvaluationInput(**payload.arguments())
    return EvaluationOut.of(
        act(request, interventions.record_evaluation, intervention_id=intervention_id, data=data)
    )
