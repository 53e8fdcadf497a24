"""The follow-up of an action plan: each goal's indicators over time against their targets.

The figures are the indicator service's (``indicators.service.compute_indicators``) for the
plan's unit (or the whole municipality), per quarter or year from the plan's first day to today
(or its last day), so the masking of small numbers is the one the caller gets everywhere else.
The target of a period is the version in force at its end (a revised target does not rewrite
what the earlier periods were measured against). A measure still planned or ongoing after its
due date is overdue.

``quarter_summary`` is the plan's part of the committee's quarterly report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.actionplans.models import (
    ActionPlan,
    Goal,
    GoalIndicator,
    Measure,
    MeasureStatus,
    TargetVersion,
)
from skyddsnat.actionplans.services import plans_for
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.periods import Kind, Period
from skyddsnat.indicators.service import IndicatorValue, compute_indicators, totals
from skyddsnat.rules.calendar import local_date

#: The most periods a follow-up shows (the latest ones).
MAX_PERIODS = 16
STEPS = (Kind.QUARTER, Kind.YEAR)


@dataclass(frozen=True)
class Point:
    """One period's figure (None when masked or without data) and the target then in force.

    ``number`` is the figure on the target's scale: per cent for a share.
    """

    period: Period
    value: IndicatorValue | None
    number: float | None
    target: TargetVersion


@dataclass(frozen=True)
class IndicatorFollowUp:
    """One indicator of a goal: its targets (every version, oldest first) and its figures."""

    linked: GoalIndicator
    indicator: d.Indicator
    targets: tuple[TargetVersion, ...]
    points: tuple[Point, ...]

    @property
    def current(self) -> TargetVersion:
        return self.targets[-1]

    @property
    def latest(self) -> Point | None:
        """Return the last period with a figure."""
        return next((p for p in reversed(self.points) if p.number is not None), None)

    @property
    def reached(self) -> bool | None:
        """Return whether the latest figure meets the current target (None: cannot say)."""
        latest = self.latest
        if latest is None or latest.number is None:
            return None
        return meets(self.indicator, latest.number, latest.target.target)


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    overdue: bool


@dataclass(frozen=True)
class GoalFollowUp:
    goal: Goal
    indicators: tuple[IndicatorFollowUp, ...]
    measures: tuple[MeasureRow, ...]

    @property
    def overdue_count(self) -> int:
        return sum(1 for m in self.measures if m.overdue)

    @property
    def status_counts(self) -> dict[str, int]:
        """Return the number of measures per status, in the order of ``MeasureStatus``."""
        counts = dict.fromkeys(MeasureStatus.values, 0)
        for row in self.measures:
            counts[row.measure.status] += 1
        return counts


@dataclass(frozen=True)
class PlanFollowUp:
    plan: ActionPlan
    step: Kind
    periods: tuple[Period, ...]
    goals: tuple[GoalFollowUp, ...]
    today: date

    @property
    def overdue_count(self) -> int:
        return sum(g.overdue_count for g in self.goals)


def meets(indicator: d.Indicator, number: float, target: Decimal) -> bool | None:
    """Return whether ``number`` meets ``target`` in the indicator's direction (None: neutral)."""
    if indicator.direction is d.Direction.HIGHER_IS_BETTER:
        return Decimal(str(number)) >= target
    if indicator.direction is d.Direction.LOWER_IS_BETTER:
        return Decimal(str(number)) <= target
    return None


def on_target_scale(indicator: d.Indicator, value: IndicatorValue | None) -> float | None:
    """Return the figure as targets are written (per cent for a share), None when hidden."""
    if value is None or value.masked or value.value is None or not value.available:
        return None
    if indicator.unit is d.Measure.SHARE:
        return value.value * 100
    return value.value


def periods_of(plan: ActionPlan, step: Kind, today: date) -> tuple[Period, ...]:
    """Return the periods of ``step`` from the plan's first day to today or its last day."""
    last_day = min(plan.ends_on, today)
    if last_day < plan.starts_on:
        return ()
    first = Period.containing(plan.starts_on, step)
    last = Period.containing(last_day, step)
    found = []
    period = last
    while period >= first and len(found) < MAX_PERIODS:
        found.append(period)
        period = period.previous()
    return tuple(reversed(found))


def target_in_force(targets: Sequence[TargetVersion], on: date) -> TargetVersion:
    """Return the latest version set on or before ``on`` (the first one before any was)."""
    chosen = targets[0]
    for version in targets:
        if local_date(version.set_at) <= on:
            chosen = version
    return chosen


def _figures(
    user: User, plan: ActionPlan, periods: Sequence[Period], ids: list[str]
) -> dict[Period, dict[str, IndicatorValue]]:
    if not ids:
        return {p: {} for p in periods}
    memo: dict[str, Any] = {}
    return {
        period: totals(
            compute_indicators(
                acting_user=user, period=period, unit_id=plan.unit_id, ids=ids, memo=memo
            )
        )
        for period in periods
    }


def _follow_up(
    user: User, plan: ActionPlan, step: Kind, periods: tuple[Period, ...], today: date
) -> PlanFollowUp:
    goals = list(plan.goals.all())
    ids = sorted({gi.indicator_id for g in goals for gi in g.indicators.all()})
    ids = [i for i in ids if i in d.INDICATORS]
    figures = _figures(user, plan, periods, ids)
    result = []
    for goal in goals:
        followed = []
        for linked in goal.indicators.all():
            if linked.indicator_id not in d.INDICATORS:
                continue
            indicator = d.INDICATORS.get(linked.indicator_id)
            targets = tuple(sorted(linked.targets.all(), key=lambda t: t.number))
            points = tuple(
                Point(
                    period=p,
                    value=figures[p].get(linked.indicator_id),
                    number=on_target_scale(indicator, figures[p].get(linked.indicator_id)),
                    target=target_in_force(targets, p.end),
                )
                for p in periods
            )
            followed.append(IndicatorFollowUp(linked, indicator, targets, points))
        measures = tuple(
            MeasureRow(m, m.overdue_on(today)) for m in goal.measures.all() if not m.is_removed
        )
        result.append(GoalFollowUp(goal, tuple(followed), measures))
    return PlanFollowUp(plan, step, periods, tuple(result), today)


def follow_up(*, acting_user: User, plan: ActionPlan, step: Kind = Kind.QUARTER) -> PlanFollowUp:
    """Return the plan's follow-up per ``step`` (quarter or year) for the caller.

    ``plan`` is one ``services.plan_of`` returned (read and audited there).
    """
    if step not in STEPS:
        raise ValueError(f"step must be one of {STEPS}")
    today = clock.today()
    return _follow_up(acting_user, plan, step, periods_of(plan, step, today), today)


def quarter_summary(*, acting_user: User, period: Period) -> tuple[PlanFollowUp, ...]:
    """Return the follow-up in ``period`` (a quarter) of each plan that ran during it.

    For the committee's quarterly report: each goal's figures of the quarter against the target
    in force at its end, and the measures' status as of today (overdue flagged).
    """
    today = clock.today()
    plans = plans_for(acting_user=acting_user).filter(
        starts_on__lte=period.end, ends_on__gte=period.start
    )
    plans = plans.prefetch_related(
        "goals__indicators__targets__set_by", "goals__measures__owner"
    ).order_by("unit__name", "name", "pk")
    return tuple(_follow_up(acting_user, plan, Kind.QUARTER, (period,), today) for plan in plans)
