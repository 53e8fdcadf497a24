"""Write, save, sign and revise the plans of a placement (SoL 2025:400 9 kap. 12–13 §§).

``save_plan`` saves the draft of the next version of a plan: the unsigned version if there is
one (an edit, checked against ``expected_version``), else a new version (the first plan, or a
revision of the last signed one). ``sign_plan`` signs the draft; from then on the version is
append-only and a change is the next version. Both go through ``case_action`` with the
placement's id (decision 0010), journal and audit what they wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.cases.actions import case_action
from skyddsnat.errors import Collector, InvalidInput, StaleEdit, StateConflict
from skyddsnat.interventions.models import Intervention
from skyddsnat.investigations import bbic
from skyddsnat.journal.services import record_action
from skyddsnat.plans.choices import PlanKind
from skyddsnat.plans.models import Plan

NOT_FOUND = "Insatsen finns inte."


@dataclass(frozen=True)
class PlanInput:
    drawn_up_on: date
    review_on: date
    goals: dict[str, str] = field(default_factory=dict)
    child_view: str = ""
    child_view_not_documented_reason: str = ""
    guardian_view: str = ""
    responsibilities: str = ""
    long_term_housing: str = ""
    #: Whether the child took part in the planning; None: not answered yet (a draft only).
    child_participated: bool | None = None


def _kind(kind: str) -> PlanKind:
    if kind not in PlanKind.values:
        raise InvalidInput.field("kind", "Välj vårdplan eller genomförandeplan.")
    return PlanKind(kind)


def draft_of(intervention: Intervention, kind: str) -> Plan | None:
    """Return the unsigned version of the plan, if one is being written."""
    return (
        Plan.objects.filter(intervention=intervention, kind=kind, signed_at__isnull=True)
        .order_by("-number")
        .first()
    )


def latest_signed(intervention: Intervention, kind: str) -> Plan | None:
    """Return the plan in force: its last signed version."""
    return (
        Plan.objects.filter(intervention=intervention, kind=kind, signed_at__isnull=False)
        .order_by("-number")
        .first()
    )


def _check(errors: Collector, intervention: Intervention, data: PlanInput) -> None:
    decided = intervention.decision.decided_on
    errors.check(
        data.drawn_up_on <= clock.today(), "drawn_up_on", "Datumet kan inte ligga i framtiden."
    )
    errors.check(
        data.drawn_up_on >= decided,
        "drawn_up_on",
        f"Planen kan inte vara upprättad före beslutet om placering ({decided:%Y-%m-%d}).",
    )
    errors.check(
        data.review_on > data.drawn_up_on,
        "review_on",
        "Uppföljningsdatumet måste vara efter den dag planen upprättades.",
    )
    areas = set(bbic.area_codes())
    unknown = sorted(set(data.goals) - areas)
    errors.check(not unknown, "goals", "Okänt BBIC-område: " + ", ".join(unknown) + ".")


def _goals(data: PlanInput) -> dict[str, str]:
    return {area: text.strip() for area, text in data.goals.items() if text and text.strip()}


@case_action(subject=("intervention", Intervention, NOT_FOUND))
def save_plan(
    *,
    acting_user: User,
    intervention: Intervention,
    kind: str,
    data: PlanInput,
    expected_version: int | None = None,
) -> Plan:
    """Save the draft of the plan's next version (a new one, or the unsigned one edited)."""
    plan_kind = _kind(kind)
    intervention = (
        Intervention.objects.select_for_update()
        .select_related("case", "decision")
        .get(pk=intervention.pk)
    )
    if not intervention.is_placement:
        raise StateConflict("Vårdplan och genomförandeplan upprättas för placeringar.")
    if intervention.ended_on is not None:
        raise StateConflict("Placeringen är avslutad. Planen kan inte ändras.")
    errors = Collector()
    _check(errors, intervention, data)
    errors.raise_if_any()
    values = {
        "drawn_up_on": data.drawn_up_on,
        "review_on": data.review_on,
        "bbic_version": bbic.CURRENT_VERSION,
        "goals": _goals(data),
        "child_view": data.child_view.strip(),
        "child_view_not_documented_reason": data.child_view_not_documented_reason.strip(),
        "guardian_view": data.guardian_view.strip(),
        "responsibilities": data.responsibilities.strip(),
        "long_term_housing": data.long_term_housing.strip(),
        "child_participated": data.child_participated,
        "updated_at": clock.now(),
    }
    draft = draft_of(intervention, plan_kind)
    if draft is not None:
        if expected_version is not None and draft.version != expected_version:
            raise StaleEdit("Planen har ändrats av någon annan. Ladda om och försök igen.")
        for name, value in values.items():
            setattr(draft, name, value)
        draft.version += 1
        draft.written_by = acting_user
        draft.save()
        action = "update"
    else:
        last = Plan.objects.filter(intervention=intervention, kind=plan_kind).aggregate(
            n=Max("number")
        )["n"]
        draft = Plan.objects.create(
            case=intervention.case,
            intervention=intervention,
            kind=plan_kind,
            number=(last or 0) + 1,
            written_by=acting_user,
            **values,
        )
        action = "create"
    label = plan_kind.label
    what = "utkast sparat" if draft.number == 1 else f"utkast till revidering {draft.number}"
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event=f"plan.{plan_kind.value}.saved",
        text=f"{label}: {what}.",
        obj=draft,
        action=action,
    )
    return draft


@case_action(subject=("intervention", Intervention, NOT_FOUND))
def sign_plan(
    *, acting_user: User, intervention: Intervention, kind: str, expected_version: int | None = None
) -> Plan:
    """Sign the plan's draft: from now on this version is append-only."""
    plan_kind = _kind(kind)
    intervention = (
        Intervention.objects.select_for_update()
        .select_related("case", "decision")
        .get(pk=intervention.pk)
    )
    draft = draft_of(intervention, plan_kind)
    if draft is None:
        raise StateConflict("Det finns inget utkast att signera. Spara planen först.")
    if expected_version is not None and draft.version != expected_version:
        raise StaleEdit("Planen har ändrats av någon annan. Ladda om och försök igen.")
    if intervention.ended_on is not None:
        raise StateConflict("Placeringen är avslutad. Planen kan inte signeras.")
    errors = Collector()
    errors.check(bool(draft.goals), "goals", "Skriv mål för minst ett BBIC-område.")
    errors.check(
        bool(draft.responsibilities),
        "responsibilities",
        "Skriv vem som gör vad, också vad andra huvudmän ansvarar för.",
    )
    errors.check(
        bool(draft.child_view or draft.child_view_not_documented_reason),
        "child_view",
        "Skriv barnets synpunkter på planen, eller varför de inte är dokumenterade.",
    )
    errors.check(
        draft.child_participated is not None,
        "child_participated",
        "Ange om barnet har deltagit i planeringen.",
    )
    errors.check(
        draft.drawn_up_on <= clock.today(), "drawn_up_on", "Datumet kan inte ligga i framtiden."
    )
    errors.raise_if_any()
    draft.signed_at = clock.now()
    draft.signed_by = acting_user
    draft.save(update_fields=["signed_at", "signed_by"])
    what = "signerad" if draft.number == 1 else f"reviderad och signerad (version {draft.number})"
    record_action(
        acting_user=acting_user,
        case=intervention.case,
        event=f"plan.{plan_kind.value}.signed",
        text=f"{plan_kind.label} {what}, följs upp senast {draft.review_on:%Y-%m-%d}.",
        obj=draft,
        action="update",
    )
    return draft
