"""Run a posted form through its service, then answer the browser (page) or htmx (fragment).

A failed save stores nothing (the services are atomic), keeps what was typed, and puts the
service's Swedish messages next to the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from skyddsnat.errors import ServiceError, StaleEdit, StateConflict
from skyddsnat.signing import SignedRecordError
from skyddsnat.web.access import add_service_errors

#: htmx 2 swaps only 2xx answers by default; our forms answer 422 (input) and 409 (state) with a
#: fragment that must be swapped in too.
HTMX_CONFIG = (
    '{"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},'
    '{"code":"(422|409)","swap":true,"error":false},{"code":"[45]..","swap":false,"error":true}]}'
)


@dataclass(frozen=True)
class Result:
    saved: bool
    status: int = 200
    conflict: str = ""  # the state forbids the action (e.g. the investigation is closed)


def save(form: forms.Form, call: Callable[[dict[str, Any]], object]) -> Result:
    """Validate ``form`` and, when it is valid, call the service with its cleaned data."""
    if not form.is_valid():
        return Result(saved=False, status=422)
    try:
        call(form.cleaned_data)
    except StaleEdit as exc:
        form.add_error(None, exc.message)
        return Result(saved=False, status=409)
    except StateConflict as exc:
        form.add_error(None, exc.message)
        return Result(saved=False, status=409, conflict=exc.message)
    except SignedRecordError as exc:
        form.add_error(None, str(exc))
        return Result(saved=False, status=409, conflict=str(exc))
    except ServiceError as exc:
        add_service_errors(form, exc)
        return Result(saved=False, status=exc.status)
    return Result(saved=True)


@dataclass(frozen=True)
class Reply:
    """What the page or the fragment is rendered with after a post (the defaults: a plain GET)."""

    status: int = 200
    bound: dict[str, forms.Form] = field(default_factory=dict)  # the form that failed, by prefix
    conflict: str = ""  # the state forbids the action (``Result.conflict``)
    saved: str = ""  # the success message, shown in a fragment


def post(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    *,
    message: str,
    redirect_url: str,
    page: Callable[[Reply], HttpResponse],
    fragment: Callable[[Reply], HttpResponse] | None = None,
    level: int = messages.SUCCESS,
) -> HttpResponse:
    """Save ``form`` through ``call`` (see ``save``) and answer the browser.

    Saved: htmx gets the fresh ``fragment`` with ``message``; a plain browser is redirected to
    ``redirect_url`` with ``message`` (at ``level``). Not saved: htmx gets the fragment with the
    form and its errors, a plain browser the ``page``, with the status of ``save``. Without a
    ``fragment``, htmx is answered like a plain browser.
    """
    result = save(form, call)
    render = fragment if getattr(request, "htmx", False) else None
    if result.saved:
        if render is not None:
            return render(Reply(saved=message))
        messages.add_message(request, level, message)
        return redirect(redirect_url)
    failed = Reply(status=result.status, bound={form.prefix or "": form}, conflict=result.conflict)
    return (render or page)(failed)
