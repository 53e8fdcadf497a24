"""Write and read the municipality's action plans (*handlingsplaner*).

Each function takes ids, loads the plan in the acting user's municipality (another
municipality's is *not found*), asks the policy (``policy.can_read_action_plans`` to read,
``policy.can_write_action_plan`` to write: *forbidden*), checks the input (every field error
in Swedish at once), writes in one transaction and appends an audit row. A target is never
changed: a revision appends the next ``TargetVersion`` with who, when and why.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Unit, User
from skyddsnat.actionplans.models import (
    ActionPlan,
    Goal,
    GoalIndicator,
    Measure,
    MeasureStatus,
    PlanChange,
    TargetVersion,
)
from skyddsnat.audit import services as audit
from skyddsnat.audit.models import Action
from skyddsnat.errors import Collector, Forbidden, NotFound, StaleEdit, StateConflict
from skyddsnat.indicators import definitions as d

NOT_FOUND = "Handlingsplanen finns inte."
MAY_NOT_READ = "Handlingsplanerna är till för chefer, analytiker och nämnden."
MAY_NOT_WRITE = "Bara en chef för enheten (eller, för kommunens plan, en chef i kommunen) kan ändra handlingsplanen."
#: The largest value a target may have (DecimalField of 10 digits, 2 decimals).
MAX_VALUE = Decimal("99999999.99")


def _municipality(user: User) -> int:
    """Return the user's municipality id (a user without one has no plans)."""
    if user.municipality_id is None:
        raise Forbidden(MAY_NOT_READ)
    return user.municipality_id


def _require_read(user: User) -> None:
    if not policy.can_read_action_plans(user):
        raise Forbidden(MAY_NOT_READ)


def plans_for(*, acting_user: User) -> QuerySet[ActionPlan]:
    """Return the plans of the caller's municipality, the latest first."""
    _require_read(acting_user)
    return ActionPlan.objects.filter(municipality_id=_municipality(acting_user)).select_related(
        "unit"
    )


def _goals() -> Prefetch[Any]:
    return Prefetch(
        "goals",
        queryset=Goal.objects.prefetch_related(
            Prefetch(
                "indicators",
                queryset=GoalIndicator.objects.prefetch_related(
                    Prefetch("targets", queryset=TargetVersion.objects.select_related("set_by"))
                ),
            ),
            Prefetch("measures", queryset=Measure.objects.select_related("owner")),
        ),
    )


def plan_of(*, acting_user: User, plan_id: int) -> ActionPlan:
    """Return the plan with its goals, indicators, targets and measures; the read is audited.

    Another municipality's plan is ``NotFound``; a role that may not read plans ``Forbidden``.
    """
    plan = (
        ActionPlan.objects.filter(pk=plan_id, municipality_id=_municipality(acting_user))
        .select_related("unit", "created_by")
        .prefetch_related(_goals())
        .first()
    )
    if plan is None:
        raise NotFound(NOT_FOUND)
    _require_read(acting_user)
    audit.record(actor=acting_user, action=Action.READ, obj=plan)
    return plan


def may_write(user: User, plan: ActionPlan) -> bool:
    """Return whether ``user`` may write ``plan`` (for the page: show the forms or not)."""
    return policy.can_write_action_plan(user, plan.municipality_id, plan.unit_id)


def _plan_for_writing(user: User, plan_id: int) -> ActionPlan:
    plan = (
        ActionPlan.objects.select_for_update()
        .filter(pk=plan_id, municipality_id=_municipality(user))
        .first()
    )
    if plan is None:
        raise NotFound(NOT_FOUND)
    policy.require(may_write(user, plan), MAY_NOT_WRITE)
    return plan


def _goal_for_writing(user: User, goal_id: int) -> Goal:
    goal = Goal.objects.filter(pk=goal_id, plan__municipality_id=_municipality(user)).first()
    if goal is None:
        raise NotFound("Målet finns inte.")
    _plan_for_writing(user, goal.plan_id)
    return goal


def check_writable(*, acting_user: User, plan_id: int) -> ActionPlan:
    """Return the plan if ``acting_user`` may write it (no lock, no audit): for a door that
    must refuse before it reads a form. ``NotFound`` elsewhere, ``Forbidden`` without the right."""
    plan = ActionPlan.objects.filter(pk=plan_id, municipality_id=_municipality(acting_user)).first()
    if plan is None:
        raise NotFound(NOT_FOUND)
    policy.require(may_write(acting_user, plan), MAY_NOT_WRITE)
    return plan


def _unit_known(unit_id: int, municipality_id: int) -> bool:
    return Unit.objects.filter(pk=unit_id, municipality_id=municipality_id).exists()


def writable_units(user: User) -> QuerySet[Unit]:
    """Return the units whose plans ``user`` may write (her own units, as a manager)."""
    if not policy.can_create_action_plan(user):
        return Unit.objects.none()
    return user.units.filter(municipality_id=_municipality(user)).order_by("name", "pk")


# --- the plan ------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *,
    acting_user: User,
    name: str,
    unit_id: int | None,
    starts_on: date | None,
    ends_on: date | None,
) -> ActionPlan:
    """Write a new plan of the municipality (``unit_id`` None) or of one of the manager's units."""
    municipality_id = _municipality(acting_user)
    if unit_id is not None and not _unit_known(unit_id, municipality_id):
        raise NotFound("Enheten finns inte.")
    policy.require(
        policy.can_write_action_plan(acting_user, municipality_id, unit_id), MAY_NOT_WRITE
    )
    errors = Collector()
    errors.check(bool(name.strip()), "name", "Ge handlingsplanen ett namn.")
    errors.check(starts_on is not None, "starts_on", "Ange den första dagen planen gäller.")
    errors.check(ends_on is not None, "ends_on", "Ange den sista dagen planen gäller.")
    if starts_on is not None and ends_on is not None:
        errors.check(
            ends_on > starts_on, "ends_on", "Planens sista dag måste vara efter den första."
        )
    errors.raise_if_any()
    assert starts_on is not None and ends_on is not None
    plan = ActionPlan.objects.create(
        municipality_id=municipality_id,
        unit_id=unit_id,
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=acting_user,
        created_at=clock.now(),
    )
    audit.record(actor=acting_user, action=Action.CREATE, obj=plan)
    return plan


# --- goals and their targets ---------------------------------------------------------------------


def indicator_choices() -> list[d.Indicator]:
    """Return the indicators a goal can be followed up by: those the registry computes."""
    return [i for i in d.INDICATORS if i.available]


def _check_indicator(errors: Collector, indicator_id: str) -> d.Indicator | None:
    indicator = d.INDICATORS.get(indicator_id) if indicator_id in d.INDICATORS else None
    if indicator is None:
        errors.add("indicator_id", "Välj en indikator ur listan.")
        return None
    if not indicator.available:
        errors.add("indicator_id", "Indikatorn beräknas inte ännu. Välj en annan.")
        return None
    return indicator


def _check_values(
    errors: Collector,
    indicator: d.Indicator | None,
    plan: ActionPlan,
    baseline: Decimal | None,
    target: Decimal | None,
    target_on: date | None,
) -> None:
    top = Decimal(100) if indicator is not None and indicator.unit is d.Measure.SHARE else MAX_VALUE
    share = top == Decimal(100)
    for field, value, label in (
        ("baseline", baseline, "utgångsvärdet"),
        ("target", target, "målvärdet"),
    ):
        if value is None:
            errors.add(field, f"Ange {label}.")
        elif not Decimal(0) <= value <= top:
            limit = "0 och 100 (procent)" if share else "0 och 99 999 999"
            errors.add(field, f"Ange {label} som ett tal mellan {limit}.")
    if target_on is None:
        errors.add("target_on", "Ange det datum målet ska vara nått.")
    elif target_on <= plan.starts_on:
        errors.add("target_on", "Målet ska nås efter planens första dag.")


def _new_target(
    user: User,
    goal_indicator: GoalIndicator,
    number: int,
    baseline: Decimal,
    target: Decimal,
    target_on: date,
    reason: str = "",
) -> TargetVersion:
    version = TargetVersion.objects.create(
        goal_indicator=goal_indicator,
        number=number,
        baseline=baseline,
        target=target,
        target_on=target_on,
        reason=reason,
        set_by=user,
        set_at=clock.now(),
    )
    audit.record(actor=user, action=Action.CREATE, obj=version)
    return version


@transaction.atomic
def add_goal(
    *,
    acting_user: User,
    plan_id: int,
    title: str,
    indicator_id: str,
    baseline: Decimal | None,
    target: Decimal | None,
    target_on: date | None,
) -> Goal:
    """Add a goal to the plan, followed up by one indicator with its baseline and target."""
    plan = _plan_for_writing(acting_user, plan_id)
    errors = Collector()
    errors.check(bool(title.strip()), "title", "Skriv målet.")
    indicator = _check_indicator(errors, indicator_id)
    _check_values(errors, indicator, plan, baseline, target, target_on)
    errors.raise_if_any()
    assert baseline is not None and target is not None and target_on is not None
    goal = Goal.objects.create(
        plan=plan, title=title.strip(), created_by=acting_user, created_at=clock.now()
    )
    audit.record(actor=acting_user, action=Action.CREATE, obj=goal)
    linked = GoalIndicator.objects.create(goal=goal, indicator_id=indicator_id)
    _new_target(acting_user, linked, 1, baseline, target, target_on)
    return goal


@transaction.atomic
def add_goal_indicator(
    *,
    acting_user: User,
    goal_id: int,
    indicator_id: str,
    baseline: Decimal | None,
    target: Decimal | None,
    target_on: date | None,
) -> GoalIndicator:
    """Follow the goal up by one more indicator, with its own baseline and target."""
    goal = _goal_for_writing(acting_user, goal_id)
    errors = Collector()
    indicator = _check_indicator(errors, indicator_id)
    if indicator is not None and goal.indicators.filter(indicator_id=indicator_id).exists():
        errors.add("indicator_id", "Målet följs redan upp med den indikatorn.")
    _check_values(errors, indicator, goal.plan, baseline, target, target_on)
    errors.raise_if_any()
    assert baseline is not None and target is not None and target_on is not None
    linked = GoalIndicator.objects.create(goal=goal, indicator_id=indicator_id)
    audit.record(actor=acting_user, action=Action.CREATE, obj=linked)
    _new_target(acting_user, linked, 1, baseline, target, target_on)
    return linked


@transaction.atomic
def revise_target(
    *,
    acting_user: User,
    goal_indicator_id: int,
    target: Decimal | None,
    target_on: date | None,
    reason: str,
    expected_version: int | None = None,
) -> TargetVersion:
    """Append the next version of the target (the baseline stays); the earlier stay visible.

    ``expected_version`` is the version the writer saw: if another was appended since, the
    revision is refused (``StaleEdit``) rather than silently following someone else's.
    """
    linked = GoalIndicator.objects.filter(
        pk=goal_indicator_id, goal__plan__municipality_id=_municipality(acting_user)
    ).first()
    if linked is None:
        raise NotFound("Målet finns inte.")
    plan = _plan_for_writing(acting_user, linked.goal.plan_id)
    current = linked.targets.order_by("-number").first()
    assert current is not None
    if expected_version is not None and expected_version != current.number:
        raise StaleEdit(
            "Målvärdet har ändrats av någon annan sedan du öppnade sidan. Läs den nya versionen "
            "och gör om ändringen."
        )
    errors = Collector()
    indicator = (
        d.INDICATORS.get(linked.indicator_id) if linked.indicator_id in d.INDICATORS else None
    )
    _check_values(errors, indicator, plan, current.baseline, target, target_on)
    errors.check(bool(reason.strip()), "reason", "Skriv varför målet ändras.")
    errors.check(
        target != current.target or target_on != current.target_on,
        "target",
        "Det nya målet är detsamma som det nuvarande.",
    )
    errors.raise_if_any()
    assert target is not None and target_on is not None
    number = (linked.targets.aggregate(top=Max("number"))["top"] or 0) + 1
    return _new_target(
        acting_user, linked, number, current.baseline, target, target_on, reason.strip()
    )


# --- measures ------------------------------------------------------------------------------------


@transaction.atomic
def add_measure(
    *,
    acting_user: User,
    goal_id: int,
    title: str,
    owner_id: int | None,
    due_on: date | None,
) -> Measure:
    """Add a measure to the goal: what is to be done, by whom and by when (status planned)."""
    goal = _goal_for_writing(acting_user, goal_id)
    errors = Collector()
    errors.check(bool(title.strip()), "title", "Skriv vad som ska göras.")
    owners = policy.action_plan_owners(goal.plan.municipality_id)
    errors.check(
        owner_id is not None and owners.filter(pk=owner_id).exists(),
        "owner_id",
        "Välj vem som ansvarar för åtgärden.",
    )
    errors.check(due_on is not None, "due_on", "Ange när åtgärden ska vara klar.")
    errors.raise_if_any()
    assert due_on is not None and owner_id is not None
    now = clock.now()
    measure = Measure.objects.create(
        goal=goal,
        title=title.strip(),
        owner_id=owner_id,
        due_on=due_on,
        created_by=acting_user,
        created_at=now,
        updated_at=now,
    )
    audit.record(actor=acting_user, action=Action.CREATE, obj=measure)
    return measure


@transaction.atomic
def set_measure_status(
    *,
    acting_user: User,
    measure_id: int,
    status: str,
    expected_status: str | None = None,
) -> Measure:
    """Record how far the measure has come (``MeasureStatus``).

    ``expected_status`` is the status the writer saw: if it has changed since, the change is
    refused (``StaleEdit``), so two people never silently overwrite each other.
    """
    measure = (
        Measure.objects.select_for_update()
        .filter(pk=measure_id, goal__plan__municipality_id=_municipality(acting_user))
        .select_related("goal")
        .first()
    )
    if measure is None:
        raise NotFound("Åtgärden finns inte.")
    _plan_for_writing(acting_user, measure.goal.plan_id)
    if measure.is_removed:
        raise StateConflict(REMOVED)
    errors = Collector()
    errors.check(status in MeasureStatus.values, "status", "Välj en status ur listan.")
    errors.raise_if_any()
    if expected_status is not None and expected_status != measure.status:
        raise StaleEdit(
            "Åtgärdens status har ändrats av någon annan sedan du öppnade sidan. Läs den nya "
            "statusen och gör om ändringen."
        )
    if status == measure.status:
        return measure
    measure.status = status
    measure.updated_at = clock.now()
    measure.save(update_fields=["status", "updated_at"])
    audit.record(actor=acting_user, action=Action.UPDATE, obj=measure, detail=f"status={status}")
    return measure


# --- editing: every change kept (``PlanChange``), nothing deleted ---------------------------------

REMOVED = "Åtgärden är borttagen och kan inte längre ändras."
STATUS_LABEL = dict(MeasureStatus.choices)


def _changed(
    user: User, plan_id: int, field: str, before: object, after: object, **target: Any
) -> bool:
    """Append a ``PlanChange`` when ``before`` differs from ``after``; return whether it did."""
    if before == after:
        return False
    PlanChange.objects.create(
        plan_id=plan_id,
        field=field,
        before=str(before)[:300],
        after=str(after)[:300],
        changed_by=user,
        changed_at=clock.now(),
        **target,
    )
    return True


@transaction.atomic
def edit_goal(*, acting_user: User, goal_id: int, title: str) -> Goal:
    """Change a goal's text; the earlier text stays in the plan's changes. Audited."""
    goal = _goal_for_writing(acting_user, goal_id)
    errors = Collector()
    errors.check(bool(title.strip()), "title", "Skriv målet.")
    errors.raise_if_any()
    if _changed(acting_user, goal.plan_id, "title", goal.title, title.strip(), goal=goal):
        goal.title = title.strip()
        goal.save(update_fields=["title"])
        audit.record(actor=acting_user, action=Action.UPDATE, obj=goal, detail="title")
    return goal


def _measure_for_writing(user: User, measure_id: int) -> Measure:
    measure = (
        Measure.objects.select_for_update()
        .filter(pk=measure_id, goal__plan__municipality_id=_municipality(user))
        .select_related("goal", "owner")
        .first()
    )
    if measure is None:
        raise NotFound("Åtgärden finns inte.")
    _plan_for_writing(user, measure.goal.plan_id)
    if measure.is_removed:
        raise StateConflict(REMOVED)
    return measure


@transaction.atomic
def edit_measure(
    *,
    acting_user: User,
    measure_id: int,
    title: str,
    owner_id: int | None,
    due_on: date | None,
    status: str,
) -> Measure:
    """Change a measure's text, owner, due date and status; each changed field is kept as a
    ``PlanChange`` (before, after, who, when). A removed measure is not changed (409)."""
    measure = _measure_for_writing(acting_user, measure_id)
    errors = Collector()
    errors.check(bool(title.strip()), "title", "Skriv vad som ska göras.")
    owners = policy.action_plan_owners(measure.goal.plan.municipality_id)
    owner = owners.filter(pk=owner_id).first() if owner_id is not None else None
    errors.check(owner is not None, "owner_id", "Välj vem som ansvarar för åtgärden.")
    errors.check(due_on is not None, "due_on", "Ange när åtgärden ska vara klar.")
    errors.check(status in MeasureStatus.values, "status", "Välj en status ur listan.")
    errors.raise_if_any()
    assert owner is not None and due_on is not None
    plan_id = measure.goal.plan_id
    fields = []
    if _changed(acting_user, plan_id, "title", measure.title, title.strip(), measure=measure):
        fields.append("title")
    if owner.pk != measure.owner_id:
        PlanChange.objects.create(
            plan_id=plan_id,
            measure=measure,
            field="owner",
            before=measure.owner.get_full_name() or measure.owner.username,
            after=owner.get_full_name() or owner.username,
            changed_by=acting_user,
            changed_at=clock.now(),
        )
        fields.append("owner")
    if _changed(
        acting_user,
        plan_id,
        "due_on",
        measure.due_on.isoformat(),
        due_on.isoformat(),
        measure=measure,
    ):
        fields.append("due_on")
    if _changed(
        acting_user,
        plan_id,
        "status",
        STATUS_LABEL[measure.status],
        STATUS_LABEL[status],
        measure=measure,
    ):
        fields.append("status")
    if not fields:
        return measure
    measure.title, measure.owner, measure.due_on, measure.status = (
        title.strip(),
        owner,
        due_on,
        status,
    )
    measure.updated_at = clock.now()
    measure.save(update_fields=["title", "owner", "due_on", "status", "updated_at"])
    audit.record(actor=acting_user, action=Action.UPDATE, obj=measure, detail=",".join(fields))
    return measure


@transaction.atomic
def remove_measure(*, acting_user: User, measure_id: int, reason: str) -> Measure:
    """Mark a measure removed (why, who, when): it leaves the plan's open measures and the
    follow-up's counts but stays in the plan's history, never deleted. Audited."""
    measure = _measure_for_writing(acting_user, measure_id)
    errors = Collector()
    errors.check(bool(reason.strip()), "reason", "Skriv varför åtgärden tas bort.")
    errors.raise_if_any()
    now = clock.now()
    measure.removed_at, measure.removed_by, measure.removed_reason = (
        now,
        acting_user,
        reason.strip(),
    )
    measure.updated_at = now
    measure.save(update_fields=["removed_at", "removed_by", "removed_reason", "updated_at"])
    _changed(acting_user, measure.goal.plan_id, "removed", "", reason.strip(), measure=measure)
    audit.record(actor=acting_user, action=Action.UPDATE, obj=measure, detail="removed")
    return measure


def changes_of(plan: ActionPlan) -> list[PlanChange]:
    """Return the plan's edits, oldest first (the plan was read, and audited, by ``plan_of``)."""
    return list(plan.changes.select_related("goal", "measure", "changed_by"))
