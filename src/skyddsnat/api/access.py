"""Find the object a request names, through the policy: elsewhere is *not found*, never *forbidden*.

Thin lookups on top of ``skyddsnat.accounts.policy``; the rules themselves live there. Reports
and children are reached through the cases the user may read, interventions through their case.
"""

from __future__ import annotations

from django.http import HttpRequest

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.api.auth import current_user
from skyddsnat.audit import services as audit
from skyddsnat.audit.context import client_ip
from skyddsnat.cases.models import Case
from skyddsnat.errors import NotFound
from skyddsnat.interventions.models import Intervention
from skyddsnat.people.models import Child


def require_child(user: User, child_id: int) -> Child:
    """Return the child if the user may read one of the child's cases (``policy.require_child``)."""
    return policy.require_child(user, child_id)


def require_intervention(user: User, intervention_id: int, *, write: bool = False) -> Intervention:
    """Return the intervention if the user may read (or ``write``) its case."""
    intervention = (
        Intervention.objects.filter(pk=intervention_id, case__municipality_id=user.municipality_id)
        .select_related("case")
        .first()
    )
    if intervention is None:
        raise NotFound("Insatsen finns inte.")
    policy.require_case(user, intervention.case_id, write=write)
    return intervention


def writable_case(request: HttpRequest, case_id: int) -> tuple[User, Case]:
    """Return the caller and the case, which the caller must be allowed to change."""
    user = current_user(request)
    return user, policy.require_case(user, case_id, write=True)


def record_read(request: HttpRequest, user: User, obj: object, case: Case | None = None) -> None:
    """Write the audit row of a read through the API (reason ``break_glass`` when it is one).

    The address is ``audit.context.client_ip``'s, as for the web and the login lockout.
    """
    glass = case is not None and not policy.reads_by_role(user, case)
    audit.record(
        actor=user,
        action="read",
        obj=obj,
        case_id=case.pk if case else None,
        ip=client_ip(request),
        channel="api",
        reason="break_glass" if glass else "",
    )
