"""Decisions and interventions (*insatser*): decide, follow up, end, evaluate."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from skyddsnat.api.access import require_intervention, writable_case
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, codes
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


class InterventionOut(Schema):
    id: int
    case_id: int
    decision_id: int
    kind: str
    basis: str
    is_placement: bool
    start: date
    planned_end: date | None
    ended_at: date | None
    end_reason: str
    version: int

    @classmethod
    def of(cls, intervention: Intervention) -> InterventionOut:
        i = intervention
        return cls(
            id=i.pk,
            case_id=i.case_id,
            decision_id=i.decision_id,
            kind=i.kind,
            basis=i.basis,
            is_placement=i.is_placement,
            start=i.start_on,
            planned_end=i.planned_end_on,
            ended_at=i.ended_on,
            end_reason=i.end_reason,
            version=i.version,
        )


class VisitIn(In):
    visited_at: date
    child_talked_alone: bool
    note: str = ""


class VisitOut(Schema):
    id: int
    intervention_id: int
    visited_at: date
    child_talked_alone: bool


class ReviewIn(In):
    held_at: date
    outcome: ReviewOutcome
    note: str = ""


class ReviewOut(Schema):
    id: int
    intervention_id: int
    held_at: date
    outcome: str


class ConsiderationIn(In):
    considered_at: date
    transfer_proposed: bool
    note: str = ""


class ConsiderationOut(Schema):
    id: int
    intervention_id: int
    considered_at: date
    transfer_proposed: bool


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


class EvaluationOut(Schema):
    id: int
    intervention_id: int
    evaluated_at: date
    goals_met: str


@router.post("/cases/{case_id}/interventions", response={201: InterventionOut, **ERRORS})
@idempotent(201)
def decide(request: HttpRequest, case_id: int, payload: InterventionIn) -> InterventionOut:
    """Decide an intervention: a signed decision and the intervention it grants."""
    user, case = writable_case(request, case_id)
    fields = payload.model_dump(exclude={"decided_at", "health_exam_at"})
    data = interventions.InterventionInput(
        decided_on=payload.decided_at, health_exam_on=payload.health_exam_at, **fields
    )
    return InterventionOut.of(
        interventions.decide_intervention(acting_user=user, case=case, data=data)
    )


def _intervention(request: HttpRequest, intervention_id: int) -> Intervention:
    return require_intervention(current_user(request), intervention_id, write=True)


@router.post("/interventions/{intervention_id}/visits", response={201: VisitOut, **ERRORS})
@idempotent(201)
def visit(request: HttpRequest, intervention_id: int, payload: VisitIn) -> VisitOut:
    """Record a visit to the placed child, and whether the child was talked to alone."""
    made = interventions.record_visit(
        acting_user=current_user(request),
        intervention=_intervention(request, intervention_id),
        visited_on=payload.visited_at,
        child_talked_alone=payload.child_talked_alone,
        note=payload.note,
    )
    return VisitOut(
        id=made.pk,
        intervention_id=made.intervention_id,
        visited_at=made.visited_on,
        child_talked_alone=made.child_talked_alone,
    )


@router.post("/interventions/{intervention_id}/reviews", response={201: ReviewOut, **ERRORS})
@idempotent(201)
def review(request: HttpRequest, intervention_id: int, payload: ReviewIn) -> ReviewOut:
    """Record a review of the placement (*övervägande/omprövning*)."""
    held = interventions.record_review(
        acting_user=current_user(request),
        intervention=_intervention(request, intervention_id),
        held_on=payload.held_at,
        outcome=payload.outcome,
        note=payload.note,
    )
    return ReviewOut(
        id=held.pk,
        intervention_id=held.intervention_id,
        held_at=held.held_on,
        outcome=held.outcome,
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
    done = interventions.record_custody_consideration(
        acting_user=current_user(request),
        intervention=_intervention(request, intervention_id),
        considered_on=payload.considered_at,
        transfer_proposed=payload.transfer_proposed,
        note=payload.note,
    )
    return ConsiderationOut(
        id=done.pk,
        intervention_id=done.intervention_id,
        considered_at=done.considered_on,
        transfer_proposed=done.transfer_proposed,
    )


@router.post("/interventions/{intervention_id}/end", response={200: InterventionOut, **ERRORS})
@idempotent(200)
def end(request: HttpRequest, intervention_id: int, payload: EndIn) -> InterventionOut:
    """End the intervention; ``breakdown`` marks an unplanned early end (*sammanbrott*)."""
    ended = interventions.end_intervention(
        acting_user=current_user(request),
        intervention=_intervention(request, intervention_id),
        ended_on=payload.ended_at,
        end_reason=payload.end_reason,
        expected_version=payload.expected_version,
    )
    return InterventionOut.of(ended)


@router.post("/interventions/{intervention_id}/evaluation", response={201: EvaluationOut, **ERRORS})
@idempotent(201)
def evaluation(request: HttpRequest, intervention_id: int, payload: EvaluationIn) -> EvaluationOut:
    """Record the evaluation of the ended intervention, with the child's view."""
    fields = payload.model_dump(exclude={"evaluated_at"})
    done = interventions.record_evaluation(
        acting_user=current_user(request),
        intervention=_intervention(request, intervention_id),
        data=interventions.EvaluationInput(evaluated_on=payload.evaluated_at, **fields),
    )
    return EvaluationOut(
        id=done.pk,
        intervention_id=done.intervention_id,
        evaluated_at=done.evaluated_on,
        goals_met=done.goals_met,
    )
