"""The action plans (*handlingsplaner*): read only.

``GET /action-plans``: the plans of the caller's municipality (a handful: not paginated).
``GET /action-plans/{id}?step=quarter|year``: one plan with its goals, each goal's indicators
with every version of the target and the figures per period (the indicator service's, masked as
anywhere), and the measures with their status (``overdue`` when still to be done after the due
date). Managers, analysts and the committee (``policy.can_read_action_plans``); another
municipality's plan is 404. The read of a plan is audited (``actionplans.services.plan_of``).
Values of a share are in per cent, as the targets are written.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router

from skyddsnat.actionplans import followup, services
from skyddsnat.api.auth import current_user
from skyddsnat.api.schemas import ERRORS, Out
from skyddsnat.indicators.periods import Kind

router = Router(tags=["Handlingsplaner / Action plans"])


class ActionPlanSummaryOut(Out):
    id: int
    name: str
    unit_id: int | None
    unit_name: str | None
    starts_on: date
    ends_on: date


class ActionPlansOut(Out):
    items: list[ActionPlanSummaryOut]


class ActionPlanTargetOut(Out):
    version: int = Field(validation_alias="number")
    baseline: Decimal
    target: Decimal
    target_on: date
    reason: str
    set_by: str
    set_at: datetime


class ActionPlanPointOut(Out):
    period: str
    value: float | None
    masked: bool
    target: Decimal
    target_version: int
    met: bool | None


class ActionPlanIndicatorOut(Out):
    indicator_id: str
    name: str
    unit: str
    direction: str
    targets: list[ActionPlanTargetOut]
    points: list[ActionPlanPointOut]
    reached: bool | None


class ActionPlanMeasureOut(Out):
    id: int
    title: str
    owner: str
    due_on: date
    status: str
    status_label: str
    overdue: bool


class ActionPlanGoalOut(Out):
    id: int
    title: str
    indicators: list[ActionPlanIndicatorOut]
    measures: list[ActionPlanMeasureOut]


class ActionPlanOut(ActionPlanSummaryOut):
    step: str
    goals: list[ActionPlanGoalOut]


def _summary(plan: object) -> ActionPlanSummaryOut:
    unit = plan.unit  # type: ignore[attr-defined]
    return ActionPlanSummaryOut.of(plan, unit_name=unit.name if unit else None)


@router.get("/action-plans", response={200: ActionPlansOut, **ERRORS})
def action_plans(request: HttpRequest) -> ActionPlansOut:
    """Return the plans of the caller's municipality, the latest first."""
    found = services.plans_for(acting_user=current_user(request))
    return ActionPlansOut(items=[_summary(p) for p in found])


def _indicator(row: followup.IndicatorFollowUp) -> ActionPlanIndicatorOut:
    return ActionPlanIndicatorOut(
        indicator_id=row.indicator.id,
        name=row.indicator.name,
        unit=row.indicator.unit.value,
        direction=row.indicator.direction.value,
        targets=[
            ActionPlanTargetOut.of(t, set_by=t.set_by.get_full_name() or t.set_by.username)
            for t in row.targets
        ],
        points=[
            ActionPlanPointOut(
                period=p.period.code,
                value=p.number,
                masked=bool(p.value and p.value.masked),
                target=p.target.target,
                target_version=p.target.number,
                met=None
                if p.number is None
                else followup.meets(row.indicator, p.number, p.target.target),
            )
            for p in row.points
        ],
        reached=row.reached,
    )


@router.get("/action-plans/{plan_id}", response={200: ActionPlanOut, **ERRORS})
def action_plan(
    request: HttpRequest, plan_id: int, step: Literal["quarter", "year"] = "quarter"
) -> ActionPlanOut:
    """Return the plan with its goals, targets, figures per period and measures."""
    user = current_user(request)
    plan = services.plan_of(acting_user=user, plan_id=plan_id)
    found = followup.follow_up(acting_user=user, plan=plan, step=Kind(step))
    goals = [
        ActionPlanGoalOut(
            id=g.goal.pk,
            title=g.goal.title,
            indicators=[_indicator(row) for row in g.indicators],
            measures=[
                ActionPlanMeasureOut(
                    id=m.measure.pk,
                    title=m.measure.title,
                    owner=m.measure.owner.get_full_name() or m.measure.owner.username,
                    due_on=m.measure.due_on,
                    status=m.measure.status,
                    status_label=m.measure.get_status_display(),
                    overdue=m.overdue,
                )
                for m in g.measures
            ],
        )
        for g in found.goals
    ]
    summary = _summary(plan)
    return ActionPlanOut(**summary.model_dump(), step=step, goals=goals)
