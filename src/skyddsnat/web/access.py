"""The web's door to the policy and the services: one helper per object kind, errors to forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from skyddsnat.accounts import policy
from skyddsnat.audit import services as audit
from skyddsnat.errors import Forbidden, NotFound, ServiceError
from skyddsnat.intake.models import Case


def case_for(request: HttpRequest, case_id: int, *, write: bool = False) -> Case:
    """Return the case if the user may read (or write) it, and audit the read.

    Another municipality's case, or an unknown one, is a 404; a case the user may not touch is
    a 403.
    """
    try:
        case = policy.require_case(request.user, case_id, write=write)
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    audit.record(actor=request.user, action="read", obj=case, case_id=case.pk)
    return case


def add_service_errors(form: forms.Form, exc: ServiceError) -> None:
    """Put a service's Swedish field errors next to the form's fields (the rest on the form)."""
    placed = False
    for field, messages in exc.errors.items():
        name = field.split(".")[-1] if field.split(".")[-1] in form.fields else field
        target = name if name in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
