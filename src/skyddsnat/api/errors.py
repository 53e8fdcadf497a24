"""Turn every error into the contract's JSON: ``{"detail": …, "errors": {field: [message]}}``.

Service errors (a signed record that may not change included) keep their Swedish message and
status; ninja's validation errors get a Swedish message per field, named by its dotted path
(``children.0.personal_identity_number``). Every handler of the API is installed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from skyddsnat.errors import ServiceError

SAVE_FAILED = "Uppgifterna kunde inte sparas. Rätta fälten nedan."
QUERY_FAILED = "Frågan innehåller ogiltiga värden. Rätta fälten nedan."
LOGIN_REQUIRED = (
    "Du måste vara inloggad. Ange en giltig API-nyckel (Authorization: Bearer …) "
    "eller logga in i webbläsaren."
)
INVALID = "Ogiltigt värde."

#: Swedish messages for pydantic's error types (https://docs.pydantic.dev/latest/errors/),
#: each message with the types it answers.
_MESSAGE_TYPES: dict[str, tuple[str, ...]] = {
    "Fältet måste fyllas i.": ("missing",),
    "Ange ett datum som ÅÅÅÅ-MM-DD.": (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ),
    "Ange en tidpunkt som ÅÅÅÅ-MM-DDTtt:mm:ss+01:00.": (
        "datetime_type",
        "datetime_parsing",
        "datetime_from_date_parsing",
        "datetime_object_invalid",
    ),
    "Ange tidpunkten med tidszon, t.ex. 2026-03-02T09:15:00+01:00.": ("timezone_aware",),
    "Ange true eller false.": ("bool_type", "bool_parsing"),
    "Ange ett heltal.": ("int_type", "int_parsing", "int_from_float"),
    "Ange en text.": ("string_type",),
    "Texten är för lång.": ("string_too_long",),
    "Ange en lista.": ("list_type",),
    "Ange ett objekt.": ("dict_type", "model_type", "model_attributes_type"),
    "Okänt fält.": ("extra_forbidden",),
    "För många värden.": ("too_long",),
}
MESSAGES: dict[str, str] = {
    kind: message for message, kinds in _MESSAGE_TYPES.items() for kind in kinds
}

#: Swedish messages for ninja's own HTTP errors, by status.
HTTP_MESSAGES: dict[int, str] = {
    400: "Begäran kunde inte läsas. Skicka giltig JSON.",
    401: LOGIN_REQUIRED,
    403: "Du har inte behörighet.",
    404: "Resursen finns inte.",
    405: "Metoden är inte tillåten här.",
    429: "För många förfrågningar. Försök igen senare.",
}
CSRF_FAILED = "CSRF-kontrollen misslyckades. Ladda om sidan och försök igen."


def error_body(detail: str, errors: Mapping[str, list[str]] | None = None) -> dict[str, Any]:
    """Return the contract's error document."""
    return {"detail": detail, "errors": dict(errors or {})}


def field_path(loc: Iterable[str | int]) -> str:
    """Return the dotted field name of a ninja error location, without source and parameter.

    ``("body", "payload", "children", 0, "name")`` → ``children.0.name``;
    ``("query", "as_of")`` → ``as_of``.
    """
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and parts:
        parts.pop(0)  # the handler's parameter name, e.g. "payload"
    return ".".join(str(p) for p in parts) or "body"


def message_for(error: Mapping[str, Any]) -> str:
    """Return the Swedish message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"{INVALID} Välj ett av: {expected}." if expected else INVALID
    if kind == "greater_than_equal" and "ge" in ctx:
        return f"Ange ett tal som är minst {ctx['ge']}."
    if kind == "less_than_equal" and "le" in ctx:
        return f"Ange ett tal som är högst {ctx['le']}."
    if kind == "value_error":
        return str(error.get("msg", INVALID)).removeprefix("Value error, ")
    return MESSAGES.get(kind, INVALID)


def translate(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Return the field → messages map of a list of pydantic errors."""
    result: dict[str, list[str]] = {}
    for error in errors:
        messages = result.setdefault(field_path(error.get("loc", ())), [])
        message = message_for(error)
        if message not in messages:
            messages.append(message)
    return result


def _json(status: int, body: dict[str, Any]) -> HttpResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return _json(exc.status, error_body(exc.message, exc.errors))


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = QUERY_FAILED if request.method in ("GET", "HEAD") else SAVE_FAILED
    return _json(422, error_body(detail, translate(exc.errors)))


def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _json(401, error_body(LOGIN_REQUIRED))
    response["WWW-Authenticate"] = 'Bearer realm="skyddsnat"'
    return response


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403 and "CSRF" in exc.message:
        return _json(403, error_body(CSRF_FAILED))
    detail = HTTP_MESSAGES.get(exc.status_code, "Begäran kunde inte utföras.")
    return _json(exc.status_code, error_body(detail))


def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _json(404, error_body(HTTP_MESSAGES[404]))


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``."""
    api.add_exception_handler(ServiceError, on_service_error)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
