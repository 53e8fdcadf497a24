"""The action plans (*handlingsplaner*): read only.

``GET /action-plans?limit=…&cursor=…``: the plans of the caller's municipality, the latest
first, as a collection (``api/pagination.py``).
``GET /action-plans/{id}?step=quarter|year``: one plan with its goals, each goal's indicators
with every version of the target and the figures per period (the indicator service's, masked as
anywhere), and the measures with their status (``overdue`` when still to be done after the due
date; a removed measure under ``removed_measures``, with why), and ``changes``: every edit of
a goal's or a measure's text, owner, due date or status (before, after, who, when). Managers, analysts and the committee (``policy.can_read_action_plans``); another
municipality's plan is 404. The read of a plan is audited (``actionplans.services.plan_of``).
Values of a share are in per cent, as the targets are written.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router

from skyddsnat.actionplans import followup, services
from skyddsnat.api.auth import current_user
from skyddsnat.api.pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    InvalidCursor,
    Page,
    page,
    read_cursor,
)
from skyddsnat.api.schemas import ERRORS, ErrorOut, Out
from skyddsnat.indicators.periods import Kind

router = Router(tags=["Handlingsplaner / Action plans"])


class ActionPlanSummaryOut(Out):
    id: int
    name: str
    unit_id: int | None
    unit_name: str | None
    starts_on: date
    ends_on: date


PLANS = "action-plans"


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


class ActionPlanRemovedMeasureOut(Out):
    id: int
    title: str
    removed_at: datetime
    removed_reason: str


class ActionPlanGoalOut(Out):
    id: int
    title: str
    indicators: list[ActionPlanIndicatorOut]
    measures: list[ActionPlanMeasureOut]
    removed_measures: list[ActionPlanRemovedMeasureOut]


class ActionPlanChangeOut(Out):
    goal_id: int | None
    measure_id: int | None
    field: str
    before: str
    after: str
    changed_by: str
    changed_at: datetime


class ActionPlanOut(ActionPlanSummaryOut):
    step: str
    goals: list[ActionPlanGoalOut]
    changes: list[ActionPlanChangeOut]


def _summary(plan: object) -> ActionPlanSummaryOut:
    unit = plan.unit  # type: ignore[attr-defined]
    return ActionPlanSummaryOut.of(plan, unit_name=unit.name if unit else None)


@router.get("/action-plans", response={200: Page[ActionPlanSummaryOut], 400: ErrorOut, **ERRORS})
def action_plans(
    request: HttpRequest,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None,
) -> Page[ActionPlanSummaryOut]:
    """Return a page of the plans of the caller's municipality, the latest first."""
    found = services.plans_for(acting_user=current_user(request)).order_by("-starts_on", "-pk")
    key = read_cursor(PLANS, cursor, {})
    if key is not None:
        try:
            starts_on, pk = date.fromisoformat(str(key[0])), int(key[1])
        except (TypeError, ValueError, IndexError) as exc:
            raise InvalidCursor from exc
        found = found.filter(Q(starts_on__lt=starts_on) | Q(starts_on=starts_on, pk__lt=pk))
    rows = list(found[: limit + 1])
    last = rows[limit - 1] if len(rows) > limit else None
    return page(
        request,
        PLANS,
        [_summary(p) for p in rows[:limit]],
        limit=limit,
        more=last is not None,
        last_key=[last.starts_on.isoformat(), last.pk] if last else None,
        filters={},
    )


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
            removed_measures=[
                ActionPlanRemovedMeasureOut.of(m) for m in g.goal.measures.all() if m.is_removed
            ],
        )
        for g in found.goals
    ]
    changes = [
        ActionPlanChangeOut.of(c, changed_by=c.changed_by.get_full_name() or c.changed_by.username)
        for c in services.changes_of(plan)
    ]
    summary = _summary(plan)
    return ActionPlanOut(**summary.model_dump(), step=step, goals=goals, changes=changes)
