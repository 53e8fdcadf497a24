"""Investigation services (*utreda*): plan, triangle, conversations, requests, extension, closing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.cases import lifecycle
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.choices import Basis, DecidedBy, Kind
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, InvalidInput, StaleEdit, StateConflict
from skyddsnat.investigations import bbic
from skyddsnat.investigations import choices as c
from skyddsnat.investigations.models import (
    ChildConversation,
    Communication,
    DelayReasonEntry,
    Extension,
    ExternalRequest,
    Investigation,
    OpeningInformation,
    TriangleAssessment,
)
from skyddsnat.journal.services import record_action
from skyddsnat.limits import MAX_EXTENSION_MONTHS
from skyddsnat.rules import ExtensionFacts, add_months, investigation_due_date
from skyddsnat.signing import ensure_unsigned


def _open_investigation(case: Case) -> Investigation:
    investigation = Investigation.objects.select_for_update().filter(case_id=case.pk).first()
    if investigation is None:
        raise StateConflict("Ärendet har ingen utredning.")
    if investigation.closed_on is not None:
        raise StateConflict("Utredningen är avslutad och kan inte ändras.")
    return investigation


def current_due_date(investigation: Investigation, as_of: date | None = None) -> date:
    """Return the investigation's due date after the extensions decided by ``as_of``."""
    extensions = tuple(
        ExtensionFacts(decided_on=e.decided_on, new_due_date=e.new_due_date)
        for e in investigation.extensions.all()
    )
    return investigation_due_date(investigation.opened_on, extensions, as_of or clock.today())


def _dated(errors: Collector, investigation: Investigation, field_name: str, day: date) -> None:
    errors.check(
        day >= investigation.opened_on,
        field_name,
        f"Datumet kan inte vara före den dag utredningen inleddes ({investigation.opened_on:%Y-%m-%d}).",
    )
    errors.check(day <= clock.today(), field_name, "Datumet kan inte ligga i framtiden.")


@case_action()
def update_plan(
    *,
    acting_user: User,
    case: Case,
    questions: str,
    contacts: str,
    child_participation: str,
    expected_version: int | None = None,
) -> Investigation:
    """Write the investigation plan (*utredningsplan*)."""
    investigation = _open_investigation(case)
    if expected_version is not None and investigation.version != expected_version:
        raise StaleEdit(
            "Utredningen har ändrats av någon annan sedan du öppnade den. Ladda om och försök igen."
        )
    investigation.plan_questions = questions
    investigation.plan_contacts = contacts
    investigation.plan_child_participation = child_participation
    investigation.version += 1
    investigation.save(
        update_fields=["plan_questions", "plan_contacts", "plan_child_participation", "version"]
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.plan_updated",
        text="Utredningsplanen uppdaterad.",
        obj=investigation,
        action="update",
    )
    return investigation


def sibling_investigations(case: Case) -> list[Investigation]:
    """Return the open investigations of the other children of ``case``'s report (its siblings
    in the report: one case per child per report), in case order, with their case and child."""
    return list(
        Investigation.objects.select_related("case__child")
        .filter(
            case__report_id=case.report_id,
            case__municipality_id=case.municipality_id,
            closed_on__isnull=True,
        )
        .exclude(case_id=case.pk)
        .order_by("case_id")
    )


def _sharing_targets(
    acting_user: User, case: Case, area: str, text: str
) -> list[tuple[Investigation, TriangleAssessment | None]]:
    """Return the open sibling investigations the family's ``area`` is written into, with the
    row each already has: those the user may change; another's is left alone.

    A sibling's own text (not shared) that differs is not overwritten: ``StaleEdit`` naming
    the sibling, and the action's transaction writes nothing. A sibling documented under
    another BBIC version without the sub-area is left alone.
    """
    targets = []
    for sibling in sibling_investigations(case):
        if not policy.can_write_case(acting_user, sibling.case):
            continue
        if area not in bbic.area_codes(sibling.bbic_version):
            continue
        locked = Investigation.objects.select_for_update().filter(pk=sibling.pk).first()
        if locked is None or locked.closed_on is not None:
            continue
        row = (
            TriangleAssessment.objects.select_for_update()
            .filter(investigation=sibling, area=area)
            .first()
        )
        if row is not None and not row.shared and row.text.strip() not in ("", text.strip()):
            raise StaleEdit(
                f"{str(sibling.case.child).strip()} har redan en egen text om "
                f"{bbic.area_name(area, sibling.bbic_version)} i sin utredning. Ingenting "
                "sparades. Läs den och skriv området där, eller spara utan att texten gäller "
                "alla syskon."
            )
        targets.append((sibling, row))
    return targets


@case_action()
def assess_triangle_area(
    *,
    acting_user: User,
    case: Case,
    area: str,
    text: str,
    rating: str,
    sources: Sequence[str] = (),
    expected_version: int | None = None,
    for_siblings: bool = False,
) -> TriangleAssessment:
    """Document one BBIC sub-area: what is known, how it is rated, and from whom.

    ``for_siblings`` ("Gäller alla syskon i anmälan", a sub-area that describes the family
    only: ``bbic.is_family_area``): the same text, rating and sources are written into every
    open investigation of the report's other children that the user may change, each marked
    shared and audited on its own child's case (decision 0037).
    """
    investigation = _open_investigation(case)
    errors = Collector()
    errors.check(
        area in bbic.area_codes(investigation.bbic_version),
        "area",
        "Okänt område i BBIC-triangeln.",
    )
    errors.check(
        rating in c.Rating.values, "rating", "Välj bedömning: styrka, oro eller inte utrett."
    )
    if for_siblings:
        errors.check(
            bbic.is_family_area(area),
            "for_siblings",
            "Bara områdena om familjen (Föräldrarnas förmåga, Familj och miljö) kan gälla alla "
            "syskon; barnets egen utveckling skrivs i barnets egen utredning.",
        )
    errors.raise_if_any()
    row, created = TriangleAssessment.objects.select_for_update().get_or_create(
        investigation=investigation,
        area=area,
        defaults={
            "text": text,
            "rating": rating,
            "sources": list(sources),
            "updated_by": acting_user,
        },
    )
    if not created and expected_version is not None and row.version != expected_version:
        raise StaleEdit(
            "Området har ändrats av någon annan sedan du öppnade det. Ladda om och försök igen."
        )
    targets = _sharing_targets(acting_user, case, area, text) if for_siblings else []
    if not created:
        row.text, row.rating, row.sources, row.updated_by = text, rating, list(sources), acting_user
        row.version += 1
    row.shared = bool(targets)
    row.written_in = investigation if targets else None
    row.save()
    audit.record(
        actor=acting_user,
        action="create" if created else "update",
        obj=row,
        case_id=case.pk,
        child_id=case.child_id,
    )
    for sibling, copy in targets:
        _write_shared_copy(acting_user, sibling, copy, row)
    return row


def _write_shared_copy(
    acting_user: User,
    sibling: Investigation,
    copy: TriangleAssessment | None,
    row: TriangleAssessment,
) -> None:
    """Write ``row`` (the family's sub-area, shared) into the sibling's investigation, audited
    on the sibling's case."""
    created = copy is None
    if copy is None:
        copy = TriangleAssessment(investigation=sibling, area=row.area, version=0)
    copy.text, copy.rating, copy.sources = row.text, row.rating, list(row.sources)
    copy.updated_by = acting_user
    copy.shared, copy.written_in = True, row.investigation
    copy.version += 1
    copy.save()
    audit.record(
        actor=acting_user,
        action="create" if created else "update",
        obj=copy,
        case_id=sibling.case_id,
        child_id=sibling.case.child_id,
    )


@case_action()
def record_child_conversation(
    *,
    acting_user: User,
    case: Case,
    held_on: date,
    alone: bool,
    child_view: str,
    present: str = "",
) -> ChildConversation:
    """Record a conversation with the child (*barnsamtal*) and the child's view, signed."""
    investigation = _open_investigation(case)
    errors = Collector()
    _dated(errors, investigation, "held_on", held_on)
    errors.check(
        bool(child_view.strip()),
        "child_view",
        "Skriv barnets inställning, med barnets egna ord där det går.",
    )
    if not alone:
        errors.check(bool(present.strip()), "present", "Ange vem som var med i samtalet.")
    errors.raise_if_any()
    conversation = ChildConversation.objects.create(
        investigation=investigation,
        held_on=held_on,
        alone=alone,
        present=present,
        child_view=child_view,
        recorded_by=acting_user,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.child_conversation",
        text="Barnsamtal " + ("enskilt." if alone else "med andra närvarande."),
        obj=conversation,
    )
    return conversation


@case_action()
def record_external_request(
    *, acting_user: User, case: Case, actor: str, sent_on: date, note: str = ""
) -> ExternalRequest:
    """Record a request for information to another actor (school, health care …)."""
    investigation = _open_investigation(case)
    errors = Collector()
    errors.check(actor in c.Actor.values, "actor", "Välj vem begäran gick till.")
    _dated(errors, investigation, "sent_on", sent_on)
    errors.raise_if_any()
    request = ExternalRequest.objects.create(
        investigation=investigation,
        actor=actor,
        sent_on=sent_on,
        note=note,
        recorded_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.request_sent",
        text=f"Begäran om uppgifter skickad till {request.get_actor_display().lower()}.",
        obj=request,
    )
    return request


@case_action()
def record_request_answer(
    *, acting_user: User, case: Case, request_id: int, answered_on: date
) -> ExternalRequest:
    """Record when another actor answered; the waiting time is what it cost the investigation."""
    investigation = _open_investigation(case)
    request = (
        ExternalRequest.objects.select_for_update()
        .filter(pk=request_id, investigation=investigation)
        .first()
    )
    if request is None:
        raise InvalidInput.field("request", "Begäran finns inte i utredningen.")
    if request.answered_on is not None:
        raise StateConflict("Svaret är redan registrerat.")
    errors = Collector()
    errors.check(
        answered_on >= request.sent_on, "answered_on", "Svaret kan inte komma före begäran."
    )
    errors.check(answered_on <= clock.today(), "answered_on", "Datumet kan inte ligga i framtiden.")
    errors.raise_if_any()
    request.answered_on = answered_on
    request.save(update_fields=["answered_on"])
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.request_answered",
        text=f"Svar från {request.get_actor_display().lower()} registrerat.",
        obj=request,
        action="update",
    )
    return request


@case_action()
def extend_investigation(
    *,
    acting_user: User,
    case: Case,
    decided_on: date,
    decided_by: str,
    reason: str,
    new_due_date: date,
) -> Extension:
    """Record the decision to extend the investigation (*förlängning*): it replaces the due date.

    It must be decided before the current due date has passed, give a reason, and move the
    due date later, by at most ``limits.MAX_EXTENSION_MONTHS`` months (an extension is "för
    viss tid"; a further need is a new decision).
    """
    investigation = _open_investigation(case)
    current = current_due_date(investigation, decided_on)
    latest = add_months(current, MAX_EXTENSION_MONTHS)
    errors = Collector()
    _dated(errors, investigation, "decided_on", decided_on)
    errors.check(
        decided_by in DecidedBy.values,
        "decided_by",
        "Ange om nämnden eller en delegat beslutade.",
    )
    errors.check(bool(reason.strip()), "reason", "Ange skälet till förlängningen.")
    errors.check(
        decided_on <= current,
        "decided_on",
        f"Förlängning måste beslutas innan utredningstiden går ut ({current:%Y-%m-%d}).",
    )
    errors.check(
        new_due_date > current,
        "new_due_date",
        f"Det nya slutdatumet måste vara senare än det nuvarande ({current:%Y-%m-%d}).",
    )
    errors.check(
        new_due_date <= latest,
        "new_due_date",
        f"En förlängning får flytta slutdatumet högst {MAX_EXTENSION_MONTHS} månader, till "
        f"{latest:%Y-%m-%d}. Utredningen förlängs för viss tid; behövs mer tid senare fattas "
        "ett nytt beslut om förlängning.",
    )
    errors.raise_if_any()
    extension = Extension.objects.create(
        investigation=investigation,
        decided_on=decided_on,
        decided_by=decided_by,
        reason=reason,
        new_due_date=new_due_date,
        recorded_by=acting_user,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.extended",
        text=f"Utredningstiden förlängd till {new_due_date:%Y-%m-%d} ({extension.get_decided_by_display().lower()}).",
        obj=extension,
    )
    return extension


@case_action()
def record_communication(
    *, acting_user: User, case: Case, communicated_on: date, party: str
) -> Communication:
    """Record that the material was communicated to a party before the decision (*kommunicering*)."""
    investigation = _open_investigation(case)
    errors = Collector()
    _dated(errors, investigation, "communicated_on", communicated_on)
    errors.check(bool(party.strip()), "party", "Ange vem materialet kommunicerades med.")
    errors.raise_if_any()
    communication = Communication.objects.create(
        investigation=investigation,
        communicated_on=communicated_on,
        party=party,
        recorded_by=acting_user,
    )
    investigation.communicated_on = investigation.communicated_on or communicated_on
    investigation.save(update_fields=["communicated_on"])
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.communicated",
        text="Utredningen kommunicerad.",
        obj=communication,
    )
    return communication


@case_action()
def record_opening_information(
    *,
    acting_user: User,
    case: Case,
    recipient: str,
    informed_on: date,
    method: str = "",
    withheld_reason: str = "",
) -> OpeningInformation:
    """Record that the guardians or the child were told the investigation was opened (20 kap.
    4 § SoL 2025:400: at once, unless special reasons speak against it; then the reason)."""
    investigation = Investigation.objects.select_for_update().filter(case_id=case.pk).first()
    if investigation is None:
        raise StateConflict("Ärendet har ingen utredning.")
    if investigation.opening_information.filter(recipient=recipient).exists():
        raise StateConflict("Informationen är redan registrerad.")
    errors = Collector()
    errors.check(
        recipient in c.Informed.values,
        "recipient",
        "Ange vem som informerades, vårdnadshavarna eller barnet.",
    )
    _dated(errors, investigation, "informed_on", informed_on)
    errors.check(
        bool(method.strip() or withheld_reason.strip()),
        "method",
        "Ange hur informationen lämnades, eller de särskilda skälen mot att lämna den.",
    )
    errors.raise_if_any()
    information = OpeningInformation.objects.create(
        investigation=investigation,
        recipient=recipient,
        informed_on=informed_on,
        method=method.strip(),
        withheld_reason=withheld_reason.strip(),
        recorded_by=acting_user,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    who = information.get_recipient_display().lower()
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.opening_information",
        text=f"Information om att utredning inletts: {who} "
        + ("informerades inte (särskilda skäl)." if withheld_reason.strip() else "informerade."),
        obj=information,
    )
    return information


@dataclass(frozen=True)
class CloseInput:
    closed_on: date
    outcome: str
    analysis: str = ""
    delay_reasons: Sequence[str] = ()
    delay_other_text: str = ""
    support_person_offered: bool = False
    child_view_documented: bool = True
    child_view_not_documented_reason: str = ""
    #: Why it is closed although BBIC areas are undocumented or the material was not
    #: communicated (``missing_before_closing``); required only then.
    incomplete_reason: str = ""
    #: The intervention the investigation proposes (codes of ``cases.choices.Basis`` and
    #: ``Kind``), when its outcome leads to one; the decision after it starts from them.
    proposed_basis: str = ""
    proposed_kind: str = ""


def missing_before_closing(investigation: Investigation) -> list[str]:
    """Return what the investigation lacks before it is closed, in Swedish, one item each: the
    BBIC sub-areas with no description, and the communication of the material to the parties
    (*kommunicering*, 25 § förvaltningslagen 2017:900)."""
    version = investigation.bbic_version
    areas = bbic.area_codes(version)
    described = {row.area for row in investigation.triangle.all() if row.text.strip()}
    undocumented = [bbic.area_name(a, version) for a in areas if a not in described]
    missing = []
    if undocumented:
        missing.append(
            f"{len(undocumented)} av {len(areas)} områden i BBIC-triangeln saknar "
            f"beskrivning: {', '.join(undocumented)}."
        )
    if not investigation.communications.exists():
        missing.append("Materialet har inte kommunicerats med parterna.")
    return missing


def start_investigation(*, case: Case, opened_on: date) -> Investigation:
    """Open the investigation (*inleda utredning*) the preliminary assessment decided.

    Called by ``intake.services.decide_preliminary_assessment`` inside its transaction, after
    the lifecycle moved the case to the investigation phase; the case's responsible
    caseworker becomes its first investigator. It is documented in the BBIC version of its
    opening day (``bbic.version_for``), kept for good (decision 0044).
    """
    investigation = Investigation(
        case=case, opened_on=opened_on, bbic_version=bbic.version_for(opened_on)
    )
    investigation.legal_basis = investigation.legal_reference  # the law in force on opened_on
    investigation.save()
    if case.responsible_id:
        investigation.investigators.add(case.responsible_id)
    return investigation


def caseworker_changed(*, case: Case, previous_id: int | None, caseworker: User) -> None:
    """The case's responsible caseworker changed: an open investigation follows.

    Called by ``intake.services.reassign_caseworker`` inside its transaction: the new
    caseworker becomes an investigator and the previous one stops being one.
    """
    investigation = Investigation.objects.filter(case_id=case.pk, closed_on__isnull=True).first()
    if investigation is None:
        return
    if previous_id is not None:
        investigation.investigators.remove(previous_id)
    investigation.investigators.add(caseworker)


#: The outcomes that propose an intervention (the case goes on to a decision).
PROPOSING = (c.Outcome.INTERVENTION, c.Outcome.LVU_APPLICATION)


def _check_proposal(errors: Collector, data: CloseInput) -> None:
    """The proposed legal basis and kind: known codes, and only with an outcome that proposes
    an intervention (never help without an assessment, 11 kap. 5 § SoL, after an investigation)."""
    proposes = data.outcome in PROPOSING
    for field_name, value, known, unknown in (
        ("proposed_basis", data.proposed_basis, Basis.values, "Okänt lagrum"),
        ("proposed_kind", data.proposed_kind, Kind.values, "Okänd insats"),
    ):
        if not value:
            continue
        if value not in known:
            errors.add(field_name, f"{unknown}: {value}.")
        elif not proposes:
            errors.add(
                field_name,
                "Ett förslag på insats hör bara till en utredning som leder till insats eller "
                "ansökan om vård enligt LVU.",
            )
    errors.check(
        data.proposed_kind != Kind.HELP_WITHOUT_ASSESSMENT,
        "proposed_kind",
        "Insats utan individuell behovsprövning föregås inte av en utredning.",
    )


@case_action()
def close_investigation(*, acting_user: User, case: Case, data: CloseInput) -> Investigation:
    """Close the investigation with its outcome; it is signed and frozen from now on."""
    investigation = _open_investigation(case)
    ensure_unsigned(investigation)
    due = current_due_date(investigation, data.closed_on)
    errors = Collector()
    _dated(errors, investigation, "closed_on", data.closed_on)
    errors.check(data.outcome in c.Outcome.values, "outcome", "Välj utredningens resultat.")
    for reason in data.delay_reasons:
        errors.check(reason in c.DelayReason.values, "delay_reasons", f"Okänt skäl: {reason}.")
    if data.closed_on > due:
        errors.check(
            bool(data.delay_reasons),
            "delay_reasons",
            f"Utredningen blev klar efter sista dag ({due:%Y-%m-%d}). Ange skälen till förseningen.",
        )
    if c.DelayReason.OTHER in data.delay_reasons:
        errors.check(
            bool(data.delay_other_text.strip()), "delay_other_text", "Beskriv det andra skälet."
        )
    if not data.child_view_documented:
        errors.check(
            bool(data.child_view_not_documented_reason.strip()),
            "child_view_not_documented_reason",
            "Skriv varför barnets inställning inte är dokumenterad.",
        )
    _check_proposal(errors, data)
    missing = missing_before_closing(investigation)
    if missing:
        errors.check(
            bool(data.incomplete_reason.strip()),
            "incomplete_reason",
            " ".join(missing) + " Skriv varför utredningen ändå avslutas.",
        )
    errors.raise_if_any()
    now = clock.now()
    investigation.closed_on = data.closed_on
    investigation.closed_by = acting_user
    investigation.outcome = data.outcome
    investigation.analysis = data.analysis or investigation.analysis
    investigation.support_person_offered = data.support_person_offered
    investigation.child_view_documented = data.child_view_documented
    investigation.child_view_not_documented_reason = data.child_view_not_documented_reason
    investigation.closed_incomplete_reason = data.incomplete_reason.strip() if missing else ""
    investigation.delay_other_text = data.delay_other_text
    investigation.proposed_basis = data.proposed_basis or None
    investigation.proposed_kind = data.proposed_kind or None
    investigation.signed_at = now
    investigation.signed_by = acting_user
    investigation.version += 1
    investigation.save()
    DelayReasonEntry.objects.bulk_create(
        [
            DelayReasonEntry(investigation=investigation, reason=r)
            for r in dict.fromkeys(data.delay_reasons)
        ]
    )
    lifecycle.investigation_closed(
        case,
        leads_to_intervention=data.outcome in PROPOSING,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="investigation.closed",
        text=f"Utredningen avslutad: {investigation.get_outcome_display()}.",
        obj=investigation,
        action="update",
    )
    return investigation
