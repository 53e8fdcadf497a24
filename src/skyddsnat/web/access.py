"""The web's door to the policy and the services: one helper per object kind, errors to forms."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.audit import services as audit
from skyddsnat.cases import actions
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, NotFound, ServiceError
from skyddsnat.intake.access import require_report
from skyddsnat.intake.models import Report


def case_for(
    request: HttpRequest,
    case_id: int,
    *,
    acting: Sequence[Callable[..., object]] = (),
    read: Callable[[User, Case], bool] | None = None,
) -> Case:
    """Return the case if the user may read it, and audit the read.

    Another municipality's case, or an unknown one, is a 404; a case the user may not read is
    a 403 (whose page offers break-glass to those who may ask for it).

    A post names the services it may call (``acting``, each behind ``cases.actions.case_action``)
    and goes on only if one of them would let the user act: the question each declares on its
    entry is asked here, before the posted form is read and the read audited, so that a refused
    post is a 403 whatever it holds and leaves no trace but the refusal (a form that does not
    validate never reaches the service). The service asks again when it is called, with the
    case locked.

    ``read`` replaces ``policy.can_read_case`` on a page showing only part of the case (the
    intake record: ``policy.can_read_intake_record``).
    """
    try:
        case = policy.require_case(request.user, case_id, read=read)
        if acting:
            admit(request.user, case, acting)
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    glass = (
        None
        if policy.reads_by_role(request.user, case)
        else policy.break_glass_for(request.user, case)
    )
    request.break_glass = glass  # type: ignore[attr-defined]  (the case pages' banner)
    reason = "break_glass" if glass is not None else ""
    audit.record(actor=request.user, action="read", obj=case, case_id=case.pk, reason=reason)
    return case


def admit(user: User, case: Case, services: Sequence[Callable[..., object]]) -> None:
    """Raise the first service's refusal (``Forbidden``) unless one of ``services`` would let
    ``user`` act on ``case``: the question its entry asks (``case_action(may=…)``)."""
    entries = [getattr(service, actions.MARKER, None) for service in services]
    if not all(isinstance(entry, actions.CaseAction) for entry in entries):
        raise TypeError("A post acts on a case through services behind case_action.")
    if not any(entry.may(user, case) for entry in entries):
        raise Forbidden(entries[0].refusal)


def report_for(request: HttpRequest, report_id: int) -> Report:
    """Return the report if the user may read one of its cases (404 elsewhere, else 403)."""
    try:
        return require_report(request.user, report_id)
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None


def add_service_errors(form: forms.Form, exc: ServiceError) -> None:
    """Put a service's Swedish field errors next to the form's fields (the rest on the form).

    A form's ``service_fields`` names the service's fields that it calls something else
    (``{"made_at": "made_date"}``).
    """
    renamed = getattr(form, "service_fields", {})
    placed = False
    for key, messages in exc.errors.items():
        field = renamed.get(key, key)
        name = field.split(".")[-1] if field.split(".")[-1] in form.fields else field
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
