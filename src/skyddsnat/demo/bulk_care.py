"""The scale dataset's investigation and care rows for one case (see ``bulk_chain``)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from skyddsnat.demo import texts
from skyddsnat.demo.bulk_base import CaseDraft
from skyddsnat.demo.bulk_chain import Builder
from skyddsnat.demo.care_plans import (
    Plan,
    chain_days,
    draw_plans,
    plan_days,
    review_gap,
    visit_gap,
)
from skyddsnat.demo.story_investigation import draw_duration, investigation_outcome
from skyddsnat.demo.timeline import at, working_day
from skyddsnat.followups.models import FollowUp, FollowUpEnd
from skyddsnat.followups.services import last_day
from skyddsnat.interventions import models as cm
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS
from skyddsnat.investigations import bbic
from skyddsnat.investigations import models as vm
from skyddsnat.plans.models import Plan as PlanRow
from skyddsnat.rules import add_months

AREAS = bbic.area_codes()
DELAYS = (
    "high_workload",
    "family_not_cooperating",
    "more_urgent_cases",
    "waiting_for_others",
    "other",
)
INVESTIGATORS = vm.Investigation.investigators.through


def draw_case(b: Builder, d: CaseDraft) -> None:
    """Draw one case from the protective assessment to where it stands today, and add it."""
    opened = b.intake(d)
    if opened is not None:
        decided, emergency = opened
        running = emergency_placement(b, d, decided) if emergency else None
        closed, outcome = investigation(b, d, decided, running is not None)
        if closed is not None:
            if outcome in ("intervention", "lvu_application"):
                care(b, d, closed, outcome, running)
            else:
                d.phase, d.closed_at = "closed", at(closed, 16, 30)
                if outcome == "no_intervention" and b.rng.random() < 0.2:
                    situation_follow_up(b, d, closed)
                elif outcome == "no_intervention" and b.rng.random() < 0.35:
                    b.followup(d, closed + timedelta(days=b.rng.randint(25, 90)))
    b.close(d)


def situation_follow_up(b: Builder, d: CaseDraft, closed: date) -> None:
    """Follow up the child's situation after the investigation (SoL 2025:400 23 kap.), and end
    it before its last day if that has come; the case is in ``follow_up`` until then."""
    decided = closed + timedelta(days=b.rng.randint(1, 10))
    last = last_day(closed)
    if not b.happened(decided) or last is None or decided >= last:
        return
    planned = min(last, decided + timedelta(days=b.rng.randint(60, 150)))
    who = d.responsible.pk
    row = FollowUp(
        id=b.ids(FollowUp),
        case_id=d.id,
        basis="after_investigation",
        started_from=closed,
        decided_on=decided,
        decided_by_id=who,
        consent="consented",
        purpose=b.rng.choice(texts.FOLLOW_UP_PURPOSES),
        planned_end_on=planned,
        guardians_informed_on=decided,
        signed_at=at(decided, 14),
        signed_by_id=who,
    )
    b.add(row)
    b.event(d.id, at(decided, 14), "follow_up.decided", d.responsible)
    ended = planned - timedelta(days=b.rng.randint(0, 20))
    if b.happened(ended):
        b.add(
            FollowUpEnd(
                id=b.ids(FollowUpEnd),
                follow_up_id=row.id,
                ended_on=ended,
                outcome="no_further_action",
                recorded_by_id=who,
                guardians_informed_on=ended,
                signed_at=at(ended, 15),
                signed_by_id=who,
            )
        )
        b.event(d.id, at(ended, 15), "follow_up.ended", d.responsible)
        d.phase, d.closed_at = "closed", at(ended, 15, 30)
    else:
        d.phase, d.closed_at = "follow_up", None


def emergency_placement(b: Builder, d: CaseDraft, day: date) -> cm.Intervention:
    decision = cm.Decision(
        id=b.ids(cm.Decision),
        case_id=d.id,
        decided_on=day,
        decided_by="delegate",
        decision_maker_id=d.responsible.pk,
        basis="lvu_6_emergency",
        kind="emergency_foster_home",
        text="Omedelbart omhändertagande enligt 6 § LVU.",
        signed_at=at(day, 23),
        signed_by_id=d.responsible.pk,
    )
    intervention = cm.Intervention(
        id=b.ids(cm.Intervention),
        case_id=d.id,
        decision_id=decision.pk,
        kind=decision.kind,
        basis=decision.basis,
        start_on=day,
        health_exam_before=False,
        school_arranged=b.rng.random() < 0.5,
    )
    b.add(decision)
    b.add(intervention)
    return intervention


def investigation(
    b: Builder, d: CaseDraft, opened: date, emergency: bool
) -> tuple[date | None, str]:
    """Add the investigation and its parts; return (closed on, outcome), or (None, "") if open."""
    rng, who = b.rng, d.responsible.pk
    days, extended = draw_duration(opened, rng, None, emergency)
    close_day = working_day(opened + timedelta(days=days))
    closed = close_day if b.happened(close_day) else None
    limit = min(close_day, b.today)
    pk = b.ids(vm.Investigation)
    b.add(INVESTIGATORS(investigation_id=pk, user_id=who))
    for area in rng.sample(AREAS, rng.randint(2, 6)):
        rating = rng.choices(("strength", "concern", "not_investigated"), (45, 45, 10))[0]
        b.add(
            vm.TriangleAssessment(
                investigation_id=pk,
                area=area,
                text=texts.TRIANGLE[rating],
                rating=rating,
                sources=["vårdnadshavare"],
                updated_by_id=who,
            )
        )
    talks = rng.choices((0, 1, 2, 3), (10, 45, 35, 10))[0] if d.member.age_on(opened) >= 3 else 0
    for _ in range(talks):
        held, alone = opened + timedelta(days=rng.randint(5, max(6, days - 3))), rng.random() < 0.78
        if held < limit:
            b.add(
                vm.ChildConversation(
                    investigation_id=pk,
                    held_on=held,
                    alone=alone,
                    present="" if alone else "Mamma",
                    child_view=rng.choice(texts.CHILD_VIEWS),
                    recorded_by_id=who,
                    signed_at=at(held, 15),
                    signed_by_id=who,
                )
            )
    waited = False
    for actor in rng.sample(
        ("school", "health_care", "child_psychiatry", "police", "other"),
        rng.choices((0, 1, 2, 3), (20, 40, 30, 10))[0],
    ):
        sent = opened + timedelta(days=rng.randint(2, 25))
        answered = sent + timedelta(
            days=rng.randint(60, 130) if rng.random() < 0.2 else rng.randint(7, 35)
        )
        if sent < limit:
            answered_on = answered if answered < limit else None
            waited = waited or (answered_on is not None and (answered - sent).days > 60)
            b.add(
                vm.ExternalRequest(
                    investigation_id=pk,
                    actor=actor,
                    sent_on=sent,
                    answered_on=answered_on,
                    note="Begäran om uppgifter",
                    recorded_by_id=who,
                )
            )
    due = add_months(opened, 4)
    if extended:
        decided = working_day(due - timedelta(days=rng.randint(7, 25)))
        if decided < limit:
            due = add_months(due, rng.choice((1, 2)))
            b.add(
                vm.Extension(
                    investigation_id=pk,
                    decided_on=decided,
                    decided_by=rng.choice(("committee", "delegate")),
                    reason=rng.choice(texts.EXTENSION_REASONS),
                    new_due_date=due,
                    recorded_by_id=who,
                    signed_at=at(decided, 14),
                    signed_by_id=who,
                )
            )
    communicated = max(opened, close_day - timedelta(days=rng.randint(4, 14)))
    communicated_on = communicated if communicated < limit and rng.random() < 0.88 else None
    if communicated_on:
        b.add(
            vm.Communication(
                investigation_id=pk,
                communicated_on=communicated_on,
                party="Vårdnadshavarna",
                recorded_by_id=who,
            )
        )
    opening_information(b, d, pk, opened, limit)
    row = vm.Investigation(
        id=pk,
        case_id=d.id,
        opened_on=opened,
        plan_questions=texts.PLAN_QUESTIONS,
        plan_contacts=texts.PLAN_CONTACTS,
        plan_child_participation=texts.PLAN_PARTICIPATION,
        communicated_on=communicated_on,
    )
    b.add(row)
    b.ongoing[d.child_id] = (d.id, opened, closed)
    if closed is None:
        return None, ""
    outcome = investigation_outcome(d.spec, rng, emergency)
    documented = rng.random() < (0.95 if talks else 0.45)
    row.closed_on, row.closed_by_id, row.outcome = closed, who, outcome
    row.analysis = texts.ANALYSIS[
        0 if outcome in ("intervention", "lvu_application") else rng.randint(1, 2)
    ]
    row.support_person_offered, row.child_view_documented = rng.random() < 0.25, documented
    row.child_view_not_documented_reason = (
        "" if documented else rng.choice(texts.CHILD_VIEW_MISSING)
    )
    row.signed_at, row.signed_by_id = at(closed, 16), who
    if closed > due:
        reasons = (["waiting_for_others"] if waited else []) + rng.sample(
            DELAYS, rng.choices((1, 2), (75, 25))[0]
        )
        for reason in dict.fromkeys(reasons):
            b.add(vm.DelayReasonEntry(investigation_id=pk, reason=reason))
        row.delay_other_text = texts.DELAY_OTHER if "other" in reasons else ""
    b.event(d.id, row.signed_at, "investigation.closed", d.responsible)
    return closed, outcome


def opening_information(b: Builder, d: CaseDraft, pk: int, opened: date, limit: date) -> None:
    """Tell the guardians and the child that the investigation opened (20 kap. 4 § SoL
    2025:400), as the story does (``story_investigation._opening_information``): mostly the
    same day, a little child not (special reasons), a few not recorded yet. Its own random
    stream, so that the rest of the dataset is what it was."""
    m = d.member
    rng = random.Random(f"{m.first_name} {m.last_name} {m.birth_date} {opened}")
    if rng.random() < 0.06:
        return
    day = working_day(opened + timedelta(days=rng.randint(1, 4) if rng.random() < 0.12 else 0))
    if day > limit or not b.happened(day):
        return
    who = d.responsible.pk
    withheld = ""
    if m.age_on(opened) < 4:
        withheld = texts.OPENING_INFORMATION_WITHHELD[0]
    elif rng.random() < 0.05:
        withheld = texts.OPENING_INFORMATION_WITHHELD[1]
    for recipient, method in (
        ("guardians", rng.choice(texts.OPENING_INFORMATION_METHODS)),
        ("child", "" if withheld else rng.choice(texts.OPENING_INFORMATION_CHILD_METHODS)),
    ):
        b.add(
            vm.OpeningInformation(
                investigation_id=pk,
                recipient=recipient,
                informed_on=day,
                method=method,
                withheld_reason="" if recipient == "guardians" else withheld,
                recorded_by_id=who,
                signed_at=at(day, 11),
                signed_by_id=who,
            )
        )


def care(
    b: Builder, d: CaseDraft, closed: date, outcome: str, running: cm.Intervention | None
) -> None:
    """Add the decisions, interventions, follow-up and evaluations; set the case's phase today."""
    rng, who = b.rng, d.responsible.pk
    plans = draw_plans(closed, d.member, d.spec, outcome, rng, running)
    last, all_ended = closed, True
    for plan in plans:
        if plan.existing is None and not b.happened(plan.decided_on):
            all_ended = False
            continue
        row = plan.existing or decide(b, d, plan)
        ended = plan.end if plan.end is not None and b.happened(plan.end) else None
        if ended is not None:
            row.ended_on, row.end_reason = ended, plan.end_reason
            b.event(d.id, at(ended, 9), "intervention.ended", d.responsible)
        else:
            all_ended = False
        if plan.placement:
            follow_up(b, d, plan, row, ended or b.today)
            signed_plans(b, d, plan, row, ended or b.today)
        if ended is not None and rng.random() < 0.82:
            day = ended + timedelta(
                days=rng.randint(10, 85) if rng.random() < 0.8 else rng.randint(95, 150)
            )
            if b.happened(day):
                documented = rng.random() < 0.75
                goals = (15, 45, 40) if plan.end_reason == "breakdown" else (50, 38, 12)
                b.add(
                    cm.Evaluation(
                        intervention_id=row.pk,
                        evaluated_on=day,
                        goals_met=rng.choices(("yes", "partly", "no"), goals)[0],
                        child_view=rng.choice(texts.EVALUATION_CHILD_VIEWS) if documented else "",
                        child_view_not_documented_reason=""
                        if documented
                        else rng.choice(texts.EVALUATION_VIEW_MISSING),
                        guardian_view=rng.choice(texts.GUARDIAN_VIEWS),
                        method=rng.choice(texts.EVALUATION_METHODS),
                        recorded_by_id=who,
                        signed_at=at(day, 14),
                        signed_by_id=who,
                    )
                )
                last = max(last, day)
        last = max(last, ended or last)
    close_day = last + timedelta(days=rng.randint(1, 14))
    if all_ended and b.happened(close_day):
        d.phase, d.closed_at = "closed", at(close_day, 15)
        b.event(d.id, d.closed_at, "case.closed", d.responsible)
    else:
        d.phase = "intervention"


def decide(b: Builder, d: CaseDraft, plan: Plan) -> cm.Intervention:
    rng, who = b.rng, d.responsible.pk
    exam = plan.placement and rng.random() < 0.65
    decision = cm.Decision(
        id=b.ids(cm.Decision),
        case_id=d.id,
        decided_on=plan.decided_on,
        decided_by="committee" if plan.committee else "delegate",
        decision_maker_id=who,
        basis=plan.basis,
        kind=plan.kind,
        signed_at=at(plan.decided_on, 11),
        signed_by_id=who,
    )
    row = cm.Intervention(
        id=b.ids(cm.Intervention),
        case_id=d.id,
        decision_id=decision.pk,
        kind=plan.kind,
        basis=plan.basis,
        start_on=plan.start,
        planned_end_on=plan.planned_end,
        goals=rng.choice(texts.GOALS),
        health_exam_before=exam if plan.placement else None,
        health_exam_on=plan.start - timedelta(days=rng.randint(2, 40)) if exam else None,
        school_arranged=(rng.random() < 0.85) if plan.placement else None,
        foster_home_reference=f"FH-{rng.randint(100, 999)}"
        if plan.kind in FOSTER_HOME_KINDS
        else "",
    )
    b.add(decision)
    b.add(row)
    b.event(d.id, decision.signed_at, "intervention.decided", d.responsible)
    return row


def follow_up(b: Builder, d: CaseDraft, plan: Plan, row: cm.Intervention, until: date) -> None:
    """Visits, reviews and custody-transfer considerations of a placement, up to ``until``."""
    rng, who = b.rng, d.responsible.pk
    for day in chain_days(plan.start, until, lambda: visit_gap(rng)):
        visitor = b.pick(b.org.foster) if rng.random() < 0.6 else d.responsible
        b.add(
            cm.Visit(
                intervention_id=row.pk,
                visited_on=day,
                visited_by_id=visitor.pk,
                child_talked_alone=rng.random() < 0.8,
            )
        )
        b.event(d.id, at(day, 13), "placement.visit", visitor)
    for day in chain_days(plan.start, until, lambda: review_gap(rng)):
        outcome = rng.choices(("continue", "change", "end"), (85, 10, 5))[0]
        b.add(cm.Review(intervention_id=row.pk, held_on=day, outcome=outcome, recorded_by_id=who))
    if plan.kind in FOSTER_HOME_KINDS:
        for day in chain_days(plan.start, until, lambda: 365, (730 - rng.randint(0, 40), 365, 365)):
            if rng.random() < 0.85:
                b.add(
                    cm.CustodyTransferConsideration(
                        intervention_id=row.pk,
                        considered_on=day,
                        transfer_proposed=rng.random() < 0.2,
                        recorded_by_id=who,
                    )
                )


def signed_plans(b: Builder, d: CaseDraft, plan: Plan, row: cm.Intervention, until: date) -> None:
    """The signed care plans and implementation plans of a placement, up to ``until``."""
    rng, who = b.rng, d.responsible
    for pd in plan_days(plan, until, rng):
        if not b.happened(pd.day):
            continue
        areas = rng.sample(sorted(texts.PLAN_GOALS), k=rng.randint(2, 4))
        moment = at(pd.day, 10)
        b.add(
            PlanRow(
                case_id=d.id,
                intervention_id=row.pk,
                kind=pd.kind,
                number=pd.number,
                drawn_up_on=pd.day,
                bbic_version=bbic.CURRENT_VERSION,
                goals={area: rng.choice(texts.PLAN_GOALS[area]) for area in areas},
                child_view=rng.choice(texts.PLAN_CHILD_VIEWS),
                responsibilities=rng.choice(texts.PLAN_RESPONSIBILITIES),
                long_term_housing=rng.choice(texts.PLAN_LONG_TERM_HOUSING)
                if pd.kind == "care_plan" and pd.number > 1
                else "",
                review_on=pd.day + timedelta(days=rng.choice((90, 120, 180))),
                # by the day, not drawn: the demo's other figures stay the same
                child_participated=pd.day.toordinal() % 5 != 0,
                written_by_id=who.pk,
                updated_at=moment,
                signed_at=moment,
                signed_by_id=who.pk,
            )
        )
        b.event(d.id, moment, f"plan.{pd.kind}.signed", who)
