"""Intake services (*aktualisering*): one function per thing a person does.

Each checks state and input, writes in one transaction, appends a journal event and an audit
row, and returns the object. A service that acts on a case is behind ``cases.actions.case_action``:
it is called with the case's id, and the case arrives locked after the policy said yes (decision
0010); the role checks that do not depend on a case (registering a report) are made here. Errors carry Swedish messages (``skyddsnat.errors``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from skyddsnat import clock, storedtext
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Municipality, Unit, User
from skyddsnat.audit import services as audit
from skyddsnat.cases import lifecycle
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case, CaseworkerAssignment
from skyddsnat.errors import Collector, Forbidden, InvalidInput, StaleEdit, StateConflict
from skyddsnat.intake import choices as c
from skyddsnat.intake.models import (
    AdultTrigger,
    AdultTriggerLink,
    FeedbackRequest,
    FollowUpContact,
    PreliminaryAssessment,
    ProtectiveAssessment,
    Report,
    ReporterFeedback,
    ReportReason,
)
from skyddsnat.interventions import services as interventions
from skyddsnat.investigations import services as investigations
from skyddsnat.journal.services import append_events, record_action
from skyddsnat.limits import EARLIEST_RECEIVED_DATE, MAX_CHILDREN_PER_REPORT
from skyddsnat.people.identity import parse_identity_number
from skyddsnat.people.models import Guardian
from skyddsnat.people.services import ChildInput, find_or_create_children, validate_child

#: How far in the future a time may be and still be taken as "now" (clock skew between systems).
CLOCK_SKEW = timedelta(minutes=5)
#: A report received longer ago than this asks for confirmation (``unusual_date``): a report
#: is registered the day it comes in or days later; one dated two years back or more is almost
#: always a mistyped year, and the two-year limit still lets a late registration of last year's
#: report through without a question.
UNUSUAL_AGE_YEARS = 2
CONFIRM_UNUSUAL_DATE = "confirm_unusual_date"

_NOT_MANDATORY_FEEDBACK = (
    "Återkoppling på begäran gäller anmälningsskyldiga anmälare (19 kap. 6 § SoL). Markera "
    "anmälaren som anmälningsskyldig eller ta bort begäran."
)


@dataclass(frozen=True)
class ReporterInput:
    """Who reported. ``mandatory`` None: the law's list on the day the report came in decides.

    ``feedback_requested``: the reporter asked for feedback (*återkoppling*) in the report
    itself; only a mandatory reporter's request binds the committee (SoL 2025:400 19 kap. 6 §).
    """

    category: str
    mandatory: bool | None = None
    name: str = ""
    organisation: str = ""
    contact: str = ""
    feedback_requested: bool = False


@dataclass(frozen=True)
class ReportInput:
    received_at: datetime
    channel: str
    reporter: ReporterInput
    reasons: Sequence[str]
    children: Sequence[ChildInput]
    account: str = ""
    urgency: str = c.Urgency.NORMAL
    kind: str = c.ReportKind.REPORT
    applicant: str = ""
    unit_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: The user confirmed an unusual date (``unusual_date``): a historical report on purpose.
    confirm_unusual_date: bool = False


def _intake_unit(user: User, unit_id: int | None) -> Unit:
    assert user.municipality_id is not None  # policy.can_register_report checked it
    units = Unit.objects.filter(municipality_id=user.municipality_id).select_related("municipality")
    if unit_id is not None:
        unit = units.filter(pk=unit_id).first()
        if unit is None:
            raise InvalidInput.field("unit", "Enheten finns inte i din kommun.")
        return unit
    own = user.units.select_related("municipality").order_by("pk")
    unit = (
        own.filter(kind=Unit.Kind.INTAKE).first()
        or own.first()
        or units.filter(kind=Unit.Kind.INTAKE).first()
    )
    if unit is None:
        raise InvalidInput.field("unit", "Ingen mottagningsenhet finns. Ange enhet.")
    return unit


def _child_key(child: ChildInput) -> str | None:
    """Return what identifies ``child`` in the register (normalised number or reserve id)."""
    if child.personal_identity_number:
        try:
            return parse_identity_number(child.personal_identity_number).digits
        except ValidationError:
            return None  # reported by validate_child
    return f"reserve:{child.reserve_id}" if child.reserve_id else None


def _birth_date(child: ChildInput) -> date | None:
    """Return the child's birth date: given, or read from a valid identity number."""
    if child.birth_date is not None:
        return child.birth_date
    if not child.personal_identity_number:
        return None
    try:
        return parse_identity_number(child.personal_identity_number).birth_date
    except ValidationError:
        return None  # reported by validate_child


def unusual_date(data: ReportInput) -> str | None:
    """Return the Swedish question to confirm when the report's date is implausible: before a
    child was born, or more than ``UNUSUAL_AGE_YEARS`` back; None when it looks right.

    A historical report may be registered on purpose; confirmed, it gets its time limits from
    the date it came in, like any other."""
    if timezone.is_naive(data.received_at):
        return None
    received = timezone.localdate(data.received_at)
    births = [b for b in (_birth_date(ch) for ch in data.children) if b is not None]
    if births and received < max(births):
        return (
            f"Anmälan är daterad {received:%Y-%m-%d}, innan barnet föddes "
            f"({max(births):%Y-%m-%d}). Kontrollera datumet. Om det stämmer, kryssa i "
            "”Jag bekräftar datumet” och spara igen."
        )
    if received < clock.today().replace(year=clock.today().year - UNUSUAL_AGE_YEARS):
        return (
            f"Anmälan är daterad {received:%Y-%m-%d}, mer än {UNUSUAL_AGE_YEARS} år sedan. "
            "Kontrollera datumet. Om en äldre anmälan ska registreras, kryssa i "
            "”Jag bekräftar datumet” och spara igen. Tidsfristerna räknas från detta datum."
        )
    return None


def _validate_report(data: ReportInput) -> None:
    errors = Collector()
    if timezone.is_naive(data.received_at):
        errors.add("received_at", "Ange tidpunkten med tidszon, t.ex. 2026-03-02T09:15:00+01:00.")
    elif data.received_at.date() < EARLIEST_RECEIVED_DATE:  # as written: no conversion overflows
        errors.add(
            "received_at",
            f"Tidpunkten då anmälan kom in kan inte vara före {EARLIEST_RECEIVED_DATE:%Y-%m-%d}. "
            "Kontrollera året.",
        )
    elif data.received_at > clock.now() + CLOCK_SKEW:
        errors.add("received_at", "Tidpunkten då anmälan kom in kan inte ligga i framtiden.")
    errors.check(data.kind in c.ReportKind.values, "kind", "Okänd ärendetyp.")
    errors.check(data.channel in c.Channel.values, "channel", "Välj hur anmälan kom in.")
    errors.check(
        data.reporter.category in c.ReporterCategory.values,
        "reporter.category",
        "Välj anmälarens kategori.",
    )
    errors.check(data.urgency in c.Urgency.values, "urgency", "Okänd brådskegrad.")
    if not data.reasons:
        errors.add("reasons", "Ange minst ett skäl till oron.")
    for reason in data.reasons:
        if reason not in c.Reason.values:
            errors.add("reasons", f"Okänt skäl: {reason}.")
    if len(set(data.reasons)) != len(data.reasons):
        errors.add("reasons", "Samma skäl är angivet två gånger.")
    if data.kind == c.ReportKind.APPLICATION:
        errors.check(data.applicant in c.Applicant.values, "applicant", "Ange vem som ansöker.")
    if not data.children:
        errors.add("children", "Ange minst ett barn som anmälan gäller.")
    elif len(data.children) > MAX_CHILDREN_PER_REPORT:
        errors.add(
            "children",
            f"En anmälan kan gälla högst {MAX_CHILDREN_PER_REPORT} barn, inte "
            f"{len(data.children)}. Registrera övriga barn i en ny anmälan.",
        )
    # Too many children are refused as a whole, not checked one by one.
    children = data.children if len(data.children) <= MAX_CHILDREN_PER_REPORT else []
    for i, child in enumerate(children):
        validate_child(child, f"children.{i}", errors)
    # The same child written two ways (with or without century or dash) is still the same child.
    keys = [_child_key(ch) for ch in children]
    known = [k for k in keys if k is not None]
    if len(set(known)) != len(known):
        errors.add("children", "Samma barn är angivet två gånger.")
    if not errors.errors and not data.confirm_unusual_date:
        question = unusual_date(data)
        if question is not None:
            errors.add(CONFIRM_UNUSUAL_DATE, question)
    errors.raise_if_any()


def register_report(*, acting_user: User, data: ReportInput) -> Report:
    """Register a report or application and open one case per child (*registrera anmälan*).

    Everything it checks (the right, the input, the unit, the texts) is checked before its
    transaction begins; what it writes is written in one transaction, which joins the caller's
    without a savepoint of its own (a refusal is raised before anything is written, so it never
    leaves a caller's transaction to be rolled back). The new children, the cases, their journal
    events and the audit rows are each written in one statement however many children the
    report names. The report returned carries the reasons and the cases as registered, in
    order (``Report.registered_reasons``, ``Report.registered_cases``), so that an answer needs
    no second read.
    """
    if not policy.can_register_report(acting_user):
        raise Forbidden("Du har inte behörighet att registrera anmälningar.")
    assert acting_user.municipality_id is not None  # policy: only users of a municipality
    _validate_report(data)
    unit = _intake_unit(acting_user, data.unit_id)
    mandatory = data.reporter.mandatory
    if mandatory is None:
        received_on = timezone.localdate(data.received_at)
        mandatory = c.is_mandatory_reporter(data.reporter.category, received_on)
    if data.reporter.feedback_requested and not mandatory:
        raise InvalidInput.field("reporter.feedback_requested", _NOT_MANDATORY_FEEDBACK)
    report = Report(
        municipality_id=acting_user.municipality_id,
        unit=unit,
        kind=data.kind,
        received_at=data.received_at,
        channel=data.channel,
        reporter_category=data.reporter.category,
        reporter_mandatory=mandatory,
        reporter_name=data.reporter.name,
        reporter_organisation=data.reporter.organisation,
        reporter_contact=data.reporter.contact,
        applicant=data.applicant,
        account=data.account,
        urgency=data.urgency,
        registered_by=acting_user,
    )
    storedtext.refuse([report])
    # The unit is the municipality's (``_intake_unit``): its municipality, read with it, is the
    # user's, without a read of its own.
    municipality = (
        unit.municipality
        if unit.municipality_id == acting_user.municipality_id
        else acting_user.municipality
    )
    assert municipality is not None  # policy: only users of a municipality
    with transaction.atomic(savepoint=False):
        report.save(force_insert=True)
        ReportReason.objects.bulk_create(
            [ReportReason(report=report, reason=r) for r in data.reasons]
        )
        if data.reporter.feedback_requested:
            FeedbackRequest.objects.create(
                report=report,
                requested_on=timezone.localdate(data.received_at),
                recorded_by=acting_user,
            )
        report.registered_cases = _open_cases(acting_user, report, municipality, data.children)
        report.registered_reasons = list(data.reasons)
    return report


def _open_cases(
    acting_user: User, report: Report, municipality: Municipality, children: Sequence[ChildInput]
) -> list[Case]:
    """Open one case per child of ``report``, each journaled and audited, with the report's own
    audit row; return the cases in the children's order."""
    found = find_or_create_children(municipality, children, acting_user)
    responsible = acting_user if policy.responsible_for_own_reports(acting_user) else None
    cases = Case.objects.bulk_create(
        [
            Case(
                municipality_id=municipality.pk,
                unit=report.unit,
                child=child,
                report=report,
                responsible=responsible,
            )
            for child in found
        ]
    )
    text = f"{report.get_kind_display()} registrerad ({report.get_reporter_category_display()})."
    append_events(
        acting_user=acting_user,
        events=[(case, "report.registered", text) for case in cases],
    )
    audit.record_many(
        actor=acting_user,
        rows=[
            *(audit.Audited(case, case_id=case.pk, child_id=case.child_id) for case in cases),
            audit.Audited(report),
        ],
    )
    return cases


def _not_before_report(errors: Collector, case: Case, field_name: str, day: date) -> None:
    received = timezone.localdate(case.report.received_at)
    errors.check(
        day >= received,
        field_name,
        f"Datumet kan inte vara före den dag anmälan kom in ({received:%Y-%m-%d}).",
    )


def _not_in_future(errors: Collector, field_name: str, day: date) -> None:
    errors.check(day <= clock.today(), field_name, "Datumet kan inte ligga i framtiden.")


@case_action()
def make_protective_assessment(
    *,
    acting_user: User,
    case: Case,
    made_at: datetime,
    outcome: str,
    action: str = "",
    note: str = "",
) -> ProtectiveAssessment:
    """Record the protective assessment (*skyddsbedömning*); an emergency custody starts its clocks."""
    if hasattr(case, "protective_assessment"):
        raise StateConflict("Skyddsbedömningen är redan gjord för det här ärendet.")
    errors = Collector()
    if timezone.is_naive(made_at):
        errors.add("made_at", "Ange tidpunkten med tidszon.")
    else:
        errors.check(
            made_at >= case.report.received_at,
            "made_at",
            "Skyddsbedömningen kan inte göras innan anmälan kom in.",
        )
        errors.check(
            made_at <= clock.now() + CLOCK_SKEW, "made_at", "Tidpunkten kan inte ligga i framtiden."
        )
    errors.check(
        outcome in c.ProtectiveOutcome.values,
        "outcome",
        "Välj om barnet har ett omedelbart skyddsbehov.",
    )
    if outcome == c.ProtectiveOutcome.IMMEDIATE_NEED:
        errors.check(
            action in c.ProtectiveAction.values, "action", "Ange vilken skyddsåtgärd som vidtogs."
        )
    elif action:
        errors.add(
            "action", "En skyddsåtgärd anges bara när barnet har ett omedelbart skyddsbehov."
        )
    errors.raise_if_any()
    assessment = ProtectiveAssessment.objects.create(
        case=case,
        made_at=made_at,
        made_by=acting_user,
        outcome=outcome,
        action=action,
        note=note,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    if action == c.ProtectiveAction.EMERGENCY_CUSTODY:
        interventions.emergency_custody_taken(
            case=case, acting_user=acting_user, on=timezone.localdate(made_at)
        )
    record_action(
        acting_user=acting_user,
        case=case,
        event="protective_assessment.made",
        text=f"Skyddsbedömning: {assessment.get_outcome_display()}.",
        obj=assessment,
    )
    return assessment


@dataclass(frozen=True)
class PreliminaryInput:
    decided_on: date
    outcome: str
    child_heard: bool
    child_not_heard_reason: str = ""
    child_informed_of_rights: bool = False
    reason: str = ""
    followup_planned: bool = False
    guardians_contacted: bool = False
    reporter_contacted: bool = False
    chronology_considered: bool = False
    transferred_to: str = ""
    note: str = ""
    #: The caseworker the decider names to investigate (``opened`` only); None: the case goes to
    #: the investigating unit's queue "Att fördela" for its manager to assign.
    caseworker_id: int | None = None


@case_action()
def decide_preliminary_assessment(
    *, acting_user: User, case: Case, data: PreliminaryInput
) -> PreliminaryAssessment:
    """Decide the preliminary assessment (*förhandsbedömning*); ``opened`` opens the investigation."""
    if hasattr(case, "preliminary_assessment"):
        raise StateConflict("Förhandsbedömningen är redan beslutad för det här ärendet.")
    if case.phase != Phase.ASSESSMENT:
        raise StateConflict("Ärendet är inte längre i aktualiseringsfasen.")
    errors = Collector()
    _not_before_report(errors, case, "decided_on", data.decided_on)
    _not_in_future(errors, "decided_on", data.decided_on)
    errors.check(data.outcome in c.PreliminaryOutcome.values, "outcome", "Välj beslut.")
    if not data.child_heard:
        errors.check(
            bool(data.child_not_heard_reason.strip()),
            "child_not_heard_reason",
            "Skriv varför barnet inte kom till tals. Det ska alltid dokumenteras.",
        )
    if data.outcome == c.PreliminaryOutcome.NOT_OPENED:
        errors.check(
            data.reason in c.NotOpenedReason.values,
            "reason",
            "Ange skälet till att utredning inte inleds.",
        )
    elif data.reason:
        errors.add("reason", "Skäl anges bara när utredning inte inleds.")
    if data.outcome == c.PreliminaryOutcome.TRANSFERRED:
        errors.check(
            bool(data.transferred_to.strip()),
            "transferred_to",
            "Ange vilken kommun ärendet överlämnas till.",
        )
    if data.outcome == c.PreliminaryOutcome.REFERRED:
        errors.check(
            bool(data.transferred_to.strip()),
            "transferred_to",
            "Ange vilken verksamhet barnet eller familjen hänvisas till.",
        )
    ongoing = None
    if data.outcome == c.PreliminaryOutcome.JOINED_TO_ONGOING:
        ongoing = lifecycle.ongoing_investigation_case(case)
        errors.check(
            ongoing is not None,
            "outcome",
            "Det finns ingen pågående utredning om barnet att lägga anmälan till.",
        )
    caseworker = None
    if data.caseworker_id is not None:
        if data.outcome != c.PreliminaryOutcome.OPENED:
            errors.add("caseworker", "Handläggare väljs bara när utredning inleds.")
        caseworker = policy.handover_caseworkers(case).filter(pk=data.caseworker_id).first()
        errors.check(
            caseworker is not None,
            "caseworker",
            "Välj en aktiv handläggare i en utredningsenhet i din kommun.",
        )
    errors.raise_if_any()
    assessment = PreliminaryAssessment.objects.create(
        case=case,
        decided_on=data.decided_on,
        decided_by=acting_user,
        outcome=data.outcome,
        not_opened_reason=data.reason,
        followup_planned=data.followup_planned,
        child_heard=data.child_heard,
        child_not_heard_reason="" if data.child_heard else data.child_not_heard_reason,
        child_informed_of_rights=data.child_informed_of_rights,
        guardians_contacted=data.guardians_contacted,
        reporter_contacted=data.reporter_contacted,
        chronology_considered=data.chronology_considered,
        transferred_to=data.transferred_to,
        note=data.note,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    if data.outcome == c.PreliminaryOutcome.OPENED:
        lifecycle.investigation_opened(case)
        handed_over = _hand_over(acting_user, case, caseworker)
        investigations.start_investigation(case=case, opened_on=data.decided_on)
    elif data.outcome == c.PreliminaryOutcome.EARLY_HELP:
        handed_over = ""
        lifecycle.help_without_investigation(case)
    else:
        handed_over = ""
        lifecycle.investigation_not_opened(case, joined_to=ongoing)
    record_action(
        acting_user=acting_user,
        case=case,
        event="preliminary_assessment.decided",
        text=f"Förhandsbedömning beslutad: {assessment.get_outcome_display()}.",
        obj=assessment,
    )
    if handed_over:
        record_action(
            acting_user=acting_user,
            case=case,
            event="case.handed_over",
            text=handed_over,
            obj=case,
            action="update",
        )
    return assessment


def _hand_over(acting_user: User, case: Case, caseworker: User | None) -> str:
    """The preliminary assessment opened an investigation: hand the case over (*överlämning*).

    To ``caseworker`` when the decider named one (the case follows them to their investigation
    unit); else, when the case is still at intake, to the investigating unit's queue "Att
    fördela" (no one responsible until its manager assigns it). A case already in another unit,
    or in a municipality without an investigation unit, stays where it is. Returns the journal's
    sentence, "" when nothing moved.
    """
    if caseworker is not None:
        units = caseworker.units.order_by("pk")
        unit = units.filter(kind=Unit.Kind.INVESTIGATION).first() or units.first() or case.unit
        if caseworker.pk != case.responsible_id:
            assignment = CaseworkerAssignment.objects.create(
                case=case,
                caseworker=caseworker,
                previous_id=case.responsible_id,
                assigned_at=clock.now(),
                assigned_by=acting_user,
                reason="Utredning inleds",
            )
            audit.record(
                actor=acting_user,
                action="create",
                obj=assignment,
                case_id=case.pk,
                child_id=case.child_id,
            )
        case.responsible, case.unit = caseworker, unit
        lifecycle.touch(case, "responsible", "unit")
        name = caseworker.get_full_name() or caseworker.username
        return f"Överlämnat till {name}, {unit.name}."
    if case.unit.kind != Unit.Kind.INTAKE:
        return ""
    investigating = policy.investigating_unit(case)
    if investigating is None:
        return ""
    case.responsible, case.unit = None, investigating
    lifecycle.touch(case, "responsible", "unit")
    return f"Överlämnat till {investigating.name}: att fördela."


@case_action()
def record_feedback_request(
    *, acting_user: User, case: Case, requested_on: date
) -> FeedbackRequest:
    """Record that the reporter asked for feedback after the report came in (*återkoppling begärd*).

    The request belongs to the report, so it counts for every child the report is about.
    """
    report = case.report
    if hasattr(report, "feedback_request"):
        raise StateConflict("Anmälaren har redan begärt återkoppling.")
    if not report.reporter_mandatory:
        raise InvalidInput.field("requested_on", _NOT_MANDATORY_FEEDBACK)
    errors = Collector()
    _not_before_report(errors, case, "requested_on", requested_on)
    _not_in_future(errors, "requested_on", requested_on)
    errors.raise_if_any()
    request = FeedbackRequest.objects.create(
        report=report, requested_on=requested_on, recorded_by=acting_user
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="reporter_feedback.requested",
        text="Anmälaren har begärt återkoppling.",
        obj=request,
    )
    return request


@dataclass(frozen=True)
class FeedbackWording:
    """How one way of recording the reporter's feedback says the three shared refusals."""

    not_decided: str
    recorded: str
    before_decision: str


def _feedback_may_be_recorded(
    case: Case, errors: Collector, field_name: str, day: date, wording: FeedbackWording
) -> PreliminaryAssessment | None:
    """Check what sending and withholding the feedback share, and return the assessment.

    The preliminary assessment is decided (or an investigation of the child already runs, when
    the reporter is told at once); nothing is recorded yet (refused as a state conflict); ``day``
    is not before the assessment's decision (or the report) and not in the future (added to
    ``errors`` under ``field_name``).
    """
    decided = getattr(case, "preliminary_assessment", None)
    if decided is None and lifecycle.ongoing_investigation_case(case) is None:
        raise StateConflict(wording.not_decided)
    if hasattr(case, "reporter_feedback"):
        raise StateConflict(wording.recorded)
    if decided is not None:
        errors.check(day >= decided.decided_on, field_name, wording.before_decision)
    else:
        _not_before_report(errors, case, field_name, day)
    _not_in_future(errors, field_name, day)
    return decided


@case_action()
def send_reporter_feedback(*, acting_user: User, case: Case, sent_on: date) -> ReporterFeedback:
    """Record that the mandatory reporter got feedback (*återkoppling till anmälare*).

    After the preliminary assessment, or before it when an investigation of the child is
    already running (then the reporter is told so at once).
    """
    errors = Collector()
    decided = _feedback_may_be_recorded(
        case,
        errors,
        "sent_on",
        sent_on,
        FeedbackWording(
            not_decided="Återkoppling lämnas efter att förhandsbedömningen är beslutad.",
            recorded="Återkoppling är redan lämnad.",
            before_decision="Återkopplingen kan inte lämnas före beslutet om förhandsbedömning.",
        ),
    )
    errors.raise_if_any()
    feedback = ReporterFeedback.objects.create(
        case=case,
        sent_on=sent_on,
        sent_by=acting_user,
        # Opened by this report's assessment (not when it joined one already running).
        investigation_opened=decided is not None and decided.outcome == c.PreliminaryOutcome.OPENED,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="reporter_feedback.sent",
        text="Återkoppling lämnad till anmälaren.",
        obj=feedback,
    )
    return feedback


@case_action()
def withhold_reporter_feedback(
    *, acting_user: User, case: Case, decided_on: date, withheld_reason: str
) -> ReporterFeedback:
    """Record that the reporter gets no feedback because it would be inappropriate with regard to
    the circumstances (SoL 2025:400 19 kap. 6 § andra stycket), with the required reason.

    The feedback duty is then met by the law's exception: not overdue, the reason in its
    explanation. Like the feedback itself, decided once, after the preliminary assessment (or
    while an investigation of the child is already running).
    """
    if not case.report.reporter_mandatory:
        raise StateConflict("Anmälaren är inte anmälningsskyldig: ingen återkoppling är skyldig.")
    errors = Collector()
    decided = _feedback_may_be_recorded(
        case,
        errors,
        "decided_on",
        decided_on,
        FeedbackWording(
            not_decided="Återkoppling bedöms efter att förhandsbedömningen är beslutad.",
            recorded="Återkopplingen är redan registrerad.",
            before_decision="Bedömningen kan inte göras före beslutet om förhandsbedömning.",
        ),
    )
    errors.check(
        bool(withheld_reason.strip()),
        "withheld_reason",
        "Ange varför återkoppling vore olämplig med hänsyn till omständigheterna.",
    )
    errors.raise_if_any()
    feedback = ReporterFeedback.objects.create(
        case=case,
        sent_on=decided_on,
        sent_by=acting_user,
        investigation_opened=decided is not None and decided.outcome == c.PreliminaryOutcome.OPENED,
        withheld_reason=withheld_reason.strip(),
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="reporter_feedback.withheld",
        text="Återkoppling lämnas inte till anmälaren: den bedöms olämplig med hänsyn till "
        "omständigheterna (19 kap. 6 § SoL).",
        obj=feedback,
    )
    return feedback


@case_action()
def record_followup_contact(
    *, acting_user: User, case: Case, contacted_on: date, note: str = ""
) -> FollowUpContact:
    """Record a follow-up contact (*uppföljande kontakt*) with the child and family."""
    errors = Collector()
    _not_before_report(errors, case, "contacted_on", contacted_on)
    _not_in_future(errors, "contacted_on", contacted_on)
    errors.raise_if_any()
    contact = FollowUpContact.objects.create(
        case=case, contacted_on=contacted_on, contacted_by=acting_user, note=note
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="followup_contact.recorded",
        text="Uppföljande kontakt registrerad.",
        obj=contact,
    )
    return contact


@case_action(may=policy.can_assign, refusal="Bara enhetschefen kan fördela ärenden.")
def reassign_caseworker(
    *,
    acting_user: User,
    case: Case,
    caseworker: User,
    reason: str = "",
    expected_version: int | None = None,
) -> CaseworkerAssignment:
    """Make ``caseworker`` responsible for the case (*byte av ansvarig handläggare*)."""
    if expected_version is not None and case.version != expected_version:
        raise StaleEdit(
            "Ärendet har ändrats av någon annan sedan du öppnade det. Ladda om och försök igen."
        )
    if case.phase == Phase.CLOSED:
        raise StateConflict("Ärendet är avslutat.")
    if not policy.may_be_responsible(caseworker, case):
        raise InvalidInput.field("caseworker", "Välj en handläggare i din kommun.")
    if not caseworker.is_active:
        raise InvalidInput.field("caseworker", "Handläggaren är inte längre aktiv.")
    if caseworker.pk == case.responsible_id:
        raise StateConflict("Handläggaren är redan ansvarig för ärendet.")
    assignment = CaseworkerAssignment.objects.create(
        case=case,
        caseworker=caseworker,
        previous_id=case.responsible_id,
        assigned_at=clock.now(),
        assigned_by=acting_user,
        reason=reason,
    )
    previous_id = case.responsible_id
    case.responsible = caseworker
    # The case follows its caseworker to their unit (e.g. from intake to the investigation unit).
    if not caseworker.units.filter(pk=case.unit_id).exists():
        case.unit = caseworker.units.order_by("pk").first() or case.unit
    lifecycle.touch(case, "responsible", "unit")
    investigations.caseworker_changed(case=case, previous_id=previous_id, caseworker=caseworker)
    record_action(
        acting_user=acting_user,
        case=case,
        event="caseworker.reassigned",
        text=f"Ansvarig handläggare: {caseworker.get_full_name() or caseworker.username}.",
        obj=case,
        action="update",
    )
    audit.record(
        actor=acting_user, action="create", obj=assignment, case_id=case.pk, child_id=case.child_id
    )
    return assignment


@case_action()
def close_case(*, acting_user: User, case: Case) -> Case:
    """Close the case when nothing in it is still running (*avsluta ärende*)."""
    lifecycle.close(case)
    record_action(
        acting_user=acting_user,
        case=case,
        event="case.closed",
        text="Ärendet avslutat.",
        obj=case,
        action="update",
    )
    return case


@transaction.atomic
def register_adult_trigger(
    *,
    acting_user: User,
    guardian: Guardian,
    kind: str,
    occurred_on: date,
    adult_case_reference: str = "",
) -> AdultTrigger:
    """Register a trigger from an adult's case and link each of the guardian's children to a case.

    A child with an open case gets the trigger linked to it; a child without one gets a new
    internal report, so a preliminary assessment falls due for it.
    """
    if not policy.can_register_report(acting_user):
        raise Forbidden("Du har inte behörighet att registrera anmälningar.")
    assert acting_user.municipality_id is not None  # policy: only users of a municipality
    errors = Collector()
    errors.check(kind in c.AdultTriggerKind.values, "kind", "Välj vad som utlöste bedömningen.")
    _not_in_future(errors, "occurred_on", occurred_on)
    errors.check(
        guardian.municipality_id == acting_user.municipality_id,
        "guardian",
        "Vårdnadshavaren finns inte.",
    )
    errors.raise_if_any()
    trigger = AdultTrigger.objects.create(
        municipality_id=acting_user.municipality_id,
        kind=kind,
        occurred_on=occurred_on,
        guardian=guardian,
        adult_case_reference=adult_case_reference,
        registered_by=acting_user,
    )
    for child in guardian.children.all():
        case = lifecycle.open_cases_of_child(child.pk).first()
        if case is None:
            report = register_report(
                acting_user=acting_user,
                data=ReportInput(
                    received_at=clock.now(),
                    channel=c.Channel.INTERNAL,
                    reporter=ReporterInput(
                        category=c.ReporterCategory.SOCIAL_SERVICES, mandatory=True
                    ),
                    reasons=[
                        c.Reason.GUARDIAN_SUBSTANCE_ABUSE
                        if kind == c.AdultTriggerKind.LVM
                        else c.Reason.GUARDIAN_MENTAL_ILLNESS
                        if kind == c.AdultTriggerKind.LPT
                        else c.Reason.WITNESSED_VIOLENCE
                    ],
                    children=[
                        ChildInput(
                            personal_identity_number=child.personal_identity_number or "",
                            reserve_id=child.reserve_id or "",
                        )
                    ],
                    account=f"Vårdnadshavare: {trigger.get_kind_display()}.",
                ),
            )
            case = report.cases.get()
        link = AdultTriggerLink.objects.create(trigger=trigger, child=child, case=case)
        record_action(
            acting_user=acting_user,
            case=case,
            event="adult_trigger.linked",
            text=f"Kopplat till vuxenärende: {trigger.get_kind_display()}.",
            obj=link,
        )
    audit.record(actor=acting_user, action="create", obj=trigger)
    return trigger
