"""The care part of a demo story: decisions, interventions, placement follow-up, evaluation."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from skyddsnat import clock
from skyddsnat.demo import texts
from skyddsnat.demo.context import Context
from skyddsnat.demo.families import Member
from skyddsnat.demo.timeline import Story, at, office_time, working_day
from skyddsnat.intake import services as intake
from skyddsnat.intake.models import Case
from skyddsnat.interventions import services as care
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS, PLACEMENT_KINDS
from skyddsnat.interventions.models import Intervention
from skyddsnat.rules import add_months

if TYPE_CHECKING:
    from skyddsnat.demo.reports import ReportSpec, Script

OPEN_CARE = {
    "young": {"contact_family": 20, "family_treatment": 35, "parenting_support": 35, "other_open_care": 10},
    "child": {"contact_person": 20, "contact_family": 20, "family_treatment": 30, "parenting_support": 15,
              "structured_programme": 10, "other_open_care": 5},
    "teen": {"contact_person": 20, "qualified_contact_person": 15, "family_treatment": 25,
             "structured_programme": 25, "other_open_care": 15},
}  # fmt: skip
PLACEMENTS = {"foster_home": 35, "kinship_foster_home": 20, "emergency_foster_home": 10,
              "residential_care_home": 25, "supported_housing": 10}  # fmt: skip
PLANNED_MONTHS = {"emergency_foster_home": 3, "secure_youth_home": 6, "residential_care_home": 9,
                  "supported_housing": 9}  # fmt: skip


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
        plan.end, plan.end_reason = start + timedelta(days=rng.randint(300, 900)), "completed_as_planned"
    eighteen = member.eighteen()
    if eighteen > start and (plan.end is None or plan.end > eighteen):
        plan.end, plan.end_reason = eighteen, "turned_18"
    if plan.end is not None:
        plan.end = max(plan.end, start + timedelta(days=1))


def draw_plans(closed: date, member: Member, spec: ReportSpec, outcome: str, rng: random.Random,
               emergency: Intervention | None) -> list[Plan]:  # fmt: skip
    """Draw the interventions that follow an investigation closed on ``closed``."""
    script = spec.script
    age = member.age_on(closed)
    plans = []
    if outcome == "lvu_application":
        decided = working_day(closed + timedelta(days=rng.randint(14, 40)))  # the court's judgment
        lvu3 = age >= 13 and rng.random() < 0.4
        kind = pick_weighted({"secure_youth_home": 40, "residential_care_home": 60} if lvu3 else
                     {"foster_home": 55, "kinship_foster_home": 20, "residential_care_home": 25}, rng)  # fmt: skip
        plans.append(Plan(kind, "lvu_3" if lvu3 else "lvu_2", decided, decided, None, committee=True))
    else:
        decided = working_day(closed + timedelta(days=rng.randint(0, 7)))
        placement = emergency is not None or rng.random() < 0.15
        kind = script.kind or intervention_kind(age, rng, placement)
        lul = "child_criminality" in spec.reasons and age >= 15 and not placement and rng.random() < 0.3
        start = decided + timedelta(days=rng.randint(0, 14 if placement else 21))
        plans.append(Plan(kind, "lul" if lul else "sol_voluntary", decided, start, None,
                          committee=placement and rng.random() < 0.3))  # fmt: skip
        if not placement and rng.random() < 0.25:
            second = intervention_kind(age, rng, False)
            if second != kind:
                plans.append(Plan(second, "sol_voluntary", decided, start + timedelta(days=rng.randint(0, 30)), None))
    for plan in plans:
        months = PLANNED_MONTHS.get(plan.kind) or (None if plan.kind in FOSTER_HOME_KINDS else rng.choice((6, 9, 12)))
        if plan.kind in FOSTER_HOME_KINDS and rng.random() < 0.5:
            months = rng.choice((12, 18, 24))
        plan.planned_end = add_months(plan.start, months) if months else None
        plan_ending(plan, member, rng, script)
    if emergency is not None:
        first = plans[0].start
        plans.insert(0, Plan(emergency.kind, emergency.basis, emergency.start_on, emergency.start_on, None,
                             end=max(first, emergency.start_on), end_reason="other", existing=emergency))  # fmt: skip
    return plans


def chain_days(start: date, end: date, gaps: Callable[[], int], fixed: tuple[int, ...] | None) -> list[date]:
    days, day = [], start
    for gap in fixed if fixed is not None else iter(gaps, None):
        day = day + timedelta(days=gap)
        if day >= end:
            break
        days.append(day)
    return days


def care_story(ctx: Context, case: Case, member: Member, spec: ReportSpec, outcome: str,
               rng: random.Random, emergency: Intervention | None) -> Story:  # fmt: skip
    """Decide the interventions, follow them up, end and evaluate them, close the case."""
    plans = draw_plans(clock.today(), member, spec, outcome, rng, emergency)
    steps: list[tuple[datetime, int, Callable[[], None]]] = []
    horizon = ctx.today + timedelta(days=1)

    def add(day: date, order: int, action: Callable[[], None]) -> None:
        steps.append((office_time(day, rng, 8, 15) if order else at(working_day(day), 8, 5), order, action))

    def who() -> object:
        return ctx.actor(case, rng)

    for plan in plans:
        if plan.existing is None:
            add(plan.decided_on, 0, lambda p=plan: _decide(ctx, case, p, rng))
        else:
            plan.row.append(plan.existing)
        end = plan.end or horizon
        if plan.placement:
            visit_gap = lambda: rng.randint(40, 88) if rng.random() < 0.85 else rng.randint(95, 140)  # noqa: E731
            review_gap = lambda: rng.randint(150, 178) if rng.random() < 0.88 else rng.randint(190, 240)  # noqa: E731
            for day in chain_days(plan.start, end, visit_gap, spec.script.visit_gaps):
                add(day, 1, lambda p=plan: care.record_visit(
                    acting_user=ctx.caseworker(rng, "foster_care") if rng.random() < 0.6 else who(),
                    intervention=p.row[0], visited_on=clock.today(), child_talked_alone=rng.random() < 0.8,
                ))  # fmt: skip
            for day in chain_days(plan.start, end, review_gap, None):
                add(day, 2, lambda p=plan: care.record_review(
                    acting_user=who(), intervention=p.row[0], held_on=clock.today(),
                    outcome=rng.choices(("continue", "change", "end"), (85, 10, 5))[0],
                ))  # fmt: skip
            if plan.kind in FOSTER_HOME_KINDS:
                for day in chain_days(plan.start, end, lambda: 365, (730 - rng.randint(0, 40), 365, 365)):
                    if rng.random() < 0.85:
                        add(day, 3, lambda p=plan: care.record_custody_consideration(
                            acting_user=who(), intervention=p.row[0], considered_on=clock.today(),
                            transfer_proposed=rng.random() < 0.2,
                        ))  # fmt: skip
        if plan.end is None:
            continue
        add(plan.end, 4, lambda p=plan: care.end_intervention(
            acting_user=who(), intervention=p.row[0], ended_on=clock.today(), end_reason=p.end_reason,
        ))  # fmt: skip
        evaluate = spec.script.evaluate if spec.script.evaluate is not None else rng.random() < 0.82
        if evaluate:
            after = rng.randint(10, 85) if rng.random() < 0.8 else rng.randint(95, 150)
            add(plan.end + timedelta(days=after), 5, lambda p=plan: _evaluate(ctx, case, p, rng))
    last = max(step[0] for step in steps) if steps else clock.now()
    for moment, _, action in sorted(steps, key=lambda s: (s[0].date(), s[1], s[0])):
        yield moment
        action()
    if all(p.end is not None for p in plans):
        yield office_time(last.date() + timedelta(days=rng.randint(1, 14)), rng)
        intake.close_case(acting_user=who(), case=case)
        ctx.tally["cases_closed_after_care"] += 1


def _decide(ctx: Context, case: Case, plan: Plan, rng: random.Random) -> None:
    placement = plan.placement
    exam = placement and rng.random() < 0.65
    plan.row.append(care.decide_intervention(
        acting_user=ctx.actor(case, rng),
        case=case,
        data=care.InterventionInput(
            decided_on=clock.today(), basis=plan.basis, kind=plan.kind, start=plan.start,
            decided_by="committee" if plan.committee else "delegate", planned_end=plan.planned_end,
            goals=rng.choice(texts.GOALS), health_exam_before=exam if placement else None,
            health_exam_on=plan.start - timedelta(days=rng.randint(2, 40)) if exam else None,
            school_arranged=(rng.random() < 0.85) if placement else None,
            foster_home_reference=f"FH-{rng.randint(100, 999)}" if plan.kind in FOSTER_HOME_KINDS else "",
        ),
    ))  # fmt: skip
    ctx.tally["placements" if placement else "open_care"] += 1


def _evaluate(ctx: Context, case: Case, plan: Plan, rng: random.Random) -> None:
    documented = rng.random() < 0.75
    care.record_evaluation(
        acting_user=ctx.actor(case, rng),
        intervention=plan.row[0],
        data=care.EvaluationInput(
            evaluated_on=clock.today(),
            goals_met=rng.choices(("yes", "partly", "no"), (15, 45, 40) if plan.end_reason == "breakdown" else (50, 38, 12))[0],
            child_view=rng.choice(texts.EVALUATION_CHILD_VIEWS) if documented else "",
            child_view_not_documented_reason="" if documented else rng.choice(texts.EVALUATION_VIEW_MISSING),
            guardian_view=rng.choice(texts.GUARDIAN_VIEWS) if rng.random() < 0.7 else "",
            method=rng.choice(texts.EVALUATION_METHODS),
        ),
    )
    ctx.tally["evaluations"] += 1
