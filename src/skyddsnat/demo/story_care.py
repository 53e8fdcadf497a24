"""The care part of a demo story: decisions, interventions, placement follow-up, evaluation."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from skyddsnat import clock
from skyddsnat.cases.models import Case
from skyddsnat.demo import texts
from skyddsnat.demo.care_plans import (
    Plan,
    PlanDay,
    chain_days,
    draw_plans,
    plan_days,
    review_gap,
    visit_gap,
)
from skyddsnat.demo.context import Context
from skyddsnat.demo.families import Member
from skyddsnat.demo.timeline import Story, at, office_time, working_day
from skyddsnat.intake import services as intake
from skyddsnat.interventions import care as youth
from skyddsnat.interventions import lvu
from skyddsnat.interventions import protected_housing as housing
from skyddsnat.interventions import services as care
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS
from skyddsnat.interventions.models import Intervention
from skyddsnat.plans import services as plans_service

if TYPE_CHECKING:
    from skyddsnat.accounts.models import User
    from skyddsnat.demo.reports import ReportSpec


def care_story(
    ctx: Context,
    case: Case,
    member: Member,
    spec: ReportSpec,
    outcome: str,
    rng: random.Random,
    emergency: Intervention | None,
) -> Story:
    """Decide the interventions, follow them up, end and evaluate them, close the case."""
    plans = draw_plans(clock.today(), member, spec, outcome, rng, emergency)
    steps: list[tuple[datetime, int, Callable[[], None]]] = []
    horizon = ctx.today + timedelta(days=1)

    def add(day: date, order: int, action: Callable[[], None]) -> None:
        steps.append(
            (office_time(day, rng, 8, 15) if order else at(working_day(day), 8, 5), order, action)
        )

    def who() -> User:
        return ctx.actor(case, rng)

    for plan in plans:
        end = plan.end or horizon
        if plan.existing is None:
            if plan.basis in ("lvu_2", "lvu_3"):
                _lvu_court_path(ctx, case, plan, end, add, who, rng)
            add(
                plan.decided_on,
                0,
                lambda p=plan: _decide(ctx, case, p, rng, spec.script.without_consent),
            )
        else:
            plan.row.append(plan.existing)
        for pd in plan_days(plan, end, rng):
            add(pd.day, 1, lambda p=plan, d=pd: _plan(ctx, case, p, d, rng))
        if plan.placement:
            for day in chain_days(plan.start, end, lambda: visit_gap(rng), spec.script.visit_gaps):
                add(
                    day,
                    1,
                    lambda p=plan: care.record_visit(
                        # the responsible caseworker visits: the foster-care unit's staff have no
                        # rights on the case (accounts.policy)
                        acting_user=who(),
                        intervention_id=p.row[0].pk,
                        visited_on=clock.today(),
                        child_talked_alone=rng.random() < 0.8,
                        # chosen by the day, not drawn: the demo's other figures stay the same
                        note=texts.VISIT_NOTES[clock.today().toordinal() % len(texts.VISIT_NOTES)],
                    ),
                )
            for day in chain_days(plan.start, end, lambda: review_gap(rng)):
                add(
                    day,
                    2,
                    lambda p=plan: care.record_review(
                        acting_user=who(),
                        intervention_id=p.row[0].pk,
                        held_on=clock.today(),
                        outcome=rng.choices(("continue", "change", "end"), (85, 10, 5))[0],
                    ),
                )
            if plan.kind in FOSTER_HOME_KINDS:
                for day in chain_days(
                    plan.start, end, lambda: 365, (730 - rng.randint(0, 40), 365, 365)
                ):
                    if rng.random() < 0.85:
                        add(
                            day,
                            3,
                            lambda p=plan: care.record_custody_consideration(
                                acting_user=who(),
                                intervention_id=p.row[0].pk,
                                considered_on=clock.today(),
                                transfer_proposed=rng.random() < 0.2,
                            ),
                        )
        if plan.kind == "emergency_foster_home" and (end - plan.start).days > 75:
            add(plan.start + timedelta(days=60), 3, lambda p=plan: _extend_jourhem(case, p, who))
        if plan.end is None:
            continue
        add(
            plan.end,
            4,
            lambda p=plan: care.end_intervention(
                acting_user=who(),
                intervention_id=p.row[0].pk,
                ended_on=clock.today(),
                end_reason=p.end_reason,
            ),
        )
        evaluate = spec.script.evaluate if spec.script.evaluate is not None else rng.random() < 0.82
        if evaluate:
            after = rng.randint(10, 85) if rng.random() < 0.8 else rng.randint(95, 150)
            add(plan.end + timedelta(days=after), 5, lambda p=plan: _evaluate(ctx, case, p, rng))
    if spec.script.without_consent:
        for plan in plans:
            if plan.kind == "protected_housing":
                _protected_housing_without_consent(case, plan, horizon, add, who)
    if plans and member.age_on(plans[0].decided_on) >= 15:
        _youth_offending(case, plans[0].decided_on, horizon, add, who)
    last = max(step[0] for step in steps) if steps else clock.now()
    for moment, _, action in sorted(steps, key=lambda s: (s[0].date(), s[1], s[0])):
        yield moment
        action()
    if all(p.end is not None for p in plans):
        yield office_time(last.date() + timedelta(days=rng.randint(1, 14)), rng)
        intake.close_case(acting_user=who(), case_id=case.pk)
        ctx.tally["cases_closed_after_care"] += 1


def _protected_housing_without_consent(
    case: Case,
    plan: Plan,
    horizon: date,
    add: Callable[[date, int, Callable[[], None]], None],
    who: Callable[[], User],
) -> None:
    """The child went with the mother to protected housing without the father's consent: the
    committee's immediate decision (4 kap. 1 § lag 2024:79) on the placement's day, submitted to
    the court and confirmed, the application under 3 kap. within six weeks of the placement's
    start, and the considerations every six months (5 kap. 3 §); the father threatened to take
    the child abroad, so a temporary travel ban (LVU 31 d §) was submitted, confirmed and the
    travel ban applied for (31 e–31 f §§). Each step only if its day has come."""
    order: list[int] = []
    ban: list[int] = []
    decided = plan.decided_on

    def record() -> None:
        father = next(
            r.guardian_id for r in housing.custodial_guardians(case) if r.guardian.sex == "boy"
        )
        order.append(
            housing.record_protected_housing_order(
                acting_user=who(),
                case_id=case.pk,
                non_consenting_guardian_id=father,
                immediate_decided_on=decided,
                intervention_id=plan.row[0].pk,
                note=texts.PROTECTED_HOUSING_NOTE,
            ).pk
        )

    def court(**days: date) -> Callable[[], None]:
        return lambda: housing.record_protected_housing_court_steps(
            acting_user=who(), order_id=order[0], **days
        )

    def consider() -> None:
        housing.consider_protected_housing(
            acting_user=who(), order_id=order[0], held_on=clock.today(), continues=True
        )

    def travel_ban() -> None:
        ban.append(
            lvu.decide_lvu_measure(
                acting_user=who(),
                case_id=case.pk,
                kind="temporary_travel_ban",
                decided_on=clock.today(),
                note=texts.TRAVEL_BAN_NOTE,
            ).pk
        )

    def ban_court(**days: date) -> Callable[[], None]:
        return lambda: lvu.record_temporary_ban_court_steps(
            acting_user=who(), measure_id=ban[0], **days
        )

    submitted = working_day(decided + timedelta(days=2))
    confirmed = working_day(decided + timedelta(days=6))
    applied = working_day(plan.start + timedelta(days=33))
    ban_on = working_day(decided + timedelta(days=9))
    ban_submitted = working_day(ban_on + timedelta(days=3))
    ban_confirmed = working_day(ban_on + timedelta(days=7))
    steps = [
        (decided, record),
        *([(plan.start, court(placement_started_on=plan.start))] if plan.start > decided else []),
        (submitted, court(court_submitted_on=submitted)),
        (confirmed, court(confirmed_on=confirmed)),
        (applied, court(applied_on=applied)),
        (plan.start + timedelta(days=90), consider),
        (ban_on, travel_ban),
        (ban_submitted, ban_court(court_submitted_on=ban_submitted)),
        (ban_confirmed, ban_court(confirmed_on=ban_confirmed)),
    ]
    for day, action in steps:
        if day < horizon and day <= clock.today() + timedelta(days=400):
            add(day, 3, action)


def _extend_jourhem(case: Case, plan: Plan, who: Callable[[], User]) -> None:
    """Let the child stay longer in the jourhem for special reasons (22 kap. 4 § SoL), when the
    investigation has closed and the stay goes on."""
    investigation = getattr(case, "investigation", None)
    closed = getattr(investigation, "closed_on", None)
    intervention = plan.row[0]
    intervention.refresh_from_db(fields=["ended_on"])
    if closed is None or closed > clock.today() or intervention.ended_on is not None:
        return
    youth.extend_jourhem_stay(
        acting_user=who(),
        intervention_id=intervention.pk,
        decided_on=clock.today(),
        extended_to=(plan.end or clock.today() + timedelta(days=60)) + timedelta(days=7),
        reasons=texts.JOURHEM_REASONS,
    )


def _youth_offending(
    case: Case,
    decided: date,
    horizon: date,
    add: Callable[[date, int, Callable[[], None]], None],
    who: Callable[[], User],
) -> None:
    """A young person over 15: the prosecutor asks for a statement (11 § LUL) before the
    decision, it is sent within the prosecutor's three weeks, and a judgment of youth
    community service (18 kap. 8 § SoL) becomes final a month later and starts within two
    months, each step only if its day has come."""
    statement: list[int] = []
    service: list[int] = []
    requested = max(decided - timedelta(days=14), case.report.received_at.date())

    def request() -> None:
        statement.append(
            youth.register_lul_request(
                acting_user=who(),
                case_id=case.pk,
                requested_on=clock.today(),
                due_on=clock.today() + timedelta(days=21),
                prosecutor_reference="AM-DEMO",
            ).pk
        )

    def submit() -> None:
        youth.submit_lul_statement(
            acting_user=who(),
            statement_id=statement[0],
            submitted_on=clock.today(),
            planned_measures=texts.LUL_MEASURES,
        )

    def sentence() -> None:
        service.append(
            youth.register_youth_service(
                acting_user=who(), case_id=case.pk, final_on=clock.today(), hours=40
            ).pk
        )

    def start() -> None:
        youth.start_youth_service(
            acting_user=who(),
            service_id=service[0],
            started_on=clock.today(),
            supervisor="Handledare på fritidsförvaltningen",
            work_plan=texts.YOUTH_SERVICE_PLAN,
        )

    steps = (
        (requested, request),
        (requested + timedelta(days=15), submit),
        (decided + timedelta(days=30), sentence),
        (decided + timedelta(days=70), start),
    )
    for day, action in steps:
        if working_day(day) < horizon:
            add(day, 3, action)


def _lvu_court_path(
    ctx: Context,
    case: Case,
    plan: Plan,
    end: date,
    add: Callable[[date, int, Callable[[], None]], None],
    who: Callable[[], User],
    rng: random.Random,
) -> None:
    """Apply to the court for care under LVU, record its judgment the day care is decided, the
    day it became final and care started (LVU 4–5 §§), and a contact restriction (14 §) with
    its considerations about every three months."""
    court: list[int] = []
    decided = plan.decided_on

    def apply() -> None:
        court.append(
            lvu.apply_for_lvu_care(
                acting_user=who(), case_id=case.pk, applied_on=clock.today(), basis=plan.basis
            ).pk
        )

    def judgment(final: bool) -> None:
        lvu.record_lvu_judgment(
            acting_user=who(),
            court_case_id=court[0],
            judgment_on=decided,
            granted=True,
            final_on=clock.today() if final else None,
        )

    applied = working_day(decided - timedelta(days=rng.randint(12, 20)))
    add(max(applied, case.report.received_at.date()), 0, apply)
    add(decided, 0, lambda: judgment(False))
    final = working_day(decided + timedelta(days=21))
    if final < end:
        add(final, 3, lambda: judgment(True))
        add(
            final,
            4,
            lambda: lvu.record_lvu_care_started(
                acting_user=who(), court_case_id=court[0], started_on=plan.start
            ),
        )
    restricted = decided + timedelta(days=7)
    if restricted >= end or rng.random() < 0.4:
        return
    measure: list[int] = []
    add(
        restricted,
        3,
        lambda: measure.append(
            lvu.decide_lvu_measure(
                acting_user=who(),
                case_id=case.pk,
                kind="contact_restriction",
                decided_on=clock.today(),
                note="Umgänge med vårdnadshavare sker under ledning av socialtjänsten.",
            ).pk
        ),
    )
    for day in chain_days(restricted, end, lambda: rng.randint(70, 95)):
        add(
            day,
            3,
            lambda: lvu.review_lvu_measure(
                acting_user=who(),
                measure_id=measure[0],
                held_on=clock.today(),
                still_needed=True,
            ),
        )
    ctx.tally["lvu_measures"] += 1


def _decide(
    ctx: Context, case: Case, plan: Plan, rng: random.Random, without_consent: bool = False
) -> None:
    placement = plan.placement
    # Protected housing without the father's consent rests on lag (2024:79).
    refused = without_consent and plan.kind == "protected_housing"
    exam = placement and rng.random() < 0.65
    plan.row.append(
        care.decide_intervention(
            acting_user=ctx.actor(case, rng),
            case_id=case.pk,
            data=care.InterventionInput(
                decided_on=clock.today(),
                basis=plan.basis,
                kind=plan.kind,
                start=plan.start,
                decided_by="committee" if plan.committee else "delegate",
                planned_end=plan.planned_end,
                goals=rng.choice(texts.GOALS),
                health_exam_before=exam if placement else None,
                health_exam_on=plan.start - timedelta(days=rng.randint(2, 40)) if exam else None,
                school_arranged=(rng.random() < 0.85) if placement else None,
                foster_home_reference=f"FH-{rng.randint(100, 999)}"
                if plan.kind in FOSTER_HOME_KINDS
                else "",
                guardian_consent="refused" if refused else "",
                child_consent="under_15" if refused else "",
            ),
        )
    )
    ctx.tally["placements" if placement else "open_care"] += 1


def _plan(ctx: Context, case: Case, plan: Plan, day: PlanDay, rng: random.Random) -> None:
    """Write and sign a version of the placement's care plan or implementation plan today."""
    row = plan.row[0]
    today = clock.today()
    if row.decision.decided_on > today:
        return
    areas = rng.sample(sorted(texts.PLAN_GOALS), k=rng.randint(2, 4))
    who = ctx.actor(case, rng)
    data = plans_service.PlanInput(
        drawn_up_on=today,
        review_on=today + timedelta(days=rng.choice((90, 120, 180))),
        goals={area: rng.choice(texts.PLAN_GOALS[area]) for area in areas},
        child_view=rng.choice(texts.PLAN_CHILD_VIEWS),
        responsibilities=rng.choice(texts.PLAN_RESPONSIBILITIES),
        long_term_housing=rng.choice(texts.PLAN_LONG_TERM_HOUSING)
        if day.kind == "care_plan" and day.number > 1
        else "",
        # by the day, not drawn: the demo's other figures stay the same
        child_participated=today.toordinal() % 5 != 0,
    )
    plans_service.save_plan(acting_user=who, intervention_id=row.pk, kind=day.kind, data=data)
    plans_service.sign_plan(acting_user=who, intervention_id=row.pk, kind=day.kind)
    ctx.tally[f"{day.kind}s"] += 1


def _evaluate(ctx: Context, case: Case, plan: Plan, rng: random.Random) -> None:
    documented = rng.random() < 0.75
    care.record_evaluation(
        acting_user=ctx.actor(case, rng),
        intervention_id=plan.row[0].pk,
        data=care.EvaluationInput(
            evaluated_on=clock.today(),
            goals_met=rng.choices(
                ("yes", "partly", "no"),
                (15, 45, 40) if plan.end_reason == "breakdown" else (50, 38, 12),
            )[0],
            child_view=rng.choice(texts.EVALUATION_CHILD_VIEWS) if documented else "",
            child_view_not_documented_reason=""
            if documented
            else rng.choice(texts.EVALUATION_VIEW_MISSING),
            guardian_view=rng.choice(texts.GUARDIAN_VIEWS) if rng.random() < 0.7 else "",
            method=rng.choice(texts.EVALUATION_METHODS),
        ),
    )
    ctx.tally["evaluations"] += 1
