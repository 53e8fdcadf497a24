"""Employment periods (*anställningsperioder*): the manager keeps her units' staff history.

A manager appends a period (``record_period``) or corrects one (``correct_period``) for a
member of staff of her own units (``policy.staff_units``); both are checked whole (every field
error in Swedish at once), run in one transaction and audited: ``create`` or ``update`` on the
period, ``detail`` naming the changed fields (never their values). ``periods`` returns what a
user may read (a manager her units', a caseworker her own) and audits the read. The HR CSV
import is ``employment_import``. The administrator's user services keep the periods with the
account (``account_created``, ``account_changed``, ``account_closed``, ``account_reopened``;
decision 0040). Staff turnover (``indicators.staff``) counts these periods.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.accounts.models import EmploymentPeriod, Unit, User
from skyddsnat.audit import services as audit
from skyddsnat.errors import Collector, Forbidden, NotFound

NOT_MANAGER = "Personalens anställningar förs av enhetschefen för enheten."
FIELDS = ("unit_id", "role", "started_on", "ended_on", "reason_for_leaving")


@dataclass(frozen=True)
class PeriodData:
    """What a period says: whose, where, as what, from and to, and why it ended."""

    user_id: int
    unit_id: int
    role: str
    started_on: date | None
    ended_on: date | None = None
    reason_for_leaving: str = ""


def _require_manager(user: User) -> None:
    if not policy.can_keep_staff(user):
        raise Forbidden(NOT_MANAGER)


def check(
    acting_user: User,
    data: PeriodData,
    collector: Collector,
    *,
    period_id: int | None = None,
    user: User | None = None,
) -> None:
    """Add to ``collector`` every problem with ``data`` (Swedish, per field)."""
    if user is None:
        user = User.objects.filter(pk=data.user_id).first()
    if user is None or not policy.may_employ(acting_user, user):
        collector.add("user", "Välj en handläggare i kommunen.")
    if not policy.staff_units(acting_user).filter(pk=data.unit_id).exists():
        collector.add("unit", "Välj en av dina enheter.")
    if not policy.is_employment_role(data.role):
        collector.add("role", "Välj handläggare, mottagningshandläggare eller enhetschef.")
    if data.started_on is None:
        collector.add("started_on", "Skriv dagen anställningen började.")
    if data.ended_on is not None and data.started_on is not None:
        collector.check(
            data.ended_on >= data.started_on,
            "ended_on",
            "Slutdagen kan inte vara före startdagen.",
        )
    reasons = {code for code, _label in EmploymentPeriod.Reason.choices}
    if data.ended_on is not None:
        collector.check(
            data.reason_for_leaving in reasons,
            "reason_for_leaving",
            "Välj varför anställningen upphörde.",
        )
    else:
        collector.check(
            not data.reason_for_leaving,
            "reason_for_leaving",
            "Orsak anges bara när anställningen har en slutdag.",
        )
    if (
        user is not None
        and data.started_on is not None
        and "unit" not in collector.errors
        and _overlapping(data, period_id).exists()
    ):
        collector.add(
            "started_on",
            "Perioden överlappar en annan anställning för samma person i samma enhet.",
        )


def _overlapping(data: PeriodData, period_id: int | None) -> QuerySet[EmploymentPeriod]:
    assert data.started_on is not None
    qs = EmploymentPeriod.objects.filter(user_id=data.user_id, unit_id=data.unit_id).exclude(
        ended_on__lt=data.started_on
    )
    if data.ended_on is not None:
        qs = qs.filter(started_on__lte=data.ended_on)
    if period_id is not None:
        qs = qs.exclude(pk=period_id)
    return qs


def _audit(acting_user: User, action: str, period: EmploymentPeriod, detail: str) -> None:
    audit.record(actor=acting_user, action=action, obj=period, detail=detail[:200])


@transaction.atomic
def record_period(*, acting_user: User, data: PeriodData) -> EmploymentPeriod:
    """Append a period for a member of staff of one of ``acting_user``'s units."""
    _require_manager(acting_user)
    collector = Collector()
    check(acting_user, data, collector)
    collector.raise_if_any()
    assert data.started_on is not None  # checked above
    period = EmploymentPeriod.objects.create(
        user_id=data.user_id,
        unit_id=data.unit_id,
        role=data.role,
        started_on=data.started_on,
        ended_on=data.ended_on,
        reason_for_leaving=data.reason_for_leaving,
        recorded_by=acting_user,
    )
    _audit(acting_user, "create", period, f"employment=recorded;user={data.user_id}")
    return period


@transaction.atomic
def correct_period(*, acting_user: User, period_id: int, data: PeriodData) -> EmploymentPeriod:
    """Correct a period of one of ``acting_user``'s units; the audit names the changed fields."""
    _require_manager(acting_user)
    period = policy.kept_periods(acting_user).select_for_update().filter(pk=period_id).first()
    if period is None:
        raise NotFound("Anställningsperioden finns inte.")
    collector = Collector()
    if data.user_id != period.user_id:
        collector.add("user", "En period kan inte flyttas till en annan person.")
    check(acting_user, data, collector, period_id=period.pk)
    collector.raise_if_any()
    changed = [f for f in FIELDS if getattr(period, f) != getattr(data, f)]
    for name in changed:
        setattr(period, name, getattr(data, name))
    period.recorded_by = acting_user
    period.save()
    _audit(
        acting_user,
        "update",
        period,
        f"employment=corrected;user={period.user_id};fields={','.join(changed) or '-'}",
    )
    return period


def periods(*, acting_user: User, unit_id: int | None = None) -> list[EmploymentPeriod]:
    """Return the periods ``acting_user`` may read (of ``unit_id`` if given), audited."""
    qs = policy.readable_periods(acting_user).select_related("user", "unit", "recorded_by")
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    rows = list(qs.order_by("unit__name", "user__last_name", "user__first_name", "started_on"))
    audit.record(
        actor=acting_user,
        action="read",
        object_type="accounts.employmentperiod",
        detail=f"employment=list;unit={unit_id or '-'};rows={len(rows)}",
    )
    return rows


def staff_register(*, acting_user: User, unit_id: int | None = None) -> list[EmploymentPeriod]:
    """Return the periods of the staff register ``acting_user`` reads (``GET /api/v1/staff``:
    a manager her units', an administrator her municipality's), audited; others ``Forbidden``."""
    if not policy.can_read_staff_register(acting_user):
        raise Forbidden("Personalregistret är till för enhetschefer och administratörer.")
    qs = policy.staff_register(acting_user).select_related("user", "unit")
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    rows = list(qs.order_by("unit__name", "user__last_name", "user__first_name", "started_on"))
    audit.record(
        actor=acting_user,
        action="read",
        object_type="accounts.employmentperiod",
        detail=f"employment=register;unit={unit_id or '-'};rows={len(rows)}",
    )
    return rows


def own_units(acting_user: User) -> list[Unit]:
    """Return the units whose staff ``acting_user`` keeps."""
    return list(policy.staff_units(acting_user).order_by("name"))


@transaction.atomic
def set_caseload_target(*, acting_user: User, unit_id: int, target: int | None) -> Unit:
    """Set the open cases per caseworker the unit aims at (``None``: no target)."""
    _require_manager(acting_user)
    unit = policy.staff_units(acting_user).select_for_update().filter(pk=unit_id).first()
    if unit is None:
        raise NotFound("Enheten finns inte bland dina enheter.")
    collector = Collector()
    if target is not None:
        collector.check(1 <= target <= 200, "target", "Skriv ett mål mellan 1 och 200 ärenden.")
    collector.raise_if_any()
    unit.caseload_target = target
    unit.save(update_fields=["caseload_target"])
    audit.record(actor=acting_user, action="update", obj=unit, detail="unit=caseload_target")
    return unit


# --- the account's own changes (decision 0040) ------------------------------------------------
#
# The administrator's user services call these, in their transaction, so that the periods
# follow the account: a new case-role account starts a period in each of its units, a
# deactivated one ends its open periods, and a change of role or units ends the periods that
# no longer hold (the day before, reason ``internal``) and starts the new ones (that day). A
# period the HR import or the manager already recorded wins: nothing is started where a period
# of the same person in the same unit already covers the day or starts later, and a period
# that already has an end keeps it.

#: The reason an account's deactivation gives: the administrator does not know why.
ACCOUNT_CLOSED = EmploymentPeriod.Reason.OTHER


def _open_on(user: User, day: date) -> QuerySet[EmploymentPeriod]:
    """Return ``user``'s periods that have no end before ``day`` (they cover it or start later)."""
    return EmploymentPeriod.objects.filter(user=user).exclude(ended_on__lt=day)


def _start(acting_user: User, user: User, unit_id: int, day: date, event: str) -> None:
    if _open_on(user, day).filter(unit_id=unit_id).exists():
        return  # the HR file or the manager has it already
    period = EmploymentPeriod.objects.create(
        user=user, unit_id=unit_id, role=user.role, started_on=day, recorded_by=acting_user
    )
    _audit(acting_user, "create", period, f"employment={event};user={user.pk}")


def _end(
    acting_user: User, period: EmploymentPeriod, last_day: date, reason: str, event: str
) -> None:
    period.ended_on = max(last_day, period.started_on)
    period.reason_for_leaving = reason
    period.recorded_by = acting_user
    period.save(update_fields=["ended_on", "reason_for_leaving", "recorded_by"])
    _audit(acting_user, "update", period, f"employment={event};user={period.user_id}")


def account_created(*, acting_user: User, user: User, unit_ids: Sequence[int]) -> None:
    """Start ``user``'s periods in ``unit_ids`` from her first day (or today)."""
    if not policy.is_employment_role(user.role) or not user.is_active:
        return
    day = user.employment_started_on or clock.today()
    for unit_id in sorted(set(unit_ids)):
        _start(acting_user, user, unit_id, day, "account_created")


def account_changed(
    *, acting_user: User, user: User, old_role: str, old_unit_ids: Sequence[int]
) -> None:
    """Follow a change of ``user``'s role or units (already saved) from today: the periods that
    no longer hold end yesterday as an internal move, and the new ones start today."""
    new_units = set(user.units.values_list("pk", flat=True))
    if policy.in_present_role(user, old_role) and set(old_unit_ids) == new_units:
        return
    if not user.is_active:
        return
    today = clock.today()
    wanted = new_units if policy.is_employment_role(user.role) else set()
    for period in _open_on(user, today).select_for_update():
        if period.unit_id in wanted and policy.in_present_role(user, period.role):
            continue
        if period.started_on >= today and period.unit_id in wanted:
            # Started today (or later): the new role is a correction, not a new period.
            period.role = user.role
            period.recorded_by = acting_user
            period.save(update_fields=["role", "recorded_by"])
            _audit(acting_user, "update", period, f"employment=role_changed;user={user.pk}")
            continue
        _end(
            acting_user,
            period,
            today - timedelta(days=1),
            EmploymentPeriod.Reason.INTERNAL,
            "moved",
        )
    for unit_id in sorted(wanted):
        _start(acting_user, user, unit_id, today, "moved")


def account_closed(*, acting_user: User, user: User, last_day: date) -> None:
    """End ``user``'s open periods on ``last_day`` (those the HR file ended keep their end)."""
    for period in EmploymentPeriod.objects.filter(
        user=user, ended_on__isnull=True, started_on__lte=last_day
    ).select_for_update():
        _end(acting_user, period, last_day, ACCOUNT_CLOSED, "account_closed")


def account_reopened(*, acting_user: User, user: User) -> None:
    """Follow a reactivated account (already saved): she works in her units again from today.

    A period the deactivation ended today or later (a mistaken deactivation undone) is opened
    again; otherwise a new period starts today. A period the HR file or the manager keeps open
    already is left as it is.
    """
    if not policy.is_employment_role(user.role):
        return
    today = clock.today()
    for unit_id in sorted(set(user.units.values_list("pk", flat=True))):
        closed = (
            EmploymentPeriod.objects.filter(
                user=user, unit_id=unit_id, ended_on__gte=today, reason_for_leaving=ACCOUNT_CLOSED
            )
            .select_for_update()
            .order_by("-started_on")
            .first()
        )
        if (
            closed is not None
            and not _open_on(user, today).filter(unit_id=unit_id, ended_on__isnull=True).exists()
        ):
            closed.ended_on = None
            closed.reason_for_leaving = ""
            closed.recorded_by = acting_user
            closed.save(update_fields=["ended_on", "reason_for_leaving", "recorded_by"])
            _audit(acting_user, "update", closed, f"employment=account_reopened;user={user.pk}")
            continue
        _start(acting_user, user, unit_id, today, "account_reopened")
