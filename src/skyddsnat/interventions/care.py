"""Emergency placements and youth offending (*jourhem, ungdomsärenden*; decision 0034).

- A child may be cared for in an emergency foster home (*jourhem*) at most two months after the
  investigation closed, longer for special reasons (22 kap. 4 § andra stycket SoL 2025:400):
  the committee's decision to let the child stay longer is a ``StayExtension`` of the placement.
- The prosecutor's request for the committee's statement about a young suspect (11 § LUL) is a
  ``LulStatement``, due on the prosecutor's day, sent with the measures the committee plans.
- Youth community service (*ungdomstjänst*) is a ``YouthService``: it starts at the latest two
  months after the judgment became final, with a work plan and a supervisor (18 kap. 8 §),
  unless special reasons speak against it: those are recorded on the service and meet the duty.

Every write goes through ``case_action`` with an id, is journaled and audited
(``record_action``); the duties themselves are rules (``rules/registry.py``).
"""

from __future__ import annotations

from datetime import date

from skyddsnat.accounts.models import User
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, StateConflict
from skyddsnat.interventions import choices as c
from skyddsnat.interventions.lvu import _expect, _not_before_report, _not_future
from skyddsnat.interventions.models import Intervention, LulStatement, StayExtension, YouthService
from skyddsnat.journal.services import record_action

#: The most hours a court can sentence to youth community service (32 kap. 2 § brottsbalken:
#: between 20 and 150 hours).
MAX_YOUTH_SERVICE_HOURS = 150
MIN_YOUTH_SERVICE_HOURS = 20


@case_action(subject=("intervention", Intervention, "Insatsen finns inte."))
def extend_jourhem_stay(
    *,
    acting_user: User,
    intervention: Intervention,
    decided_on: date,
    extended_to: date,
    reasons: str,
) -> StayExtension:
    """Record the committee's decision that the child may stay longer in the emergency foster
    home than two months after the investigation closed (22 kap. 4 § andra stycket)."""
    if intervention.kind != c.Kind.EMERGENCY_FOSTER_HOME:
        raise StateConflict("Bara en placering i jourhem har en tidsgräns att förlänga.")
    if intervention.ended_on is not None:
        raise StateConflict("Placeringen har avslutats.")
    investigation = getattr(intervention.case, "investigation", None)
    closed_on = getattr(investigation, "closed_on", None)
    if closed_on is None:
        raise StateConflict(
            "Utredningen pågår: tiden i jourhemmet räknas först från att den avslutats."
        )
    errors = Collector()
    errors.check(bool(reasons.strip()), "reasons", "Ange de särskilda skälen.")
    errors.check(
        decided_on >= closed_on,
        "decided_on",
        f"Beslutet kan inte vara före utredningens avslut ({closed_on:%Y-%m-%d}).",
    )
    _not_future(errors, "decided_on", decided_on)
    errors.check(
        extended_to > decided_on, "extended_to", "Den nya sista dagen måste vara efter beslutet."
    )
    errors.raise_if_any()
    extension = StayExtension.objects.create(
        intervention=intervention,
        decided_on=decided_on,
        extended_to=extended_to,
        reasons=reasons.strip(),
        recorded_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event="care.jourhem_extended",
        text=f"Nämnden beslutade {decided_on:%Y-%m-%d} att barnet av särskilda skäl får vårdas "
        f"i jourhemmet till och med {extended_to:%Y-%m-%d} (22 kap. 4 § SoL).",
        obj=extension,
    )
    return extension


@case_action()
def register_lul_request(
    *,
    acting_user: User,
    case: Case,
    requested_on: date,
    due_on: date,
    prosecutor_reference: str = "",
) -> LulStatement:
    """Record the prosecutor's request for a statement about a young suspect (11 § LUL), with
    the last day the prosecutor set."""
    errors = Collector()
    _not_future(errors, "requested_on", requested_on)
    _not_before_report(errors, case, "requested_on", requested_on)
    errors.check(due_on >= requested_on, "due_on", "Sista dagen kan inte vara före begäran.")
    errors.raise_if_any()
    statement = LulStatement.objects.create(
        case=case,
        requested_on=requested_on,
        due_on=due_on,
        prosecutor_reference=prosecutor_reference.strip(),
        recorded_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="care.lul_requested",
        text=f"Åklagaren begärde yttrande enligt 11 § LUL {requested_on:%Y-%m-%d}, "
        f"sista dag {due_on:%Y-%m-%d}.",
        obj=statement,
    )
    return statement


@case_action(subject=("statement", LulStatement, "Begäran om yttrande finns inte."))
def submit_lul_statement(
    *,
    acting_user: User,
    statement: LulStatement,
    submitted_on: date,
    planned_measures: str,
    expected_version: int | None = None,
) -> LulStatement:
    """Record that the statement was sent to the prosecutor, with the measures the committee
    plans for the young person (11 § LUL)."""
    _expect(statement.version, expected_version, "Yttrandet")
    if statement.submitted_on is not None:
        raise StateConflict("Yttrandet är redan skickat.")
    errors = Collector()
    errors.check(
        bool(planned_measures.strip()),
        "planned_measures",
        "Ange vilka åtgärder nämnden avser att vidta.",
    )
    errors.check(
        submitted_on >= statement.requested_on,
        "submitted_on",
        "Yttrandet kan inte vara skickat före begäran.",
    )
    _not_future(errors, "submitted_on", submitted_on)
    errors.raise_if_any()
    statement.submitted_on = submitted_on
    statement.planned_measures = planned_measures.strip()
    statement.version += 1
    statement.save(update_fields=["submitted_on", "planned_measures", "version"])
    record_action(
        acting_user=acting_user,
        case=statement.case,
        event="care.lul_submitted",
        text=f"Yttrande enligt 11 § LUL skickat till åklagaren {submitted_on:%Y-%m-%d}.",
        obj=statement,
        action="update",
    )
    return statement


@case_action()
def register_youth_service(
    *,
    acting_user: User,
    case: Case,
    final_on: date,
    hours: int,
    supervisor: str = "",
    work_plan: str = "",
) -> YouthService:
    """Record a judgment of youth community service that became final (18 kap. 8 § SoL)."""
    errors = Collector()
    _not_future(errors, "final_on", final_on)
    _not_before_report(errors, case, "final_on", final_on)
    errors.check(
        MIN_YOUTH_SERVICE_HOURS <= hours <= MAX_YOUTH_SERVICE_HOURS,
        "hours",
        f"Ungdomstjänst döms ut i lägst {MIN_YOUTH_SERVICE_HOURS} och högst "
        f"{MAX_YOUTH_SERVICE_HOURS} timmar.",
    )
    errors.raise_if_any()
    service = YouthService.objects.create(
        case=case,
        final_on=final_on,
        hours=hours,
        supervisor=supervisor.strip(),
        work_plan=work_plan.strip(),
        recorded_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="care.youth_service_registered",
        text=f"Dom på ungdomstjänst, {hours} timmar, fick laga kraft {final_on:%Y-%m-%d}.",
        obj=service,
    )
    return service


@case_action(subject=("service", YouthService, "Ungdomstjänsten finns inte."))
def start_youth_service(
    *,
    acting_user: User,
    service: YouthService,
    started_on: date,
    supervisor: str,
    work_plan: str,
    expected_version: int | None = None,
) -> YouthService:
    """Record that the youth community service started, with its work plan and supervisor
    (18 kap. 8 § andra stycket SoL)."""
    _expect(service.version, expected_version, "Ungdomstjänsten")
    if service.started_on is not None:
        raise StateConflict("Ungdomstjänsten är redan påbörjad.")
    errors = Collector()
    errors.check(bool(supervisor.strip()), "supervisor", "Ange handledaren.")
    errors.check(bool(work_plan.strip()), "work_plan", "Skriv arbetsplanen.")
    errors.check(
        started_on >= service.final_on,
        "started_on",
        "Ungdomstjänsten kan inte påbörjas före domen fick laga kraft.",
    )
    _not_future(errors, "started_on", started_on)
    errors.raise_if_any()
    service.started_on = started_on
    service.supervisor = supervisor.strip()
    service.work_plan = work_plan.strip()
    service.version += 1
    service.save(update_fields=["started_on", "supervisor", "work_plan", "version"])
    record_action(
        acting_user=acting_user,
        case=service.case,
        event="care.youth_service_started",
        text=f"Ungdomstjänsten påbörjad {started_on:%Y-%m-%d}.",
        obj=service,
        action="update",
    )
    return service


@case_action(subject=("service", YouthService, "Ungdomstjänsten finns inte."))
def record_youth_service_special_reasons(
    *,
    acting_user: User,
    service: YouthService,
    recorded_on: date,
    special_reasons: str,
    expected_version: int | None = None,
) -> YouthService:
    """Record the special reasons against starting the youth community service within two
    months of the judgment becoming final (18 kap. 8 § första stycket SoL): the duty is then
    met by the law's exception, with the reasons in its explanation."""
    _expect(service.version, expected_version, "Ungdomstjänsten")
    if service.started_on is not None:
        raise StateConflict("Ungdomstjänsten är redan påbörjad.")
    if service.special_reasons_on is not None:
        raise StateConflict("Särskilda skäl är redan registrerade.")
    errors = Collector()
    errors.check(bool(special_reasons.strip()), "special_reasons", "Ange de särskilda skälen.")
    errors.check(
        recorded_on >= service.final_on,
        "recorded_on",
        "Skälen kan inte registreras före domen fick laga kraft.",
    )
    _not_future(errors, "recorded_on", recorded_on)
    errors.raise_if_any()
    service.special_reasons = special_reasons.strip()
    service.special_reasons_on = recorded_on
    service.version += 1
    service.save(update_fields=["special_reasons", "special_reasons_on", "version"])
    record_action(
        acting_user=acting_user,
        case=service.case,
        event="care.youth_service_special_reasons",
        text=f"Särskilda skäl mot att påbörja ungdomstjänsten inom två månader registrerade "
        f"{recorded_on:%Y-%m-%d}.",
        obj=service,
        action="update",
    )
    return service
