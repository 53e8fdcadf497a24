"""The LVU court path and the LVU measures (*LVU-ärenden hos förvaltningsrätten, LVU-åtgärder*).

Without consent the path leads to LVU (1 § andra stycket): the committee applies to the
administrative court for care (4 §), the court's judgment is recorded (date, granted or not,
appealed, the day it became final), and care is to start within four weeks of a final judgment
granting it (5 §). A court-granted extension of the time to apply for care after an emergency
custody (8 § andra stycket) is recorded on the custody. The measures (contact restriction and
secret whereabouts 14 §, compulsory support 22 §, removal ban 24 §, travel ban 31 a §) are
recorded with their reviews; care that ended before the child turned 18 is followed up (21 b §,
at most six months: 21 c §). Every write goes through ``case_action`` with an id, is journaled
and audited (``record_action``); the duties themselves are rules (``rules/registry.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, StaleEdit, StateConflict
from skyddsnat.interventions import choices as c
from skyddsnat.interventions.models import (
    EmergencyCustody,
    Intervention,
    LvuCourtCase,
    LvuFollowUp,
    LvuMeasure,
    LvuMeasureReview,
)
from skyddsnat.journal.services import record_action
from skyddsnat.rules import RULES
from skyddsnat.rules.registry import (
    LVU_CARE_APPLICATION,
    LVU_TRAVEL_BAN_APPLICATION,
)

FUTURE = "Datumet kan inte ligga i framtiden."


def _not_future(errors: Collector, field_name: str, day: date | None) -> None:
    if day is not None:
        errors.check(day <= clock.today(), field_name, FUTURE)


def _not_before_report(errors: Collector, case: Case, field_name: str, day: date) -> None:
    received = timezone.localdate(case.report.received_at)
    errors.check(
        day >= received,
        field_name,
        f"Datumet kan inte vara före den dag anmälan kom in ({received:%Y-%m-%d}).",
    )


def _expect(version: int, expected: int | None, what: str) -> None:
    if expected is not None and version != expected:
        raise StaleEdit(f"{what} har ändrats av någon annan. Ladda om och försök igen.")


@case_action()
def apply_for_lvu_care(
    *, acting_user: User, case: Case, applied_on: date, basis: str
) -> LvuCourtCase:
    """Record the committee's application to the administrative court for care under LVU (4 §).

    An emergency custody of the case still waiting for its application (8 §) is met by it.
    """
    errors = Collector()
    errors.check(
        basis in c.LVU_CARE_BASES, "basis", "Välj grund för vården: LVU 2 § eller LVU 3 §."
    )
    _not_future(errors, "applied_on", applied_on)
    _not_before_report(errors, case, "applied_on", applied_on)
    errors.raise_if_any()
    custody = (
        EmergencyCustody.objects.select_for_update()
        .filter(case=case, carried_out_on__isnull=False, care_applied_on__isnull=True)
        .order_by("-decided_on", "-pk")
        .first()
    )
    if custody is not None and applied_on >= custody.decided_on:
        custody.care_applied_on = applied_on
        custody.save(update_fields=["care_applied_on"])
    else:
        custody = None
    court_case = LvuCourtCase.objects.create(
        case=case,
        emergency_custody=custody,
        basis=basis,
        applied_on=applied_on,
        applied_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="lvu.care_applied",
        text=f"Ansökan om vård enligt LVU ({court_case.get_basis_display()}) inlämnad till "
        f"förvaltningsrätten {applied_on:%Y-%m-%d}.",
        obj=court_case,
    )
    return court_case


@case_action(subject=("court_case", LvuCourtCase, "Ansökan finns inte."))
def record_lvu_judgment(
    *,
    acting_user: User,
    court_case: LvuCourtCase,
    judgment_on: date,
    granted: bool,
    appealed: bool = False,
    final_on: date | None = None,
    expected_version: int | None = None,
) -> LvuCourtCase:
    """Record the court's judgment: its date, whether care was granted, whether it was appealed,
    and the day it became final (*laga kraft*). Recorded again when an appeal is decided."""
    _expect(court_case.version, expected_version, "Ansökan")
    if court_case.care_started_on is not None:
        raise StateConflict("Vården har redan påbörjats. Domen kan inte ändras.")
    errors = Collector()
    errors.check(
        judgment_on >= court_case.applied_on,
        "judgment_on",
        "Domen kan inte vara meddelad före ansökan.",
    )
    _not_future(errors, "judgment_on", judgment_on)
    if final_on is not None:
        errors.check(
            final_on >= judgment_on,
            "final_on",
            "Domen kan inte ha vunnit laga kraft före den meddelades.",
        )
        _not_future(errors, "final_on", final_on)
    errors.raise_if_any()
    court_case.judgment_on = judgment_on
    court_case.granted = granted
    court_case.appealed = appealed
    court_case.final_on = final_on
    court_case.version += 1
    court_case.save(update_fields=["judgment_on", "granted", "appealed", "final_on", "version"])
    outcome = "vård beslutad" if granted else "ansökan avslagen"
    state = (
        f", laga kraft {final_on:%Y-%m-%d}"
        if final_on
        else (", överklagad" if appealed else ", ännu inte laga kraft")
    )
    record_action(
        acting_user=acting_user,
        case=court_case.case,
        event="lvu.judgment",
        text=f"Förvaltningsrättens dom {judgment_on:%Y-%m-%d}: {outcome}{state}.",
        obj=court_case,
        action="update",
    )
    return court_case


@case_action(subject=("court_case", LvuCourtCase, "Ansökan finns inte."))
def record_lvu_care_started(
    *, acting_user: User, court_case: LvuCourtCase, started_on: date
) -> LvuCourtCase:
    """Record that care under LVU started (5 §: within four weeks of the final judgment)."""
    if not court_case.granted or court_case.judgment_on is None:
        raise StateConflict("Vården kan påbörjas först när rätten har beslutat om vård.")
    if court_case.care_started_on is not None:
        raise StateConflict("Vårdens start är redan registrerad.")
    errors = Collector()
    errors.check(
        started_on >= court_case.judgment_on,
        "started_on",
        "Vården kan inte ha påbörjats före domen.",
    )
    _not_future(errors, "started_on", started_on)
    errors.raise_if_any()
    court_case.care_started_on = started_on
    court_case.version += 1
    court_case.save(update_fields=["care_started_on", "version"])
    record_action(
        acting_user=acting_user,
        case=court_case.case,
        event="lvu.care_started",
        text=f"Vården enligt LVU påbörjad {started_on:%Y-%m-%d}.",
        obj=court_case,
        action="update",
    )
    return court_case


@case_action(subject=("custody", EmergencyCustody, "Omhändertagandet finns inte."))
def record_application_extension(
    *, acting_user: User, custody: EmergencyCustody, granted_on: date, extended_to: date
) -> EmergencyCustody:
    """Record that the court extended the time to apply for care (LVU 8 § andra stycket)."""
    if custody.carried_out_on is None:
        raise StateConflict("Omhändertagandet är inte verkställt: ansökningstiden har inte börjat.")
    if custody.care_applied_on is not None:
        raise StateConflict("Ansökan om vård är redan gjord.")
    rule = RULES.in_force(LVU_CARE_APPLICATION, custody.carried_out_on)
    original = rule.period.after(custody.carried_out_on) if rule else custody.carried_out_on
    errors = Collector()
    errors.check(
        granted_on >= custody.decided_on,
        "granted_on",
        "Förlängningen kan inte vara medgiven före beslutet om omhändertagande.",
    )
    _not_future(errors, "granted_on", granted_on)
    errors.check(
        extended_to > original,
        "extended_to",
        f"Den nya sista dagen måste vara efter den ordinarie ({original:%Y-%m-%d}).",
    )
    errors.raise_if_any()
    custody.extension_granted_on = granted_on
    custody.application_extended_to = extended_to
    custody.save(update_fields=["extension_granted_on", "application_extended_to"])
    record_action(
        acting_user=acting_user,
        case=custody.case,
        event="lvu.application_extended",
        text=f"Förvaltningsrätten medgav förlängd tid för ansökan om vård, till "
        f"{extended_to:%Y-%m-%d}.",
        obj=custody,
        action="update",
    )
    return custody


@case_action()
def decide_lvu_measure(
    *,
    acting_user: User,
    case: Case,
    kind: str,
    decided_on: date,
    by_court: bool = False,
    note: str = "",
) -> LvuMeasure:
    """Record an LVU measure (14, 22, 24 or 31 a §); its reviews are rules from ``decided_on``."""
    errors = Collector()
    errors.check(kind in c.LvuMeasureKind.values, "kind", "Välj åtgärd.")
    _not_future(errors, "decided_on", decided_on)
    _not_before_report(errors, case, "decided_on", decided_on)
    if kind in c.COURT_MEASURES:
        errors.check(
            by_court,
            "by_court",
            "Flyttningsförbud och utreseförbud beslutas av förvaltningsrätten. Ett förbud som "
            "nämnden beslutar registreras som tillfälligt flyttningsförbud eller tillfälligt "
            "utreseförbud.",
        )
    if kind in c.TEMPORARY_BANS:
        errors.check(
            not by_court,
            "by_court",
            "Registrera nämndens tillfälliga förbud här; rättens tillfälliga förbud efter "
            "nämndens ansökan (27 § tredje stycket, 31 d § tredje stycket) har ingen "
            "underställning.",
        )
    errors.raise_if_any()
    measure = LvuMeasure.objects.create(
        case=case,
        kind=kind,
        decided_on=decided_on,
        by_court=by_court,
        recorded_by=acting_user,
        note=note.strip(),
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="lvu.measure_decided",
        text=f"LVU-åtgärd beslutad {decided_on:%Y-%m-%d}: {measure.get_kind_display()}.",
        obj=measure,
    )
    return measure


def fill_once(
    record: object, given: dict[str, Any], errors: Collector
) -> tuple[dict[str, Any], list[str]]:
    """Return the record's court path with the new values ``given`` filled in (``merged``) and
    the names that are new (``changed``): a value once recorded is not changed, a day is not in
    the future, and something must be new. Errors go to ``errors``."""
    merged: dict[str, Any] = {}
    changed = []
    for name, new in given.items():
        old = getattr(record, name)
        if new is not None and old is not None and new != old:
            errors.check(False, name, "Uppgiften är redan registrerad och kan inte ändras.")
        if new is not None and old is None:
            changed.append(name)
            if isinstance(new, date):
                _not_future(errors, name, new)
        merged[name] = old if old is not None else new
    errors.check(bool(changed), next(iter(given)), "Ange något nytt att registrera.")
    return merged, changed


_BAN_STEP_WORDS = {
    "court_submitted_on": "underställt förvaltningsrätten",
    "confirmed_on": "fastställt av förvaltningsrätten",
    "ban_applied_on": "ansökan om förbud gjord",
    "extension_granted_on": "förlängning medgiven",
    "application_extended_to": "förlängd ansökningstid till",
}


@case_action(subject=("measure", LvuMeasure, "Åtgärden finns inte."))
def record_temporary_ban_court_steps(
    *,
    acting_user: User,
    measure: LvuMeasure,
    court_submitted_on: date | None = None,
    confirmed_on: date | None = None,
    ban_applied_on: date | None = None,
    extension_granted_on: date | None = None,
    application_extended_to: date | None = None,
    expected_version: int | None = None,
) -> LvuMeasure:
    """Record the court path of a temporary ban the committee decided: submitted to the
    administrative court (28 § with 7 §, 31 e §), confirmed by it, the application for the ban
    itself (29 §, 31 f §) and, for a travel ban, a court-granted extension of that time (31 f §).
    A day already recorded is not changed. When the court does not confirm the ban, or decides
    the application, the ban ends (``end_lvu_measure``: 30 §, 31 g §)."""
    measure = _running_measure(measure)
    _expect(measure.version, expected_version, "Åtgärden")
    if not measure.is_temporary_ban:
        raise StateConflict("Bara nämndens tillfälliga förbud underställs förvaltningsrätten.")
    given = {
        "court_submitted_on": court_submitted_on,
        "confirmed_on": confirmed_on,
        "ban_applied_on": ban_applied_on,
        "extension_granted_on": extension_granted_on,
        "application_extended_to": application_extended_to,
    }
    errors = Collector()
    merged, changed = fill_once(measure, given, errors)
    submitted, confirmed = merged["court_submitted_on"], merged["confirmed_on"]
    if submitted is not None:
        errors.check(
            submitted >= measure.decided_on,
            "court_submitted_on",
            "Underställningen kan inte vara före beslutet.",
        )
    if confirmed is not None:
        errors.check(
            submitted is not None and confirmed >= submitted,
            "confirmed_on",
            "Rätten kan fastställa förbudet först när det är underställt.",
        )
    if merged["ban_applied_on"] is not None:
        errors.check(
            submitted is not None and merged["ban_applied_on"] >= submitted,
            "ban_applied_on",
            "Ansökan om förbud registreras efter underställningen.",
        )
    if merged["extension_granted_on"] is not None or merged["application_extended_to"] is not None:
        errors.check(
            measure.kind in c.EXTENDABLE_BANS,
            "extension_granted_on",
            "Tiden för ansökan om flyttningsförbud kan inte förlängas (29 §).",
        )
        errors.check(
            merged["extension_granted_on"] is not None
            and merged["application_extended_to"] is not None,
            "application_extended_to",
            "Ange både dagen rätten medgav förlängningen och den nya sista dagen.",
        )
        errors.check(
            confirmed is not None,
            "extension_granted_on",
            "Ansökningstiden löper först när rätten fastställt förbudet (31 f §).",
        )
        extended_to = merged["application_extended_to"]
        if confirmed is not None and extended_to is not None:
            rule = RULES.in_force(LVU_TRAVEL_BAN_APPLICATION, confirmed)
            original = rule.period.after(confirmed) if rule else confirmed
            errors.check(
                extended_to > original,
                "application_extended_to",
                f"Den nya sista dagen måste vara efter den ordinarie ({original:%Y-%m-%d}).",
            )
    errors.raise_if_any()
    for name in changed:
        setattr(measure, name, merged[name])
    measure.version += 1
    measure.save(update_fields=[*changed, "version"])
    words = ", ".join(f"{_BAN_STEP_WORDS[n]} {merged[n]:%Y-%m-%d}" for n in changed)
    record_action(
        acting_user=acting_user,
        case=measure.case,
        event="lvu.temporary_ban_court",
        text=f"{measure.get_kind_display()}: {words}.",
        obj=measure,
        action="update",
    )
    return measure


def _running_measure(measure: LvuMeasure) -> LvuMeasure:
    if measure.ended_on is not None:
        raise StateConflict("Åtgärden har upphört.")
    return measure


@case_action(subject=("measure", LvuMeasure, "Åtgärden finns inte."))
def review_lvu_measure(
    *,
    acting_user: User,
    measure: LvuMeasure,
    held_on: date,
    still_needed: bool,
    note: str = "",
) -> LvuMeasureReview:
    """Record a consideration or review of an LVU measure; when it is no longer needed the
    committee decides that it ends (14 §, 22 §, 26 § andra stycket, 31 c § andra stycket)."""
    measure = _running_measure(measure)
    errors = Collector()
    errors.check(
        held_on >= measure.decided_on, "held_on", "Prövningen kan inte vara före beslutet."
    )
    _not_future(errors, "held_on", held_on)
    errors.raise_if_any()
    review = LvuMeasureReview.objects.create(
        measure=measure,
        held_on=held_on,
        still_needed=still_needed,
        recorded_by=acting_user,
        note=note.strip(),
    )
    if not still_needed:
        measure.ended_on = held_on
        measure.version += 1
        measure.save(update_fields=["ended_on", "version"])
    outcome = "behövs fortfarande" if still_needed else "behövs inte längre och upphör"
    record_action(
        acting_user=acting_user,
        case=measure.case,
        event="lvu.measure_reviewed",
        text=f"{measure.get_kind_display()} övervägd {held_on:%Y-%m-%d}: {outcome}.",
        obj=review,
    )
    return review


@case_action(subject=("measure", LvuMeasure, "Åtgärden finns inte."))
def end_lvu_measure(
    *,
    acting_user: User,
    measure: LvuMeasure,
    ended_on: date,
    expected_version: int | None = None,
) -> LvuMeasure:
    """Record that an LVU measure ended (decided to end, lapsed, or the child turned 18)."""
    measure = _running_measure(measure)
    _expect(measure.version, expected_version, "Åtgärden")
    errors = Collector()
    errors.check(
        ended_on >= measure.decided_on, "ended_on", "Åtgärden kan inte upphöra före beslutet."
    )
    _not_future(errors, "ended_on", ended_on)
    errors.raise_if_any()
    measure.ended_on = ended_on
    measure.version += 1
    measure.save(update_fields=["ended_on", "version"])
    record_action(
        acting_user=acting_user,
        case=measure.case,
        event="lvu.measure_ended",
        text=f"{measure.get_kind_display()} upphörde {ended_on:%Y-%m-%d}.",
        obj=measure,
        action="update",
    )
    return measure


@case_action(subject=("intervention", Intervention, "Insatsen finns inte."))
def start_lvu_follow_up(
    *, acting_user: User, intervention: Intervention, started_on: date, note: str = ""
) -> LvuFollowUp:
    """Start the follow-up after LVU care ended (21 b §); it ends within six months (21 c §)."""
    if intervention.basis not in c.LVU_CARE_BASES:
        raise StateConflict("Uppföljning enligt 21 b § LVU gäller vård enligt LVU.")
    if intervention.ended_on is None:
        raise StateConflict("Uppföljningen inleds när vården har upphört.")
    if LvuFollowUp.objects.filter(intervention=intervention).exists():
        raise StateConflict("Uppföljningen är redan inledd.")
    errors = Collector()
    errors.check(
        started_on >= intervention.ended_on,
        "started_on",
        "Uppföljningen kan inte inledas före vårdens slut.",
    )
    _not_future(errors, "started_on", started_on)
    errors.raise_if_any()
    follow_up = LvuFollowUp.objects.create(
        case=intervention.case,
        intervention=intervention,
        started_on=started_on,
        recorded_by=acting_user,
        note=note.strip(),
    )
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event="lvu.follow_up_started",
        text=f"Uppföljning efter avslutad LVU-vård inledd {started_on:%Y-%m-%d}.",
        obj=follow_up,
    )
    return follow_up


@case_action(subject=("follow_up", LvuFollowUp, "Uppföljningen finns inte."))
def end_lvu_follow_up(*, acting_user: User, follow_up: LvuFollowUp, ended_on: date) -> LvuFollowUp:
    """End the follow-up after LVU care (21 c § tredje stycket: at most six months)."""
    if follow_up.ended_on is not None:
        raise StateConflict("Uppföljningen är redan avslutad.")
    errors = Collector()
    errors.check(
        ended_on >= follow_up.started_on,
        "ended_on",
        "Uppföljningen kan inte avslutas före den inleddes.",
    )
    _not_future(errors, "ended_on", ended_on)
    errors.raise_if_any()
    follow_up.ended_on = ended_on
    follow_up.save(update_fields=["ended_on"])
    record_action(
        acting_user=acting_user,
        case=follow_up.case,
        event="lvu.follow_up_ended",
        text=f"Uppföljning efter avslutad LVU-vård avslutad {ended_on:%Y-%m-%d}.",
        obj=follow_up,
        action="update",
    )
    return follow_up
