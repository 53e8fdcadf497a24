"""The care that follows an investigation, drawn as plans (pure: no database, no clock).

Shared by the demo stories (``story_care``, through the services) and the scale dataset
(``bulk_care``, in bulk): which interventions, when they start and end, and why.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from skyddsnat.demo.families import Member
from skyddsnat.demo.timeline import working_day
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS, PLACEMENT_KINDS
from skyddsnat.rules import add_months

if TYPE_CHECKING:
    from skyddsnat.demo.reports import ReportSpec, Script
    from skyddsnat.interventions.models import Intervention

OPEN_CARE = {
    "young": {
        "contact_family": 20,
        "family_treatment": 35,
        "parenting_support": 35,
        "other_open_care": 10,
    },
    "child": {
        "contact_person": 20,
        "contact_family": 20,
        "family_treatment": 30,
        "parenting_support": 15,
        "structured_programme": 10,
        "other_open_care": 5,
    },
    "teen": {
        "contact_person": 20,
        "qualified_contact_person": 15,
        "family_treatment": 25,
        "structured_programme": 25,
        "other_open_care": 15,
    },
}
PLACEMENTS = {
    "foster_home": 35,
    "kinship_foster_home": 20,
    "emergency_foster_home": 10,
    "residential_care_home": 25,
    "supported_housing": 10,
}
PLANNED_MONTHS = {
    "emergency_foster_home": 3,
    "secure_youth_home": 6,
    "residential_care_home": 9,
    "supported_housing": 9,
}


@dataclass
class Plan:
    kind: str
    basis: str
    decided_on: date
    start: date
    planned_end: date | None
    end: date | None = None
    end_reason: str = ""
    committee: bool = False
    existing: Intervention | None = None
    row: list[Intervention] = field(default_factory=list)

    @property
    def placement(self) -> bool:
        return self.kind in PLACEMENT_KINDS


def pick_weighted(table: dict[str, int], rng: random.Random) -> str:
    return rng.choices(list(table), list(table.values()))[0]


def intervention_kind(age: int, rng: random.Random, placement: bool) -> str:
    if placement:
        table = dict(PLACEMENTS)
        if age < 12:
            table.pop("residential_care_home")
        if age < 16:
            table.pop("supported_housing")
        return pick_weighted(table, rng)
    return pick_weighted(OPEN_CARE["young" if age < 6 else "child" if age < 13 else "teen"], rng)


def plan_ending(plan: Plan, member: Member, rng: random.Random, script: Script) -> None:
    """Decide when and why the intervention ends (``end`` stays None if it runs on)."""
    start, roll, end_after = plan.start, rng.random(), script.end_after
    if script.runs_on:
        return
    if end_after is not None:
        plan.end, plan.end_reason = start + timedelta(days=end_after), "completed_as_planned"
    elif roll < (0.18 if plan.placement else 0.1):
        plan.end, plan.end_reason = start + timedelta(days=rng.randint(30, 300)), "breakdown"
    elif roll < 0.25:
        plan.end = start + timedelta(days=rng.randint(40, 250))
        plan.end_reason = rng.choice(("moved", "other"))
    elif plan.planned_end is not None:
        plan.end = plan.planned_end + timedelta(days=rng.randint(-20, 20))
        plan.end_reason = "completed_as_planned"
    elif rng.random() < 0.3:
        plan.end, plan.end_reason = (
            start + timedelta(days=rng.randint(300, 900)),
            "completed_as_planned",
        )
    eighteen = member.eighteen()
    if eighteen > start and (plan.end is None or plan.end > eighteen):
        plan.end, plan.end_reason = eighteen, "turned_18"
    if plan.end is not None:
        plan.end = max(plan.end, start + timedelta(days=1))


def draw_plans(
    closed: date,
    member: Member,
    spec: ReportSpec,
    outcome: str,
    rng: random.Random,
    emergency: Intervention | None,
) -> list[Plan]:
    """Draw the interventions that follow an investigation closed on ``closed``."""
    script = spec.script
    age = member.age_on(closed)
    plans = []
    if outcome == "lvu_application":
        decided = working_day(closed + timedelta(days=rng.randint(14, 40)))  # the court's judgment
        lvu3 = age >= 13 and rng.random() < 0.4
        kind = pick_weighted(
            {"secure_youth_home": 40, "residential_care_home": 60}
            if lvu3
            else {"foster_home": 55, "kinship_foster_home": 20, "residential_care_home": 25},
            rng,
        )
        plans.append(
            Plan(kind, "lvu_3" if lvu3 else "lvu_2", decided, decided, None, committee=True)
        )
    else:
        decided = working_day(closed + timedelta(days=rng.randint(0, 7)))
        placement = emergency is not None or rng.random() < 0.15
        kind = script.kind or intervention_kind(age, rng, placement)
        lul = (
            "child_criminality" in spec.reasons
            and age >= 15
            and not placement
            and rng.random() < 0.3
        )
        start = decided + timedelta(days=rng.randint(0, 14 if placement else 21))
        plans.append(
            Plan(
                kind,
                "lul" if lul else "sol_voluntary",
                decided,
                start,
                None,
                committee=placement and rng.random() < 0.3,
            )
        )
        if not placement and rng.random() < 0.25:
            second = intervention_kind(age, rng, False)
            if second != kind:
                plans.append(
                    Plan(
                        second,
                        "sol_voluntary",
                        decided,
                        start + timedelta(days=rng.randint(0, 30)),
                        None,
                    )
                )
    for plan in plans:
        months = PLANNED_MONTHS.get(plan.kind) or (
            None if plan.kind in FOSTER_HOME_KINDS else rng.choice((6, 9, 12))
        )
        if plan.kind in FOSTER_HOME_KINDS and rng.random() < 0.5:
            months = rng.choice((12, 18, 24))
        plan.planned_end = add_months(plan.start, months) if months else None
        plan_ending(plan, member, rng, script)
    if emergency is not None:
        first = plans[0].start
        plans.insert(
            0,
            Plan(
                emergency.kind,
                emergency.basis,
                emergency.start_on,
                emergency.start_on,
                None,
                end=max(first, emergency.start_on),
                end_reason="other",
                existing=emergency,
            ),
        )
    return plans


def visit_gap(rng: random.Random) -> int:
    """Days to the next visit of a placed child: mostly within three months, sometimes late."""
    return rng.randint(40, 88) if rng.random() < 0.85 else rng.randint(95, 140)


def review_gap(rng: random.Random) -> int:
    """Days to the next review of a placement: mostly within six months, sometimes late."""
    return rng.randint(150, 178) if rng.random() < 0.88 else rng.randint(190, 240)


def chain_days(
    start: date, end: date, gaps: Callable[[], int], fixed: tuple[int, ...] | None = None
) -> list[date]:
    days, day = [], start
    for gap in fixed if fixed is not None else iter(gaps, None):
        day = day + timedelta(days=gap)
        if day >= end:
            break
        days.append(day)
    return days


@dataclass(frozen=True)
class PlanDay:
    """A version of a placement's care plan or implementation plan, signed on ``day``."""

    kind: str
    number: int
    day: date


def plan_days(plan: Plan, until: date, rng: random.Random) -> list[PlanDay]:
    """Return the plans a placement gets up to ``until`` (not included), oldest first.

    The care plan mostly on the decision day, sometimes days late; the implementation plan
    mostly within its month; the care plan revised before the two years (and then the
    implementation plan reviewed) in most placements that last that long.
    """
    if not plan.placement:
        return []
    days: list[PlanDay] = []
    care = plan.decided_on + timedelta(days=0 if rng.random() < 0.85 else rng.randint(2, 20))
    implementation = plan.start + timedelta(
        days=rng.randint(7, 28) if rng.random() < 0.8 else rng.randint(32, 60)
    )
    days.append(PlanDay("care_plan", 1, max(care, plan.decided_on)))
    days.append(PlanDay("implementation_plan", 1, max(implementation, plan.decided_on)))
    if rng.random() < 0.8:
        revision = add_months(plan.start, rng.randint(18, 23))
        days.append(PlanDay("care_plan", 2, revision))
        days.append(PlanDay("implementation_plan", 2, revision + timedelta(rng.randint(5, 25))))
    end = min(until, plan.end) if plan.end else until
    return sorted((d for d in days if d.day < end), key=lambda d: (d.day, d.kind))
