"""The intake part of a demo story: report, protective and preliminary assessment, feedback."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from skyddsnat import clock
from skyddsnat.cases import lifecycle
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.demo import names, texts
from skyddsnat.demo.context import Context
from skyddsnat.demo.families import Member, register_people
from skyddsnat.demo.reports import SEVERE, ReportSpec
from skyddsnat.demo.story_investigation import investigation_story
from skyddsnat.demo.timeline import STHLM, Story, at, local_day, office_time
from skyddsnat.intake import services as intake
from skyddsnat.interventions import services as interventions

MEDIUM = {
    "neglect",
    "guardian_substance_abuse",
    "guardian_mental_illness",
    "witnessed_violence",
    "child_substance_abuse",
    "child_criminality",
}


def report_story(ctx: Context, spec: ReportSpec, rng: random.Random) -> Story:
    """Register the report, then start one case story per child."""
    yield spec.received_at + timedelta(minutes=rng.randint(3, 50))
    script = spec.script
    registrar = ctx.staff.users[script.registrar] if script.registrar else ctx.intake_worker(rng)
    report = intake.register_report(
        acting_user=registrar,
        data=intake.ReportInput(
            received_at=spec.received_at,
            channel=spec.channel,
            reporter=intake.ReporterInput(
                category=spec.category,
                name=spec.reporter_name,
                organisation=spec.organisation,
                contact=names.FICTION_PHONE if spec.organisation else "",
                feedback_requested=spec.feedback_requested,
            ),
            reasons=spec.reasons,
            children=[m.child_input(spec.family.protected) for m in spec.members],
            account=spec.account,
            urgency=spec.urgency,
            kind=spec.kind,
            applicant=spec.applicant,
        ),
    )
    cases = list(report.cases.order_by("pk"))
    register_people(ctx.municipality.pk, spec.family, spec.members, [c.child_id for c in cases])
    ctx.tally["reports"] += 1
    shared = prelim_outcome(spec, rng)
    for case, member in zip(cases, spec.members, strict=True):
        ctx.responsible[case.pk] = registrar
        outcome = shared if rng.random() < 0.85 else prelim_outcome(spec, rng)
        child_rng = random.Random(rng.getrandbits(64))
        ctx.sim.spawn(case_story(ctx, spec, case, member, outcome, child_rng))


def prelim_heard_and_reason(rng: random.Random, age: int, outcome: str) -> tuple[bool, str]:
    """Draw whether the child was heard (likelier with age) and, if not opened, the reason."""
    heard = rng.random() < (0.15 if age < 6 else 0.6 if age < 13 else 0.72)
    reason = ""
    if outcome == "not_opened":
        reason = rng.choices(
            (
                "no_concern_confirmed",
                "already_known_no_new_need",
                "outside_social_services",
                "moved",
                "other",
            ),
            (45, 25, 12, 5, 13),
        )[0]
    return heard, reason


def prelim_outcome(spec: ReportSpec, rng: random.Random) -> str:
    reasons = set(spec.reasons)
    if spec.kind == "application" or spec.urgency == "acute":
        p_open = 0.82
    elif reasons & SEVERE:
        p_open = 0.62
    elif reasons & MEDIUM:
        p_open = 0.36
    else:
        p_open = 0.22
    roll = rng.random()
    if roll < p_open:
        return "opened"
    return "transferred" if roll > 0.98 else "not_opened"


def protective_moment(received: datetime, rng: random.Random) -> datetime:
    local = received.astimezone(STHLM)
    if local.hour >= 16 and rng.random() < 0.85:  # after the cut-off: the next morning is in time
        return at(local.date() + timedelta(days=1), rng.randint(8, 10), rng.randint(0, 59))
    if rng.random() < 0.04:  # late: the next working day
        return office_time(local.date() + timedelta(days=1), rng)
    return min(local + timedelta(minutes=rng.randint(10, 240)), at(local.date(), 23, 55))


def case_story(
    ctx: Context, spec: ReportSpec, case: Case, member: Member, outcome: str, rng: random.Random
) -> Story:
    """One child's case from the protective assessment on."""
    script = spec.script
    emergency = script.protective == "emergency_custody"
    if script.protective != "pending":
        made_at = protective_moment(spec.received_at, rng)
        if emergency:
            made_at = spec.received_at + timedelta(minutes=30)
        yield made_at
        immediate = rng.random() < (
            0.3 if spec.urgency == "acute" else 0.1 if spec.urgency == "high" else 0.03
        )
        action = ""
        if emergency or immediate:
            action = (
                "emergency_custody"
                if emergency
                else rng.choices(
                    ("emergency_custody", "emergency_placement", "other_protective_action"),
                    (20, 25, 55),
                )[0]
            )
        emergency = action == "emergency_custody"
        intake.make_protective_assessment(
            acting_user=ctx.intake_worker(rng),
            case_id=case.pk,
            made_at=clock.now(),
            outcome="immediate_need" if action else "no_immediate_need",
            action=action,
        )
        ctx.tally["protective"] += 1
    if script.prelim == "pending":
        return
    if emergency:
        yield clock.now() + timedelta(minutes=20)
        outcome = "opened"
    else:
        yield prelim_moment(spec, rng)
    outcome = script.prelim or outcome
    may_join = not (emergency or script.prelim) and ctx.investigating[case.child_id] > 0
    if may_join and lifecycle.ongoing_investigation_case(case) is not None and rng.random() < 0.9:
        outcome = "joined_to_ongoing"
    decided_on = clock.today()
    caseworker = None
    if outcome == "opened" and not script.queued:
        caseworker = (
            ctx.staff.users[script.caseworker] if script.caseworker else ctx.caseworker(rng)
        )
        ctx.reassign(case, caseworker, "Utredning inleds")
    _decide(ctx, case, spec, member, outcome, rng)
    if script.queued:  # handed over to the investigating unit, waiting for a caseworker
        ctx.responsible.pop(case.pk, None)
    if outcome == "opened":
        ctx.investigating[case.child_id] += 1
    if spec.mandatory:
        ctx.sim.spawn(feedback_story(ctx, case, rng))
    if emergency:
        ctx.sim.spawn(lvu_story(ctx, case, rng))
        intervention = interventions.decide_intervention(
            acting_user=caseworker,
            case_id=case.pk,
            data=interventions.InterventionInput(
                decided_on=decided_on,
                basis="lvu_6_emergency",
                kind="emergency_foster_home"
                if member.age_on(decided_on) < 13
                else "residential_care_home",
                start=decided_on,
                decided_by="delegate",
                health_exam_before=False,
                school_arranged=rng.random() < 0.5,
                text="Omedelbart omhändertagande enligt 6 § LVU.",
            ),
        )
        ctx.tally["emergency_custodies"] += 1
        yield from investigation_story(
            ctx, case, member, spec, decided_on, rng, emergency=intervention
        )
    elif outcome == "opened" and not script.queued:
        yield from investigation_story(ctx, case, member, spec, decided_on, rng)
    elif outcome == "not_opened" and rng.random() < 0.3:
        yield office_time(decided_on + timedelta(days=rng.randint(20, 75)), rng)
        intake.record_followup_contact(
            acting_user=ctx.actor(case, rng),
            case_id=case.pk,
            contacted_on=clock.today(),
            note="Uppföljande kontakt med vårdnadshavare; läget är stabilt.",
        )
        ctx.tally["followups"] += 1


def prelim_moment(spec: ReportSpec, rng: random.Random) -> datetime:
    received = local_day(spec.received_at)
    if spec.script.prelim_days is not None:
        days = spec.script.prelim_days
    elif rng.random() < 0.9:
        days = rng.randint(1, 12)
    else:
        days = rng.randint(15, 30)  # late
    moment = office_time(received + timedelta(days=days), rng)
    return max(moment, spec.received_at + timedelta(hours=1))


def _decide(
    ctx: Context, case: Case, spec: ReportSpec, member: Member, outcome: str, rng: random.Random
) -> None:
    age = member.age_on(clock.today())
    heard, reason = prelim_heard_and_reason(rng, age, outcome)
    intake.decide_preliminary_assessment(
        acting_user=ctx.intake_actor(case, rng),
        case_id=case.pk,
        data=intake.PreliminaryInput(
            decided_on=clock.today(),
            outcome=outcome,
            child_heard=heard,
            child_not_heard_reason=""
            if heard
            else texts.NOT_HEARD[0 if age < 4 else rng.randint(1, 3)],
            child_informed_of_rights=rng.random() < (0.85 if heard else 0.2),
            reason=reason,
            followup_planned=outcome == "not_opened" and rng.random() < 0.3,
            guardians_contacted=rng.random() < 0.85,
            reporter_contacted=spec.mandatory and rng.random() < 0.5,
            chronology_considered=rng.random() < 0.92,
            transferred_to="Grannby kommun" if outcome == "transferred" else "",
            note="Annan anledning, se journal." if reason == "other" else "",
        ),
    )
    ctx.tally[f"prelim_{outcome}"] += 1


def feedback_story(ctx: Context, case: Case, rng: random.Random) -> Story:
    """Feedback to the mandatory reporter: mostly within the week, sometimes late or never."""
    decided = clock.today()
    roll = rng.random()
    if roll > 0.94:
        return
    days = rng.randint(0, 6) if roll < 0.8 else rng.randint(8, 25)
    yield office_time(decided + timedelta(days=days), rng)
    # Intake answers the reporter of a case it closed; once an investigation opened, the case is
    # the investigating caseworker's, and so is the feedback (the policy lets intake write a case
    # only until the preliminary assessment).
    case.refresh_from_db(fields=["phase"])
    sender = ctx.intake_worker(rng) if case.phase == Phase.CLOSED else ctx.actor(case, rng)
    intake.send_reporter_feedback(acting_user=sender, case_id=case.pk, sent_on=clock.today())
    ctx.tally["feedback"] += 1


def lvu_story(ctx: Context, case: Case, rng: random.Random) -> Story:
    """Emergency custody (LVU 6 §): to the court within a week, care applied for within 4 weeks."""
    custody = case.emergency_custodies.get()
    late = rng.random() < 0.1
    yield office_time(
        custody.decided_on + timedelta(days=rng.randint(8, 10) if late else rng.randint(1, 5)), rng
    )
    interventions.record_lvu_step(
        acting_user=ctx.actor(case, rng),
        custody_id=custody.pk,
        step="court_submitted",
        on=clock.today(),
    )
    days = rng.randint(29, 33) if rng.random() < 0.08 else rng.randint(10, 24)
    yield office_time(custody.carried_out_on + timedelta(days=days), rng)
    custody.refresh_from_db(fields=["care_applied_on"])
    if custody.care_applied_on is not None:
        return  # the investigation's application for care under LVU met it already
    interventions.record_lvu_step(
        acting_user=ctx.actor(case, rng),
        custody_id=custody.pk,
        step="care_applied",
        on=clock.today(),
    )


def trigger_story(ctx: Context, kind: str, moment: datetime, rng: random.Random) -> Story:
    """A guardian becomes subject to LVM, LPT or a violence investigation in the adult unit."""
    yield moment
    known = [
        f
        for f in ctx.families.families
        if f.guardians[0].row and not f.reserved and f.children_on(clock.today())
    ]
    if not known:
        return
    family = rng.choice(known[-200:])
    guardian = family.guardians[0].row
    trigger = intake.register_adult_trigger(
        acting_user=ctx.intake_worker(rng),
        guardian=guardian,
        kind=kind,
        occurred_on=clock.today() - timedelta(days=rng.randint(0, 3)),
        adult_case_reference=f"V-{rng.randint(1000, 9999)}",
    )
    ctx.tally["adult_triggers"] += 1
    by_child = {m.child_id: m for m in family.children}
    for link in trigger.links.select_related("case__report").order_by("pk"):
        if link.case.report.received_at == clock.now() and link.child_id in by_child:
            member = by_child[link.child_id]
            spec = ReportSpec(
                received_at=clock.now(),
                family=family,
                members=[member],
                category="social_services",
                channel="internal",
                reasons=[link.case.report.reasons.first().reason],
            )
            ctx.responsible[link.case.pk] = link.case.responsible
            child_rng = random.Random(rng.getrandbits(64))
            outcome = prelim_outcome(spec, child_rng)
            ctx.sim.spawn(case_story(ctx, spec, link.case, member, outcome, child_rng))
