"""The investigation part of a demo story: plan, BBIC, conversations, requests, closing."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from skyddsnat import clock
from skyddsnat.cases.models import Case
from skyddsnat.demo import texts
from skyddsnat.demo.context import Context
from skyddsnat.demo.families import Member
from skyddsnat.demo.story_care import care_story
from skyddsnat.demo.timeline import Story, at, office_time, working_day
from skyddsnat.followups import services as followups
from skyddsnat.intake import services as intake
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as inv
from skyddsnat.investigations.models import Investigation
from skyddsnat.journal import services as journal
from skyddsnat.rules import add_months

if TYPE_CHECKING:
    from skyddsnat.accounts.models import User
    from skyddsnat.demo.reports import ReportSpec
    from skyddsnat.interventions.models import Intervention

Step = tuple[datetime, int, Callable[[], None]]


def draw_duration(
    opened: date, rng: random.Random, script_days: int | None, emergency: bool
) -> tuple[int, bool]:
    """Return (days until closing, whether an extension is decided)."""
    four_months = (add_months(opened, 4) - opened).days
    if script_days is not None:
        return script_days, False
    if emergency:
        return rng.randint(20, 70), False
    roll = rng.random()
    if roll < 0.68:
        return rng.randint(35, four_months), False
    if roll < 0.8:  # extended: mostly done by the new date, sometimes not even then
        return rng.randint(four_months + 5, four_months + (40 if rng.random() < 0.8 else 90)), True
    return rng.randint(four_months + 3, four_months + 80), False  # late, no extension


def investigation_story(
    ctx: Context,
    case: Case,
    member: Member,
    spec: ReportSpec,
    opened: date,
    rng: random.Random,
    emergency: Intervention | None = None,
) -> Story:
    """Walk the investigation to its closing; the rest of the case follows (care or follow-up)."""
    days, extended = draw_duration(opened, rng, spec.script.inv_days, emergency is not None)
    close_day = working_day(opened + timedelta(days=days))
    due = add_months(opened, 4)
    steps: list[Step] = []

    def add(day: date, order: int, action: Callable[[], None], hh: int | None = None) -> None:
        day = working_day(day)
        if day <= close_day:
            moment = (
                at(day, hh, rng.randint(0, 59)) if hh is not None else office_time(day, rng, 8, 15)
            )
            steps.append((moment, order, action))

    def who() -> User:
        return ctx.actor(case, rng)

    add(
        opened + timedelta(days=rng.randint(0, 6)),
        0,
        lambda: inv.update_plan(
            acting_user=who(),
            case_id=case.pk,
            questions=texts.PLAN_QUESTIONS,
            contacts=texts.PLAN_CONTACTS,
            child_participation=texts.PLAN_PARTICIPATION,
        ),
    )
    steps.extend(_opening_information(ctx, case, member, opened, close_day))
    span = max(days - 3, 2)
    # the sub-areas of the BBIC version of the opening day (decision 0044)
    areas = rng.sample(bbic.area_codes(bbic.version_for(opened)), rng.randint(2, 6))
    for area in areas:
        rating = rng.choices(("strength", "concern", "not_investigated"), (45, 45, 10))[0]
        add(
            opened + timedelta(days=rng.randint(2, span)),
            2,
            lambda a=area, r=rating: inv.assess_triangle_area(
                acting_user=who(),
                case_id=case.pk,
                area=a,
                text=texts.TRIANGLE[r],
                rating=r,
                sources=["vårdnadshavare"],
            ),
        )
    conversations = (
        rng.choices((0, 1, 2, 3), (10, 45, 35, 10))[0] if member.age_on(opened) >= 3 else 0
    )
    for _ in range(conversations):
        alone = rng.random() < 0.78
        add(
            opened + timedelta(days=rng.randint(5, span)),
            3,
            lambda alone=alone: inv.record_child_conversation(
                acting_user=who(),
                case_id=case.pk,
                held_on=clock.today(),
                alone=alone,
                child_view=rng.choice(texts.CHILD_VIEWS),
                present="" if alone else "Mamma",
            ),
        )
    waited = False
    for actor in rng.sample(
        ("school", "health_care", "child_psychiatry", "police", "other"),
        rng.choices((0, 1, 2, 3), (20, 40, 30, 10))[0],
    ):
        sent = rng.randint(2, 25)
        wait = rng.randint(60, 130) if rng.random() < 0.2 else rng.randint(7, 35)
        waited = waited or (wait > 60 and sent + wait < days)
        holder: dict[str, int] = {}
        add(
            opened + timedelta(days=sent),
            1,
            lambda a=actor, h=holder: h.update(
                pk=inv.record_external_request(
                    acting_user=who(),
                    case_id=case.pk,
                    actor=a,
                    sent_on=clock.today(),
                    note="Begäran om uppgifter",
                ).pk
            ),
        )
        if sent + wait < days:
            add(
                opened + timedelta(days=sent + wait),
                4,
                lambda h=holder: inv.record_request_answer(
                    acting_user=who(),
                    case_id=case.pk,
                    request_id=h["pk"],
                    answered_on=clock.today(),
                ),
            )
    if rng.random() < 0.3:
        note_day = opened + timedelta(days=rng.randint(3, span))
        add(note_day, 5, lambda: _note(ctx, case, rng))
    if extended:
        decided = due - timedelta(days=rng.randint(7, 25))  # a working day before the due date
        add(
            decided,
            6,
            lambda: inv.extend_investigation(
                acting_user=who(),
                case_id=case.pk,
                decided_on=clock.today(),
                decided_by=rng.choice(("committee", "delegate")),
                reason=rng.choice(texts.EXTENSION_REASONS),
                new_due_date=add_months(due, rng.choice((1, 2))),
            ),
        )
    if days > 40 and rng.random() < 0.08:
        add(
            opened + timedelta(days=rng.randint(20, days - 10)),
            7,
            lambda: ctx.reassign(
                case,
                ctx.caseworker(rng),
                "Byte av handläggare på grund av arbetsbelastning",
            ),
        )
    if rng.random() < 0.88:
        add(
            close_day - timedelta(days=rng.randint(4, 14)),
            8,
            lambda: inv.record_communication(
                acting_user=who(),
                case_id=case.pk,
                communicated_on=clock.today(),
                party="Vårdnadshavarna",
            ),
        )
    outcome = investigation_outcome(spec, rng, emergency is not None)
    add(close_day, 9, lambda: _close(ctx, case, outcome, conversations, waited, rng), hh=16)
    for moment, _, action in sorted(steps, key=lambda s: (s[0].date(), s[1], s[0])):
        yield moment
        action()
    if outcome in ("intervention", "lvu_application"):
        yield from care_story(ctx, case, member, spec, outcome, rng, emergency)
    elif outcome == "no_intervention" and (
        rng.random() < 0.2 or close_day > ctx.today - timedelta(days=150)
    ):
        yield from _follow_up(ctx, case, close_day, rng)
    elif outcome == "no_intervention" and rng.random() < 0.35:
        yield office_time(close_day + timedelta(days=rng.randint(25, 90)), rng)
        intake.record_followup_contact(
            acting_user=ctx.actor(case, rng), case_id=case.pk, contacted_on=clock.today()
        )
        ctx.tally["followups"] += 1


def _opening_information(
    ctx: Context, case: Case, member: Member, opened: date, close_day: date
) -> list[Step]:
    """Tell the guardians and the child that the investigation was opened (20 kap. 4 § SoL
    2025:400): mostly the same day, sometimes a few days late; a little child or a risk to the
    child's account gives special reasons instead; a few are not recorded yet (the duty shows).
    Drawn from its own random stream, so that the rest of the story is what it was."""
    rng = random.Random(f"{member.first_name} {member.last_name} {member.birth_date} {opened}")

    def who() -> User:
        return ctx.actor(case, rng)

    if rng.random() < 0.06:
        return []
    late = rng.random() < 0.12
    day = working_day(opened + timedelta(days=rng.randint(1, 4) if late else 0))
    if day > close_day:
        return []
    moment = office_time(day, rng, 8, 15)
    guardians: Step = (
        moment,
        -1,
        lambda: inv.record_opening_information(
            acting_user=who(),
            case_id=case.pk,
            recipient="guardians",
            informed_on=clock.today(),
            method=rng.choice(texts.OPENING_INFORMATION_METHODS),
        ),
    )
    age = member.age_on(opened)
    withheld = ""
    if age < 4:
        withheld = texts.OPENING_INFORMATION_WITHHELD[0]
    elif rng.random() < 0.05:
        withheld = texts.OPENING_INFORMATION_WITHHELD[1]
    child: Step = (
        moment,
        -1,
        lambda: inv.record_opening_information(
            acting_user=who(),
            case_id=case.pk,
            recipient="child",
            informed_on=clock.today(),
            method="" if withheld else rng.choice(texts.OPENING_INFORMATION_CHILD_METHODS),
            withheld_reason=withheld,
        ),
    )
    return [guardians, child]


def investigation_outcome(spec: ReportSpec, rng: random.Random, emergency: bool) -> str:
    if spec.script.outcome:
        return spec.script.outcome
    if emergency:
        return "lvu_application" if rng.random() < 0.85 else "intervention"
    return rng.choices(
        ("intervention", "no_intervention", "closed_other", "lvu_application"), (47, 38, 11, 4)
    )[0]


def _follow_up(ctx: Context, case: Case, closed: date, rng: random.Random) -> Story:
    """Follow up the child's situation after the investigation (SoL 2025:400 23 kap. 1 §),
    then end it within the months the law gives (5 §), if that day has come."""
    yield office_time(closed + timedelta(days=rng.randint(1, 10)), rng)
    last = followups.last_day(closed)
    if last is None or clock.today() >= last:
        return
    consented = rng.random() < 0.8
    follow_up = followups.decide_follow_up(
        acting_user=ctx.actor(case, rng),
        case_id=case.pk,
        data=followups.FollowUpInput(
            basis="after_investigation",
            decided_on=clock.today(),
            consent="consented" if consented else "without_consent",
            special_need_reason="" if consented else rng.choice(texts.FOLLOW_UP_NEEDS),
            purpose=rng.choice(texts.FOLLOW_UP_PURPOSES),
            planned_end_on=min(last, clock.today() + timedelta(days=rng.randint(60, 150))),
            guardians_informed_on=clock.today(),
        ),
    )
    ctx.tally["follow_ups"] += 1
    yield office_time(follow_up.planned_end_on - timedelta(days=rng.randint(0, 20)), rng)
    followups.end_follow_up(
        acting_user=ctx.actor(case, rng),
        follow_up_id=follow_up.pk,
        data=followups.FollowUpEndInput(
            ended_on=clock.today(),
            outcome=rng.choices(("no_further_action", "referred"), (80, 20))[0],
            guardians_informed_on=clock.today(),
        ),
    )


def _note(ctx: Context, case: Case, rng: random.Random) -> None:
    author = ctx.actor(case, rng)
    entry = journal.write_note(acting_user=author, case_id=case.pk, text=rng.choice(texts.NOTES))
    if rng.random() < 0.08:
        journal.correct_entry(acting_user=author, entry_id=entry.pk, text=texts.CORRECTION)


def _close(
    ctx: Context, case: Case, outcome: str, conversations: int, waited: bool, rng: random.Random
) -> None:
    investigation = Investigation.objects.get(case_id=case.pk)
    late = clock.today() > inv.current_due_date(investigation)
    reasons: list[str] = []
    if late:
        if waited:
            reasons.append("waiting_for_others")
        reasons += rng.sample(
            (
                "high_workload",
                "family_not_cooperating",
                "more_urgent_cases",
                "waiting_for_others",
                "other",
            ),
            rng.choices((1, 2), (75, 25))[0],
        )
    documented = rng.random() < (0.95 if conversations else 0.45)
    incomplete = bool(inv.missing_before_closing(investigation))
    inv.close_investigation(
        acting_user=ctx.actor(case, rng),
        case_id=case.pk,
        data=inv.CloseInput(
            closed_on=clock.today(),
            outcome=outcome,
            analysis=texts.ANALYSIS[
                0 if outcome in ("intervention", "lvu_application") else rng.randint(1, 2)
            ],
            delay_reasons=list(dict.fromkeys(reasons)),
            delay_other_text=texts.DELAY_OTHER if "other" in reasons else "",
            support_person_offered=rng.random() < 0.25,
            child_view_documented=documented,
            child_view_not_documented_reason=""
            if documented
            else rng.choice(texts.CHILD_VIEW_MISSING),
            incomplete_reason=rng.choice(texts.CLOSED_INCOMPLETE) if incomplete else "",
        ),
    )
    ctx.investigating[case.child_id] -= 1
    ctx.tally["investigations_closed"] += 1
    ctx.tally["investigations_late" if late else "investigations_on_time"] += 1
