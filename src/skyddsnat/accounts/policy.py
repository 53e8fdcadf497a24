"""The policy: may this user do this to this object? (security.md)

One place answers it; views, API handlers and services ask here. One condition per line.
The full matrix, break-glass and protected identity come with the security issue; this module
already holds municipality isolation (objects elsewhere are *not found*, never *forbidden*),
the roles' reach and the responsible caseworker.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from skyddsnat.accounts.models import Role, User
from skyddsnat.errors import Forbidden, NotFound
from skyddsnat.intake.models import Case

CASE_ROLES = frozenset({Role.CASEWORKER, Role.INTAKE, Role.MANAGER})


def cases_visible_to(user: User) -> QuerySet[Case]:
    """Return the cases ``user`` may read."""
    qs = Case.objects.filter(municipality_id=user.municipality_id)
    if user.role == Role.INTAKE:
        return qs
    if user.role in (Role.CASEWORKER, Role.MANAGER):
        return qs.filter(Q(unit__in=user.units.all()) | Q(responsible=user)).distinct()
    return qs.none()


def can_read_case(user: User, case: Case) -> bool:
    if not user.is_active:
        return False
    if case.municipality_id != user.municipality_id:
        return False
    if user.role not in CASE_ROLES:
        return False
    if user.role == Role.INTAKE:
        return True
    if case.responsible_id == user.pk:
        return True
    return user.units.filter(pk=case.unit_id).exists()


def can_write_case(user: User, case: Case) -> bool:
    if not can_read_case(user, case):
        return False
    if user.role == Role.MANAGER:
        return True
    if user.role == Role.INTAKE:
        # Intake owns the case until the preliminary assessment, and the duties that follow a
        # case it closed there (reporter feedback, follow-up contact).
        return case.phase == "assessment" or (
            case.phase == "closed" and not hasattr(case, "investigation")
        )
    return case.responsible_id == user.pk or case.responsible_id is None


def can_register_report(user: User) -> bool:
    return user.is_active and user.role in CASE_ROLES and user.municipality_id is not None


def can_assign(user: User, case: Case) -> bool:
    return user.role == Role.MANAGER and can_read_case(user, case)


def require_case(user: User, case_id: int, *, write: bool = False) -> Case:
    """Return the case, or raise ``NotFound`` (other municipality / unknown) or ``Forbidden``."""
    case = (
        Case.objects.select_related("child", "report", "unit", "responsible")
        .filter(pk=case_id, municipality_id=user.municipality_id)
        .first()
    )
    if case is None:
        raise NotFound("Ärendet finns inte.")
    if not can_read_case(user, case):
        raise Forbidden("Du har inte behörighet till ärendet.")
    if write and not can_write_case(user, case):
        raise Forbidden("Du har inte behörighet att ändra i ärendet.")
    return case
