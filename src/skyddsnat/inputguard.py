"""The request guard: what no request may bring, refused in the one place request data enters.

Every request, web or API, passes ``InputGuardMiddleware`` before any view reads it:

- a body larger than ``limits.MAX_BODY_BYTES`` is refused with 413 (Django's
  ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is the same number, so no later reading can go past it);
- a text that cannot be stored (a NUL character; a lone surrogate, ``"\\ud800"`` in JSON) in
  the query string of any request, or in the body of an API request (JSON or a form), is
  refused: the API answers 422 with the contract's error document, naming each field by its
  dotted path (``children.0.name``); the web answers a 400 page. Before this, PostgreSQL
  answered a NUL with a 500 and SQLite stored it, and a lone surrogate was a 500 on both.

The web's posted forms are left to the forms, which say it better: Django's ``CharField``
refuses a NUL next to the field, keeping what was typed (422, which htmx swaps in), and a form
encoding cannot carry a lone surrogate (Django decodes it as a replacement character). The
draft autosave, which reads no form, checks its texts itself (``journal/drafts.py``).

Nothing has been read by a view, so nothing has been stored. The limits and their reasons are
in ``skyddsnat/limits.py`` and docs/architecture.md ("Limits").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from skyddsnat.api.errors import HTTP_MESSAGES, QUERY_FAILED, SAVE_FAILED, error_body
from skyddsnat.limits import MAX_BODY_BYTES, bad_character, number_sv

API_PREFIX = "/api/"
BODY = "body"  # the field name of a problem that is about the request as a whole

TOO_LARGE_TITLE = "Det gick inte att spara"
TOO_LARGE = (
    f"Begäran är för stor: högst {number_sv(MAX_BODY_BYTES)} byte får skickas. "
    "Inget har sparats. Korta texterna och försök igen."
)
BAD_NAME = "Ett fältnamn innehåller ett tecken som inte kan sparas (NUL eller ett ensamt surrogat)."
UNREADABLE = HTTP_MESSAGES[400]
BAD_ADDRESS_TITLE = "Adressen kan inte användas"
BAD_ADDRESS = (
    "Adressen innehåller ett tecken som inte kan användas (ett nolltecken, som inte syns). "
    "Ta bort det, till exempel genom att skriva in sökningen på nytt, och försök igen."
)

Problems = dict[str, list[str]]


class InputGuardMiddleware:
    """Refuse a request that is too large or carries a text that cannot be stored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return refusal(request) or self.get_response(request)


def refusal(request: HttpRequest) -> HttpResponse | None:
    """Return the answer that refuses ``request``, or None when it may pass."""
    api = request.path_info.startswith(API_PREFIX)
    if _declared_length(request) > MAX_BODY_BYTES:
        return _too_large(request, api)
    try:
        problems = _problems(request, api)
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
        return _too_large(request, api)
    except RecursionError:  # JSON nested deeper than Python reads: not a document we take
        return _json(400, UNREADABLE, {})
    if not problems:
        return None
    if api:
        reading = request.method in ("GET", "HEAD")
        return _json(422, QUERY_FAILED if reading else SAVE_FAILED, problems)
    return _web(request, 400, BAD_ADDRESS_TITLE, BAD_ADDRESS)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _problems(request: HttpRequest, api: bool) -> Problems:
    """Return each field whose name or value cannot be stored, with the Swedish reasons."""
    problems: Problems = {}
    for key, values in request.GET.lists():
        _check_pair(key, values, problems)
    if not api or request.method in ("GET", "HEAD", "OPTIONS"):
        return problems
    body = request.body  # read first, so that both the body and the form stay readable
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            document = json.loads(body)
        except ValueError:
            return problems  # not JSON: the API answers that itself
        _walk(document, "", problems)
    elif body:
        for key, values in request.POST.lists():
            _check_pair(key, values, problems)
    return problems


def _check_pair(key: str, values: list[str], problems: Problems) -> None:
    if bad_character(key):
        _add(problems, BODY, BAD_NAME)
        return
    for value in values:
        reason = bad_character(value)
        if reason:
            _add(problems, key, reason)


def _walk(value: Any, path: str, problems: Problems) -> None:
    """Check every string of a JSON document, keys included, by its dotted path."""
    if isinstance(value, str):
        reason = bad_character(value)
        if reason:
            _add(problems, path or BODY, reason)
    elif isinstance(value, dict):
        for key, item in value.items():
            if bad_character(key):
                _add(problems, path or BODY, BAD_NAME)
                continue
            _walk(item, f"{path}.{key}" if path else key, problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{path}.{index}" if path else str(index), problems)


def _add(problems: Problems, field: str, message: str) -> None:
    messages = problems.setdefault(field, [])
    if message not in messages:
        messages.append(message)


def _too_large(request: HttpRequest, api: bool) -> HttpResponse:
    return _json(413, TOO_LARGE, {}) if api else _web(request, 413, TOO_LARGE_TITLE, TOO_LARGE)


def _json(status: int, detail: str, errors: Problems) -> HttpResponse:
    """The API's error document (``api/errors.py``)."""
    return JsonResponse(
        error_body(detail, errors), status=status, json_dumps_params={"ensure_ascii": False}
    )


def _web(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {"title": title, "message": message}
    return render(request, "web/refused.html", context, status=status)
