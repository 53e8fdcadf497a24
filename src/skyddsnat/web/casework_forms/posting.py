"""Run a posted form through its service, then answer the browser (page) or htmx (fragment).

A failed save stores nothing (the services are atomic), keeps what was typed, and puts the
service's Swedish messages next to the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def answer(
    request: HttpRequest,
    result: Result,
    *,
    message: str,
    redirect_url: str,
    page: Callable[[int], HttpResponse],
    fragment: Callable[[int, str], HttpResponse] | None = None,
) -> HttpResponse:
    """Answer a posted form.

    Saved: htmx gets the fresh ``fragment``; a plain browser is redirected (with ``message``).
    Not saved: htmx gets the fragment with the form and its errors, a plain browser the page.
    """
    htmx = bool(getattr(request, "htmx", False)) and fragment is not None
    if result.saved:
        if htmx:
            return fragment(200, message)
        messages.success(request, message)
        return redirect(redirect_url)
    if htmx:
        return fragment(result.status, "")
    return page(result.status)
