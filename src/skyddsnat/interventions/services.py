"""Decision and intervention services (*besluta, genomföra, följa upp*)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.choices import DecidedBy, Phase
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, InvalidInput, StaleEdit, StateConflict
from skyddsnat.interventions import choices as c
from skyddsnat.interventions.models import (
    BestInterestsAssessment,
    CustodyTransferConsideration,
    Decision,
    EmergencyCustody,
    Evaluation,
    Intervention,
    Review,
    Visit,
)
from skyddsnat.journal.services import record_action


def _not_future(errors: Collector, field_name: str, day: date) -> None:
    errors.check(day <= clock.today(), field_name, "Datumet kan inte ligga i framtiden.")


@dataclass(frozen=True)
class InterventionInput:
    decided_on: date
    basis: str
    kind: str
    start: date
    decided_by: str = DecidedBy.DELEGATE
    planned_end: date | None = None
    goals: str = ""
    health_exam_before: bool | None = None
    health_exam_on: date | None = None
    school_arranged: bool | None = None
    foster_home_reference: str = ""
    text: str = ""
    #: Whose consent the decision rests on (LVU 1 § andra stycket); blank: not recorded.
    guardian_consent: str = ""
    child_consent: str = ""
    child_view: str = ""


def _age_on(birth_date: date | None, on: date) -> int | None:
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def _check_consent(errors: Collector, case: Case, data: InterventionInput) -> None:
    """Check the consent the decision rests on against its legal basis (LVU 1 §).

    Voluntary care outside the home (SoL) needs the guardians' consent and, from 15, the
    child's; without it the path is LVU. Care under LVU 2 or 3 § presupposes that consent is
    missing (1 § andra stycket). The child's consent is asked from 15.
    """
    if data.guardian_consent:
        errors.check(
            data.guardian_consent in c.GuardianConsent.values,
            "guardian_consent",
            "Välj om vårdnadshavarna samtycker.",
        )
    if data.child_consent:
        errors.check(
            data.child_consent in c.ChildConsent.values,
            "child_consent",
            "Välj om barnet samtycker.",
        )
    age = _age_on(case.child.birth_date, data.decided_on)
    if age is not None and age >= 15:
        errors.check(
            data.child_consent != c.ChildConsent.UNDER_15,
            "child_consent",
            f"Barnet var {age} år på beslutsdagen: ange om barnet samtycker (1 § LVU).",
        )
    elif age is not None and data.child_consent in (c.ChildConsent.GIVEN, c.ChildConsent.REFUSED):
        errors.add(
            "child_consent",
            "Barnet var under 15 år på beslutsdagen: skriv barnets inställning i stället.",
        )
    consent_missing = data.guardian_consent in (
        c.GuardianConsent.REFUSED,
        c.GuardianConsent.NOT_REACHED,
    ) or (data.child_consent == c.ChildConsent.REFUSED)
    # Protected housing without the other guardian's consent rests on lag (2024:79): the court's
    # decision or the committee's immediate one, recorded on the case (``protected_housing``).
    under_2024_79 = (
        data.kind == c.Kind.PROTECTED_HOUSING
        and data.guardian_consent == c.GuardianConsent.REFUSED
        and data.child_consent != c.ChildConsent.REFUSED
    )
    if (
        data.basis == c.Basis.SOL_VOLUNTARY
        and data.kind in c.PLACEMENT_KINDS
        and consent_missing
        and not under_2024_79
    ):
        errors.add(
            "guardian_consent",
            "Vård utanför hemmet enligt SoL kräver samtycke av vårdnadshavarna och av barnet "
            "från 15 år. Utan samtycke: ansök om vård enligt LVU hos förvaltningsrätten.",
        )
    all_consent = data.guardian_consent == c.GuardianConsent.GIVEN and data.child_consent in (
        c.ChildConsent.GIVEN,
        c.ChildConsent.UNDER_15,
    )
    if data.basis in c.LVU_CARE_BASES and all_consent:
        errors.add(
            "guardian_consent",
            "Vård enligt LVU förutsätter att behövlig vård inte kan ges med samtycke "
            "(1 § andra stycket LVU). Alla samtycker: besluta vård enligt SoL.",
        )


def emergency_custody_taken(*, case: Case, acting_user: User, on: date) -> EmergencyCustody:
    """Record that the child was taken into emergency custody (LVU 6 §) on ``on``.

    Called by ``intake.services.make_protective_assessment`` inside its transaction when the
    protective action was an emergency custody decided and carried out the same day; the
    custody's own time limits (LVU 7–8 §§) start from it.
    """
    return EmergencyCustody.objects.create(
        case=case, decided_on=on, decided_by=acting_user, carried_out_on=on
    )


def _help_without_assessment(errors: Collector, case: Case, data: InterventionInput) -> None:
    """Help without an individual needs assessment (11 kap. 5 § SoL 2025:400): voluntary, and
    only in a case that was not investigated (the preliminary assessment chose it)."""
    errors.check(
        data.basis == c.Basis.SOL_VOLUNTARY,
        "basis",
        "En insats utan individuell behovsprövning ges bara frivilligt enligt SoL.",
    )
    errors.check(
        not hasattr(case, "investigation"),
        "kind",
        "Ärendet har utretts. Välj den insats som utredningen ledde till.",
    )


@case_action()
def decide_intervention(*, acting_user: User, case: Case, data: InterventionInput) -> Intervention:
    """Decide an intervention (*beslut om insats*): a signed decision and the intervention it grants."""
    emergency = data.basis == c.Basis.LVU_6_EMERGENCY
    if case.phase == Phase.CLOSED:
        raise StateConflict("Ärendet är avslutat. Registrera en ny anmälan eller ansökan.")
    if case.phase != Phase.INTERVENTION and not emergency:
        raise StateConflict("Insatser beslutas när utredningen är avslutad med resultatet insats.")
    errors = Collector()
    errors.check(data.basis in c.Basis.values, "basis", "Välj lagrum.")
    errors.check(data.kind in c.Kind.values, "kind", "Välj insats.")
    errors.check(
        data.decided_by in DecidedBy.values,
        "decided_by",
        "Ange om nämnden eller en delegat beslutade.",
    )
    _not_future(errors, "decided_on", data.decided_on)
    received = timezone.localdate(case.report.received_at)
    errors.check(
        data.decided_on >= received,
        "decided_on",
        f"Datumet kan inte vara före den dag anmälan kom in ({received:%Y-%m-%d}).",
    )
    errors.check(data.start >= data.decided_on, "start", "Insatsen kan inte börja före beslutet.")
    if data.planned_end is not None:
        errors.check(
            data.planned_end > data.start, "planned_end", "Planerat slut måste vara efter start."
        )
    if data.kind == c.Kind.HELP_WITHOUT_ASSESSMENT:
        _help_without_assessment(errors, case, data)
    if data.kind == c.Kind.PROTECTED_HOUSING:
        errors.check(
            data.basis == c.Basis.SOL_VOLUNTARY,
            "basis",
            "Skyddat boende beviljas ett barn enligt SoL, tillsammans med en myndig "
            "vårdnadshavare som också beviljas insatsen (22 kap. 5 § SoL).",
        )
    placement = data.kind in c.PLACEMENT_KINDS
    if placement:
        errors.check(
            data.health_exam_before is not None,
            "health_exam_before",
            "Ange om barnet hälsoundersöktes före placeringen.",
        )
    elif data.basis in (c.Basis.LVU_2, c.Basis.LVU_3, c.Basis.LVU_6_EMERGENCY):
        errors.add("kind", "Vård enligt LVU ges som en placering.")
    if data.health_exam_on is not None:
        errors.check(
            data.health_exam_on <= data.start,
            "health_exam_on",
            "Hälsoundersökningen före placeringen ska vara före start.",
        )
    _check_consent(errors, case, data)
    errors.raise_if_any()
    now = clock.now()
    decision = Decision.objects.create(
        case=case,
        decided_on=data.decided_on,
        decided_by=data.decided_by,
        decision_maker=acting_user,
        basis=data.basis,
        kind=data.kind,
        text=data.text,
        guardian_consent=data.guardian_consent,
        child_consent=data.child_consent,
        child_view=data.child_view.strip(),
        signed_at=now,
        signed_by=acting_user,
    )
    intervention = Intervention.objects.create(
        case=case,
        decision=decision,
        kind=data.kind,
        basis=data.basis,
        start_on=data.start,
        planned_end_on=data.planned_end,
        goals=data.goals,
        foster_home_reference=data.foster_home_reference,
        health_exam_before=data.health_exam_before,
        health_exam_on=data.health_exam_on,
        school_arranged=data.school_arranged,
    )
    if emergency:
        _emergency_custody(case, acting_user, data)
    # An emergency decision before or during the investigation leaves the phase alone: the
    # preliminary assessment and the investigation must still be done.
    record_action(
        acting_user=acting_user,
        case=case,
        event="intervention.decided",
        text=f"Beslut om insats: {intervention.get_kind_display()} ({intervention.get_basis_display()}), start {data.start:%Y-%m-%d}.",
        obj=decision,
    )
    return intervention


def _emergency_custody(case: Case, acting_user: User, data: InterventionInput) -> EmergencyCustody:
    """Return the emergency custody this decision belongs to, recording it if it is new.

    The court clocks of LVU 7 and 8 §§ run from the emergency custody. A protective assessment
    may already have recorded it: the custody of the same day, or one not yet submitted to the
    court, is the same custody. After submission, a new LVU 6 § decision is a new custody.
    """
    same = (
        case.emergency_custodies.filter(
            Q(decided_on=data.decided_on) | Q(court_submitted_on__isnull=True)
        )
        .order_by("-decided_on", "-pk")
        .first()
    )
    if same is not None:
        return same
    return EmergencyCustody.objects.create(
        case=case, decided_on=data.decided_on, decided_by=acting_user, carried_out_on=data.start
    )


def _running(intervention: Intervention) -> Intervention:
    locked = Intervention.objects.select_for_update().select_related("case").get(pk=intervention.pk)
    if locked.ended_on is not None:
        raise StateConflict("Insatsen är avslutad.")
    return locked


def _placement(intervention: Intervention) -> Intervention:
    locked = _running(intervention)
    if not locked.is_placement:
        raise StateConflict("Besök och övervägande registreras för placeringar.")
    return locked


def _on_or_after_start(
    errors: Collector, intervention: Intervention, field_name: str, day: date
) -> None:
    errors.check(
        day >= intervention.start_on, field_name, "Datumet kan inte vara före insatsens start."
    )
    _not_future(errors, field_name, day)


def _with_note(headline: str, note: str) -> str:
    """Return the journal event's text: ``headline``, then the note as it was typed (its line
    breaks kept, the blank space around it left out), so the timeline and the journal show it."""
    if not note.strip():
        return headline
    return f"{headline}\n\n{note.strip()}"


@case_action(subject=("intervention", Intervention, "Insatsen finns inte."))
def record_visit(
    *,
    acting_user: User,
    intervention: Intervention,
    visited_on: date,
    child_talked_alone: bool,
    note: str = "",
) -> Visit:
    """Record a visit to the placed child (*besök*), and whether the child was talked to alone."""
    intervention = _placement(intervention)
    errors = Collector()
    _on_or_after_start(errors, intervention, "visited_on", visited_on)
    errors.raise_if_any()
    visit = Visit.objects.create(
        intervention=intervention,
        visited_on=visited_on,
        visited_by=acting_user,
        child_talked_alone=child_talked_alone,
        note=note,
    )
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event="placement.visit",
        text=_with_note(
            "Besök hos barnet" + (", enskilt samtal med barnet." if child_talked_alone else "."),
            note,
        ),
        obj=visit,
    )
    return visit


@case_action(subject=("intervention", Intervention, "Insatsen finns inte."))
def record_review(
    *, acting_user: User, intervention: Intervention, held_on: date, outcome: str, note: str = ""
) -> Review:
    """Record a review of the placement (*övervägande/omprövning*)."""
    intervention = _placement(intervention)
    errors = Collector()
    _on_or_after_start(errors, intervention, "held_on", held_on)
    errors.check(outcome in c.ReviewOutcome.values, "outcome", "Välj resultatet av övervägandet.")
    errors.raise_if_any()
    review = Review.objects.create(
        intervention=intervention,
        held_on=held_on,
        outcome=outcome,
        recorded_by=acting_user,
        note=note,
    )
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event="placement.review",
        text=_with_note(f"Övervägande/omprövning: {review.get_outcome_display().lower()}.", note),
        obj=review,
    )
    return review


@case_action(subject=("intervention", Intervention, "Insatsen finns inte."))
def record_custody_consideration(
    *,
    acting_user: User,
    intervention: Intervention,
    considered_on: date,
    transfer_proposed: bool,
    note: str = "",
) -> CustodyTransferConsideration:
    """Record the consideration of custody transfer (*vårdnadsöverflyttning*)."""
    intervention = _placement(intervention)
    if intervention.kind not in c.FOSTER_HOME_KINDS:
        raise StateConflict("Vårdnadsöverflyttning övervägs för barn placerade i familjehem.")
    errors = Collector()
    _on_or_after_start(errors, intervention, "considered_on", considered_on)
    errors.raise_if_any()
    consideration = CustodyTransferConsideration.objects.create(
        intervention=intervention,
        considered_on=considered_on,
        transfer_proposed=transfer_proposed,
        recorded_by=acting_user,
        note=note,
    )
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event="placement.custody_consideration",
        text=_with_note(
            "Vårdnadsöverflyttning övervägd: "
            + ("överflyttning föreslås." if transfer_proposed else "ingen överflyttning nu."),
            note,
        ),
        obj=consideration,
    )
    return consideration


@case_action(subject=("intervention", Intervention, "Insatsen finns inte."))
def end_intervention(
    *,
    acting_user: User,
    intervention: Intervention,
    ended_on: date,
    end_reason: str,
    expected_version: int | None = None,
) -> Intervention:
    """End the intervention with its reason; ``breakdown`` marks an unplanned early end (*sammanbrott*)."""
    intervention = _running(intervention)
    if expected_version is not None and intervention.version != expected_version:
        raise StaleEdit("Insatsen har ändrats av någon annan. Ladda om och försök igen.")
    errors = Collector()
    _on_or_after_start(errors, intervention, "ended_on", ended_on)
    errors.check(end_reason in c.EndReason.values, "end_reason", "Välj varför insatsen avslutades.")
    errors.raise_if_any()
    intervention.ended_on = ended_on
    intervention.end_reason = end_reason
    intervention.version += 1
    intervention.save(update_fields=["ended_on", "end_reason", "version"])
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event="intervention.ended",
        text=f"Insatsen avslutad: {intervention.get_end_reason_display().lower()}.",
        obj=intervention,
        action="update",
    )
    return intervention


@dataclass(frozen=True)
class EvaluationInput:
    evaluated_on: date
    goals_met: str
    child_view: str = ""
    child_view_not_documented_reason: str = ""
    guardian_view: str = ""
    method: str = ""


@case_action(subject=("intervention", Intervention, "Insatsen finns inte."))
def record_evaluation(
    *, acting_user: User, intervention: Intervention, data: EvaluationInput
) -> Evaluation:
    """Record the evaluation (*utvärdering*) of an ended intervention, with the child's view."""
    intervention = (
        Intervention.objects.select_for_update().select_related("case").get(pk=intervention.pk)
    )
    if intervention.ended_on is None:
        raise StateConflict("Insatsen utvärderas när den har avslutats.")
    if hasattr(intervention, "evaluation"):
        raise StateConflict("Insatsen är redan utvärderad.")
    errors = Collector()
    errors.check(
        data.evaluated_on >= intervention.ended_on,
        "evaluated_on",
        "Utvärderingen kan inte vara före insatsens slut.",
    )
    _not_future(errors, "evaluated_on", data.evaluated_on)
    errors.check(data.goals_met in c.GoalsMet.values, "goals_met", "Ange om målen uppnåddes.")
    if not data.child_view.strip():
        errors.check(
            bool(data.child_view_not_documented_reason.strip()),
            "child_view",
            "Skriv barnets synpunkter på insatsen, eller varför de inte är dokumenterade.",
        )
    errors.raise_if_any()
    evaluation = Evaluation.objects.create(
        intervention=intervention,
        evaluated_on=data.evaluated_on,
        goals_met=data.goals_met,
        child_view=data.child_view,
        child_view_not_documented_reason=data.child_view_not_documented_reason,
        guardian_view=data.guardian_view,
        method=data.method,
        recorded_by=acting_user,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event="intervention.evaluated",
        text=f"Insatsen utvärderad: målen uppnådda – {evaluation.get_goals_met_display().lower()}.",
        obj=evaluation,
    )
    return evaluation


@case_action(subject=("custody", EmergencyCustody, "Omhändertagandet finns inte."))
def record_lvu_step(
    *, acting_user: User, custody: EmergencyCustody, step: str, on: date
) -> EmergencyCustody:
    """Record that the emergency custody was submitted to court or that care was applied for."""
    custody = EmergencyCustody.objects.select_for_update().select_related("case").get(pk=custody.pk)
    fields = {"court_submitted": "court_submitted_on", "care_applied": "care_applied_on"}
    if step not in fields:
        raise InvalidInput.field("step", "Okänt steg.")
    if getattr(custody, fields[step]) is not None:
        raise StateConflict("Steget är redan registrerat.")
    errors = Collector()
    errors.check(
        on >= custody.decided_on, "on", "Datumet kan inte vara före beslutet om omhändertagande."
    )
    _not_future(errors, "on", on)
    errors.raise_if_any()
    setattr(custody, fields[step], on)
    custody.save(update_fields=[fields[step]])
    text = (
        "Omhändertagandet underställt förvaltningsrätten."
        if step == "court_submitted"
        else "Ansökan om vård enligt LVU inlämnad."
    )
    record_action(
        acting_user=acting_user,
        case=custody.case,
        event=f"lvu.{step}",
        text=text,
        obj=custody,
        action="update",
    )
    return custody


@dataclass(frozen=True)
class BestInterestsInput:
    weighing: str
    conclusion: str
    child_view: str = ""
    child_view_not_documented_reason: str = ""


@case_action(subject=("decision", Decision, "Beslutet finns inte."))
def record_best_interests(
    *, acting_user: User, decision: Decision, data: BestInterestsInput
) -> BestInterestsAssessment:
    """Record the best-interests assessment of a decision (SoL 2025:400 3 kap. 1–2 §§): what
    the child said, how it was weighed and what is best for the child. Signed, append-only."""
    if BestInterestsAssessment.objects.filter(decision=decision).exists():
        raise StateConflict("Bedömningen av barnets bästa är redan registrerad för beslutet.")
    errors = Collector()
    errors.check(
        bool(data.child_view.strip() or data.child_view_not_documented_reason.strip()),
        "child_view",
        "Skriv vad barnet har sagt, eller varför barnets åsikter inte är dokumenterade.",
    )
    errors.check(
        bool(data.weighing.strip()),
        "weighing",
        "Skriv hur barnets åsikter har vägts med hänsyn till ålder och mognad.",
    )
    errors.check(
        bool(data.conclusion.strip()),
        "conclusion",
        "Skriv vad som bedöms vara barnets bästa och hur beslutet följer av det.",
    )
    errors.raise_if_any()
    assessment = BestInterestsAssessment.objects.create(
        decision=decision,
        child_view=data.child_view.strip(),
        child_view_not_documented_reason=""
        if data.child_view.strip()
        else data.child_view_not_documented_reason.strip(),
        weighing=data.weighing.strip(),
        conclusion=data.conclusion.strip(),
        recorded_by=acting_user,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=decision.case,
        event="decision.best_interests",
        text="Bedömning av barnets bästa registrerad för beslutet.",
        obj=assessment,
    )
    return assessment
