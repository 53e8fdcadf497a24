"""The API's door to the policy and the services: find what a request reads, act as the caller.

Reads go through ``skyddsnat.accounts.policy``: another municipality's object is *not found*,
never *forbidden*. Writes go straight to the service with the ids the path names (``act``): the
service loads the case in the caller's municipality, locks it and asks the policy before it
writes (``cases.actions.case_action``, decision 0010).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.api.auth import current_user
from skyddsnat.api.schemas import In
from skyddsnat.audit import services as audit
from skyddsnat.audit.context import client_ip
from skyddsnat.cases.models import Case

R = TypeVar("R")


def act(
    request: HttpRequest, service: Callable[..., R], payload: In | None = None, **arguments: Any
) -> R:
    """Call ``service`` as the caller with the payload's fields and ``arguments`` (the path's ids).

    The service checks access itself: behind ``case_action``, an unknown id or another
    municipality's is ``NotFound`` (404) and a case the caller may not change ``Forbidden``
    (403), both before anything is written.
    """
    fields = payload.arguments(**arguments) if payload is not None else arguments
    return service(acting_user=current_user(request), **fields)


def readable_case(request: HttpRequest, case_id: int) -> Case:
    """Return the case if the caller may read it (``policy.require_case``), its read audited."""
    user = current_user(request)
    case = policy.require_case(user, case_id)
    record_read(request, user, case, case)
    return case


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
