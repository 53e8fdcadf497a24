"""Protected housing for a child without the other guardian's consent (*skyddat boende utan
samtycke*), lag (2024:79) om placering av barn i skyddat boende (decision 0043).

A child may be granted protected housing together with a guardian who is granted it under SoL,
although the other guardian does not consent (3 kap. 1–2 §§). The administrative court decides
on the committee's application (3 kap. 3 §); when the court cannot be awaited the committee (or
its chair) takes an immediate decision (4 kap. 1 §), submitted to the court within a week
(4 kap. 3–4 §§), after which the committee applies within six weeks of the placement's start
(4 kap. 6 §, which the court may extend). The court's decision lapses unless the placement has
started within four weeks of the day it became final (3 kap. 4 §). The committee considers at
least every six months whether it should continue (5 kap. 3 §) and decides that it ends when
there is no longer reason for it (7 kap. 1 §).

``ProtectedHousingOrder`` is a register updated as the court answers (like ``LvuCourtCase``):
the guardian who did not consent and the decision are never changed once recorded; a court date
once recorded is not changed either. A consideration is a signed record (append-only). Every
write goes through ``case_action``, is journaled and audited (``record_action``); the duties
themselves are rules (``rules/registry.py``, ``protected_housing_*``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, StateConflict
from skyddsnat.interventions import choices as c
from skyddsnat.interventions.lvu import _expect, _not_before_report, _not_future, fill_once
from skyddsnat.interventions.models import (
    Intervention,
    ProtectedHousingConsideration,
    ProtectedHousingOrder,
)
from skyddsnat.journal.services import record_action
from skyddsnat.people.models import GuardianRelation
from skyddsnat.rules import RULES
from skyddsnat.rules.registry import PROTECTED_HOUSING_APPLICATION, PROTECTED_HOUSING_LAW

IN_FORCE = (
    f"Lagen (2024:79) om placering av barn i skyddat boende gäller från "
    f"{PROTECTED_HOUSING_LAW:%Y-%m-%d}."
)


def custodial_guardians(case: Case) -> list[GuardianRelation]:
    """The child's guardians with custody whose relation has not ended."""
    return list(
        GuardianRelation.objects.filter(
            child_id=case.child_id, has_custody=True, ended_on__isnull=True
        )
        .exclude(
            kind__in=(
                GuardianRelation.Kind.SIBLING,
                GuardianRelation.Kind.FOSTER_PARENT,
                GuardianRelation.Kind.CONTACT_PERSON,
            )
        )
        .select_related("guardian")
        .order_by("guardian__last_name", "guardian__first_name", "pk")
    )


def _placement(case: Case, intervention_id: int | None, errors: Collector) -> Intervention | None:
    if intervention_id is None:
        return None
    placement = Intervention.objects.filter(pk=intervention_id, case=case).first()
    errors.check(
        placement is not None and placement.kind == c.Kind.PROTECTED_HOUSING,
        "intervention_id",
        "Välj en placering i skyddat boende i ärendet.",
    )
    if placement is not None and placement.kind == c.Kind.PROTECTED_HOUSING:
        linked = ProtectedHousingOrder.objects.filter(intervention=placement).exists()
        errors.check(
            not linked,
            "intervention_id",
            "Placeringen har redan en registrering enligt lagen (2024:79).",
        )
        return placement
    return None


@case_action()
def record_protected_housing_order(
    *,
    acting_user: User,
    case: Case,
    non_consenting_guardian_id: int,
    immediate_decided_on: date | None = None,
    applied_on: date | None = None,
    intervention_id: int | None = None,
    placement_started_on: date | None = None,
    note: str = "",
) -> ProtectedHousingOrder:
    """Record that the child's protected housing rests on lag (2024:79), without the consent of
    ``non_consenting_guardian``: the committee's immediate decision (4 kap. 1 §) or its
    application to the court (3 kap. 3 §)."""
    errors = Collector()
    guardians = custodial_guardians(case)
    errors.check(
        any(r.guardian_id == non_consenting_guardian_id for r in guardians),
        "non_consenting_guardian_id",
        "Välj den vårdnadshavare som inte samtycker.",
    )
    errors.check(
        len(guardians) >= 2,
        "non_consenting_guardian_id",
        "Lagen gäller när barnet har två vårdnadshavare och den ena inte samtycker "
        "(1 kap. 1 § lagen (2024:79)).",
    )
    errors.check(
        immediate_decided_on is not None or applied_on is not None,
        "immediate_decided_on",
        "Ange dagen för nämndens beslut om omedelbar insats eller dagen för ansökan till "
        "förvaltningsrätten.",
    )
    for name, day in (("immediate_decided_on", immediate_decided_on), ("applied_on", applied_on)):
        if day is not None:
            _not_future(errors, name, day)
            _not_before_report(errors, case, name, day)
            errors.check(day >= PROTECTED_HOUSING_LAW, name, IN_FORCE)
    if immediate_decided_on is not None and applied_on is not None:
        errors.check(
            applied_on >= immediate_decided_on,
            "applied_on",
            "Ansökan efter en omedelbar insats kan inte vara före beslutet.",
        )
    placement = _placement(case, intervention_id, errors)
    if placement_started_on is None and placement is not None:
        # the placement's start, once it has come (a later start is recorded when it comes)
        placement_started_on = placement.start_on if placement.start_on <= clock.today() else None
    _not_future(errors, "placement_started_on", placement_started_on)
    errors.raise_if_any()
    order = ProtectedHousingOrder.objects.create(
        case=case,
        intervention=placement,
        non_consenting_guardian_id=non_consenting_guardian_id,
        immediate_decided_on=immediate_decided_on,
        applied_on=applied_on,
        placement_started_on=placement_started_on,
        recorded_by=acting_user,
        note=note.strip(),
    )
    how = (
        f"nämndens beslut om omedelbar insats {immediate_decided_on:%Y-%m-%d} (4 kap. 1 §)"
        if immediate_decided_on
        else f"ansökan till förvaltningsrätten {applied_on:%Y-%m-%d} (3 kap. 3 §)"
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="protected_housing.order_recorded",
        text=f"Skyddat boende utan en vårdnadshavares samtycke enligt lagen (2024:79): {how}.",
        obj=order,
    )
    return order


@dataclass(frozen=True)
class CourtSteps:
    """What the court and the committee did since: each a day, None when not (yet) recorded."""

    court_submitted_on: date | None = None
    confirmed_on: date | None = None
    applied_on: date | None = None
    extension_granted_on: date | None = None
    application_extended_to: date | None = None
    court_decided_on: date | None = None
    granted: bool | None = None
    final_on: date | None = None
    placement_started_on: date | None = None


_STEP_WORDS = {
    "court_submitted_on": "underställt förvaltningsrätten",
    "confirmed_on": "fastställt av förvaltningsrätten",
    "applied_on": "ansökan till förvaltningsrätten",
    "extension_granted_on": "förlängning medgiven",
    "application_extended_to": "förlängd ansökningstid till",
    "court_decided_on": "rättens beslut",
    "granted": "skyddat boende beviljat",
    "final_on": "laga kraft",
    "placement_started_on": "placeringen påbörjad",
}


def _check_order_steps(order: ProtectedHousingOrder, new: CourtSteps, errors: Collector) -> None:
    immediate = order.immediate_decided_on
    if new.court_submitted_on is not None:
        errors.check(
            immediate is not None,
            "court_submitted_on",
            "Det finns inget beslut om omedelbar insats att underställa.",
        )
        if immediate is not None:
            errors.check(
                new.court_submitted_on >= immediate,
                "court_submitted_on",
                "Underställningen kan inte vara före beslutet.",
            )
    if new.confirmed_on is not None:
        errors.check(
            new.court_submitted_on is not None and new.confirmed_on >= new.court_submitted_on,
            "confirmed_on",
            "Rätten kan fastställa beslutet först när det är underställt.",
        )
    if new.extension_granted_on is not None or new.application_extended_to is not None:
        errors.check(
            new.extension_granted_on is not None and new.application_extended_to is not None,
            "application_extended_to",
            "Ange både dagen rätten medgav förlängningen och den nya sista dagen.",
        )
        errors.check(
            new.confirmed_on is not None and new.placement_started_on is not None,
            "extension_granted_on",
            "Ansökningstiden löper först när rätten fastställt beslutet och placeringen "
            "påbörjats (4 kap. 6 §).",
        )
        if new.placement_started_on and new.application_extended_to:
            rule = RULES.in_force(PROTECTED_HOUSING_APPLICATION, new.placement_started_on)
            original = rule.period.after(new.placement_started_on) if rule else None
            errors.check(
                original is None or new.application_extended_to > original,
                "application_extended_to",
                f"Den nya sista dagen måste vara efter den ordinarie ({original}).",
            )
    if new.granted is not None or new.final_on is not None:
        errors.check(
            new.court_decided_on is not None,
            "court_decided_on",
            "Ange dagen för rättens beslut.",
        )
        errors.check(
            new.applied_on is not None, "court_decided_on", "Rätten beslutar efter ansökan."
        )
    if new.court_decided_on is not None:
        errors.check(new.granted is not None, "granted", "Ange om skyddat boende beviljades.")
        if new.applied_on is not None:
            errors.check(
                new.court_decided_on >= new.applied_on,
                "court_decided_on",
                "Rättens beslut kan inte vara före ansökan.",
            )
    if new.final_on is not None and new.court_decided_on is not None:
        errors.check(
            new.final_on >= new.court_decided_on,
            "final_on",
            "Beslutet kan inte ha fått laga kraft före det meddelades.",
        )


@case_action(subject=("order", ProtectedHousingOrder, "Registreringen finns inte."))
def record_protected_housing_court_steps(
    *,
    acting_user: User,
    order: ProtectedHousingOrder,
    court_submitted_on: date | None = None,
    confirmed_on: date | None = None,
    applied_on: date | None = None,
    extension_granted_on: date | None = None,
    application_extended_to: date | None = None,
    court_decided_on: date | None = None,
    granted: bool | None = None,
    final_on: date | None = None,
    placement_started_on: date | None = None,
    expected_version: int | None = None,
) -> ProtectedHousingOrder:
    """Record the court path's next steps: the submission (4 kap. 3 §), the court's
    confirmation, the application (3 kap. 3 §, 4 kap. 6 §), a court-granted extension (4 kap.
    6 § andra stycket), the court's decision and the day it became final (3 kap. 4 §), and the
    day the placement started (5 kap. 2 §). A day already recorded is not changed."""
    _expect(order.version, expected_version, "Registreringen")
    if order.ended_on is not None:
        raise StateConflict("Insatsen har upphört.")
    steps = CourtSteps(
        court_submitted_on=court_submitted_on,
        confirmed_on=confirmed_on,
        applied_on=applied_on,
        extension_granted_on=extension_granted_on,
        application_extended_to=application_extended_to,
        court_decided_on=court_decided_on,
        granted=granted,
        final_on=final_on,
        placement_started_on=placement_started_on,
    )
    errors = Collector()
    merged, changed = fill_once(order, {n: getattr(steps, n) for n in _STEP_WORDS}, errors)
    _check_order_steps(order, CourtSteps(**merged), errors)
    errors.raise_if_any()
    for name in changed:
        setattr(order, name, merged[name])
    order.version += 1
    order.save(update_fields=[*changed, "version"])
    words = ", ".join(f"{_STEP_WORDS[n]} {_show(merged[n])}" for n in changed)
    record_action(
        acting_user=acting_user,
        case=order.case,
        event="protected_housing.court_steps",
        text=f"Skyddat boende utan samtycke (lagen 2024:79): {words}.",
        obj=order,
        action="update",
    )
    return order


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


@case_action(subject=("order", ProtectedHousingOrder, "Registreringen finns inte."))
def consider_protected_housing(
    *,
    acting_user: User,
    order: ProtectedHousingOrder,
    held_on: date,
    continues: bool,
    note: str = "",
) -> ProtectedHousingConsideration:
    """Record the committee's consideration whether the protected housing should continue
    (5 kap. 3 §); when it should not, the committee has decided that it ends (7 kap. 1 §).
    Signed when recorded: append-only."""
    if order.ended_on is not None:
        raise StateConflict("Insatsen har upphört.")
    errors = Collector()
    started = order.placement_started_on
    errors.check(
        started is not None,
        "held_on",
        "Placeringen har inte påbörjats: registrera först den dag barnet kom till boendet.",
    )
    if started is not None:
        errors.check(
            held_on >= started, "held_on", "Övervägandet kan inte vara före placeringens start."
        )
    _not_future(errors, "held_on", held_on)
    errors.raise_if_any()
    consideration = ProtectedHousingConsideration.objects.create(
        order=order,
        held_on=held_on,
        continues=continues,
        recorded_by=acting_user,
        note=note.strip(),
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    if not continues:
        order.ended_on = held_on
        order.version += 1
        order.save(update_fields=["ended_on", "version"])
    outcome = "insatsen fortsätter" if continues else "insatsen ska upphöra (7 kap. 1 §)"
    record_action(
        acting_user=acting_user,
        case=order.case,
        event="protected_housing.considered",
        text=f"Skyddat boende utan samtycke övervägt {held_on:%Y-%m-%d} (5 kap. 3 § lagen "
        f"(2024:79)): {outcome}.",
        obj=consideration,
    )
    return consideration
