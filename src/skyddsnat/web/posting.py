"""The one form pipeline of the web: validate, call the service, answer the browser or htmx.

Every page that saves a form goes through ``post`` (or ``save`` when it answers itself): a form
that does not validate answers 422; a service's refusal answers its status (``ServiceError``:
422 input, 409 state, stale edit or signed record). A failed save stores nothing (the services
are atomic), keeps what was typed, and puts the service's Swedish messages next to the fields,
or on the form when they are about no field.
htmx swaps the 422 and 409 answers too (the ``htmx-config`` of ``web/base.html``).

A service that will not let the user act at all (its entry, ``cases.actions.case_action``) is
no form error: ``NotFound`` is the 404 page, ``Forbidden`` the 403 page (``PermissionDenied``,
with the offer of break-glass where the user may ask for it), as for a page the user may not
open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

from skyddsnat.errors import Forbidden, NotFound, ServiceError, StaleEdit, StateConflict
from skyddsnat.web.access import add_service_errors


@dataclass(frozen=True)
class Result:
    saved: bool
    status: int = 200
    conflict: str = ""  # the state forbids the action (e.g. the investigation is closed)
    value: Any = None  # what the service returned


def refused(form: forms.Form, exc: ServiceError) -> Result:
    """Put the refusal ``exc`` on ``form`` and return the failed result with its status.

    A state conflict (a signed record included) is about the form as a whole, and shown where
    the action was tried (``conflict``); a stale edit only on the form, which shows the
    other person's version once reloaded.
    """
    if isinstance(exc, StateConflict) and not exc.errors:
        form.add_error(None, exc.message)
        conflict = "" if isinstance(exc, StaleEdit) else exc.message
        return Result(saved=False, status=exc.status, conflict=conflict)
    add_service_errors(form, exc)
    return Result(saved=False, status=exc.status)


def save(form: forms.Form, call: Callable[[dict[str, Any]], object]) -> Result:
    """Validate ``form`` and, when it is valid, call the service with its cleaned data.

    Raises ``Http404`` or ``PermissionDenied`` when the service does not let the user act.
    """
    if not form.is_valid():
        return Result(saved=False, status=422)
    try:
        value = call(form.cleaned_data)
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except ServiceError as exc:
        return refused(form, exc)
    return Result(saved=True, value=value)


@dataclass(frozen=True)
class Reply:
    """What the page or the fragment is rendered with after a post (the defaults: a plain GET)."""

    status: int = 200
    bound: dict[str, forms.Form] = field(default_factory=dict)  # the form that failed, by prefix
    conflict: str = ""  # the state forbids the action (``Result.conflict``)
    saved: str = ""  # the success message, shown in a fragment

    @property
    def form(self) -> forms.Form | None:
        """Return the form that failed, if any."""
        return next(iter(self.bound.values()), None)


def post(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    *,
    message: str,
    redirect_url: str | Callable[[Any], str],
    page: Callable[[Reply], HttpResponse],
    fragment: Callable[[Reply], HttpResponse] | None = None,
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """Save ``form`` through ``call`` (see ``save``) and answer the browser.

    Saved: htmx gets the fresh ``fragment`` with ``message``; a plain browser is redirected to
    ``redirect_url`` (or ``redirect_url(what the service returned)``) with ``message`` (at
    ``level``); htmx without a ``fragment`` loads that page anew (its address without the
    ``#anchor``, so that the page is fetched, not scrolled). Not saved: htmx gets the fragment
    with the form and its errors, a plain browser (and htmx without a fragment) the ``page``,
    with the status of ``save``.
    """
    result = save(form, call)
    htmx = bool(getattr(request, "htmx", False))
    render = fragment if htmx else None
    if result.saved:
        if render is not None:
            return render(Reply(saved=message))
        messages.add_message(request, level, message)
        url = redirect_url(result.value) if callable(redirect_url) else redirect_url
        if htmx:
            return HttpResponseClientRedirect(url.split("#", 1)[0])
        return redirect(url)
    failed = Reply(status=result.status, bound={form.prefix or "": form}, conflict=result.conflict)
    return (render or page)(failed)


def no_longer_possible(page: Callable[[Reply], HttpResponse], message: str) -> HttpResponse:
    """Answer a post whose action no longer applies: 409 with ``page`` showing ``message``."""
    return page(Reply(status=StateConflict.status, conflict=message))
