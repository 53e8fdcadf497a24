"""Decide and end the follow-up of a child's situation (SoL 2025:400 23 kap.).

``decide_follow_up`` records the committee's decision to follow up the child's situation after
an investigation closed without an intervention (23 kap. 1 §) or a placement ended (2 §), with
whose consent it rests on: the guardians' and the child's, or none when the child is judged to
be in particular need of the committee's protection or support (1 and 2 §§). It ends at the
latest six months after the investigation closed or the placement ended (5 §; the rule
``follow_up`` in ``rules/registry.py`` gives the day by the law in force then). The case is in
the phase ``follow_up`` until ``end_follow_up`` records the end and its outcome; then it closes.

Both go through ``case_action`` (decision 0010), are signed when recorded (append-only), and
are journaled and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.cases import lifecycle
from skyddsnat.cases.actions import case_action
from skyddsnat.cases.models import Case
from skyddsnat.errors import Collector, StateConflict
from skyddsnat.followups import choices as c
from skyddsnat.followups.models import FollowUp, FollowUpEnd
from skyddsnat.interventions.models import Intervention
from skyddsnat.journal.services import record_action
from skyddsnat.rules import RULES, RuleSettings
from skyddsnat.rules.registry import FOLLOW_UP

NOT_FOUND = "Uppföljningen finns inte."


@dataclass(frozen=True)
class FollowUpInput:
    basis: str
    decided_on: date
    consent: str
    purpose: str
    planned_end_on: date
    special_need_reason: str = ""
    placement_id: int | None = None
    guardians_informed_on: date | None = None
    child_informed_on: date | None = None


@dataclass(frozen=True)
class FollowUpEndInput:
    ended_on: date
    outcome: str
    note: str = ""
    guardians_informed_on: date | None = None
    child_informed_on: date | None = None


def last_day(started_from: date) -> date | None:
    """Return the last day of a follow-up counted from ``started_from`` (None: no rule then)."""
    rule = RULES.in_force(FOLLOW_UP, started_from)
    if rule is None:
        return None
    return rule.unadjusted_due_date(started_from, RuleSettings())


def _start(
    errors: Collector, case: Case, data: FollowUpInput
) -> tuple[date | None, Intervention | None]:
    """Return the day the follow-up counts from, and the placement it follows (if any)."""
    if data.basis == c.Basis.AFTER_INVESTIGATION:
        investigation = getattr(case, "investigation", None)
        if investigation is None or investigation.closed_on is None:
            errors.add("basis", "Ärendet har ingen avslutad utredning att följa upp.")
            return None, None
        errors.check(
            not case.decisions.exists(),
            "basis",
            "Utredningen ledde till beslut om insats. Uppföljning efter utredning gäller "
            "utredningar som avslutats utan insats.",
        )
        errors.check(
            data.placement_id is None,
            "placement",
            "Välj placering bara vid uppföljning efter placering.",
        )
        return investigation.closed_on, None
    if data.basis == c.Basis.AFTER_PLACEMENT:
        placement = (
            case.interventions.filter(pk=data.placement_id).first()
            if data.placement_id is not None
            else None
        )
        if placement is None or placement.kind not in c.PLACEMENT_KINDS:
            errors.add(
                "placement",
                "Välj den placering i familjehem, jourhem eller HVB som har upphört.",
            )
            return None, None
        if placement.ended_on is None:
            errors.add("placement", "Placeringen pågår fortfarande. Avsluta den först.")
            return None, None
        return placement.ended_on, placement
    errors.add("basis", "Välj om uppföljningen gäller en avslutad utredning eller placering.")
    return None, None


def _informed(errors: Collector, name: str, day: date | None, earliest: date) -> None:
    if day is None:
        return
    errors.check(day <= clock.today(), name, "Datumet kan inte ligga i framtiden.")
    errors.check(day >= earliest, name, "Informationen kan inte ha lämnats före beslutet.")


@case_action()
def decide_follow_up(*, acting_user: User, case: Case, data: FollowUpInput) -> FollowUp:
    """Decide to follow up the child's situation (23 kap. 1–2 §§): the case is followed up."""
    if case.follow_ups.filter(end__isnull=True).exists():
        raise StateConflict("En uppföljning pågår redan i ärendet.")
    errors = Collector()
    started_from, placement = _start(errors, case, data)
    errors.check(
        data.consent in c.Consent.values, "consent", "Ange vilket samtycke uppföljningen bygger på."
    )
    if data.consent == c.Consent.WITHOUT_CONSENT:
        errors.check(
            bool(data.special_need_reason.strip()),
            "special_need_reason",
            "Beskriv varför barnet bedöms vara i särskilt behov av nämndens skydd eller stöd. "
            "Utan det kräver uppföljningen vårdnadshavarnas och barnets samtycke.",
        )
    errors.check(bool(data.purpose.strip()), "purpose", "Skriv vad uppföljningen ska följa.")
    errors.check(
        data.decided_on <= clock.today(), "decided_on", "Datumet kan inte ligga i framtiden."
    )
    if started_from is not None:
        errors.check(
            data.decided_on >= started_from,
            "decided_on",
            f"Uppföljningen kan inte beslutas före {started_from:%Y-%m-%d}, då utredningen "
            "avslutades eller placeringen upphörde.",
        )
        latest = last_day(started_from)
        if latest is None:
            errors.add("basis", "Lagen gav ingen uppföljning vid den tiden.")
        else:
            errors.check(
                data.decided_on < latest,
                "decided_on",
                f"Tiden för uppföljning gick ut {latest:%Y-%m-%d}.",
            )
            errors.check(
                data.planned_end_on <= latest,
                "planned_end_on",
                f"Uppföljningen ska avslutas senast {latest:%Y-%m-%d} (23 kap. 5 § SoL).",
            )
    errors.check(
        data.planned_end_on >= data.decided_on,
        "planned_end_on",
        "Det planerade slutet kan inte ligga före beslutet.",
    )
    _informed(errors, "guardians_informed_on", data.guardians_informed_on, data.decided_on)
    _informed(errors, "child_informed_on", data.child_informed_on, data.decided_on)
    errors.raise_if_any()
    assert started_from is not None
    lifecycle.follow_up_started(case)
    follow_up = FollowUp.objects.create(
        case=case,
        basis=data.basis,
        placement=placement,
        started_from=started_from,
        decided_on=data.decided_on,
        decided_by=acting_user,
        consent=data.consent,
        special_need_reason=data.special_need_reason.strip()
        if data.consent == c.Consent.WITHOUT_CONSENT
        else "",
        purpose=data.purpose.strip(),
        planned_end_on=data.planned_end_on,
        guardians_informed_on=data.guardians_informed_on,
        child_informed_on=data.child_informed_on,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    record_action(
        acting_user=acting_user,
        case=case,
        event="follow_up.decided",
        text=f"Uppföljning av barnets situation beslutad ({follow_up.get_basis_display().lower()}), "
        f"avslutas senast {data.planned_end_on:%Y-%m-%d}.",
        obj=follow_up,
    )
    return follow_up


@case_action(subject=("follow_up", FollowUp, NOT_FOUND))
def end_follow_up(*, acting_user: User, follow_up: FollowUp, data: FollowUpEndInput) -> FollowUpEnd:
    """End the follow-up with its outcome (23 kap. 5 §): the case closes."""
    if FollowUpEnd.objects.filter(follow_up=follow_up).exists():
        raise StateConflict("Uppföljningen är redan avslutad.")
    errors = Collector()
    errors.check(data.outcome in c.Outcome.values, "outcome", "Välj hur uppföljningen avslutades.")
    if data.outcome == c.Outcome.OTHER:
        errors.check(bool(data.note.strip()), "note", "Beskriv hur uppföljningen avslutades.")
    errors.check(data.ended_on <= clock.today(), "ended_on", "Datumet kan inte ligga i framtiden.")
    errors.check(
        data.ended_on >= follow_up.decided_on,
        "ended_on",
        "Uppföljningen kan inte avslutas före beslutet om den.",
    )
    _informed(errors, "guardians_informed_on", data.guardians_informed_on, data.ended_on)
    _informed(errors, "child_informed_on", data.child_informed_on, data.ended_on)
    errors.raise_if_any()
    end = FollowUpEnd.objects.create(
        follow_up=follow_up,
        ended_on=data.ended_on,
        outcome=data.outcome,
        note=data.note.strip(),
        recorded_by=acting_user,
        guardians_informed_on=data.guardians_informed_on,
        child_informed_on=data.child_informed_on,
        signed_at=clock.now(),
        signed_by=acting_user,
    )
    lifecycle.follow_up_ended(follow_up.case)
    record_action(
        acting_user=acting_user,
        case=follow_up.case,
        event="follow_up.ended",
        text=f"Uppföljningen avslutad: {end.get_outcome_display().lower()}.",
        obj=end,
        action="create",
    )
    return end
