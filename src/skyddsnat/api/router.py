"""The HTTP API v1 (docs/spec/api.md), mounted at ``/api/v1/``."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from ninja import NinjaAPI

from skyddsnat.accounts.two_factor import VERIFY_PATH, second_factor_missing
from skyddsnat.api import (
    actionplans,
    assessments,
    care,
    cases,
    child_rights,
    children,
    errors,
    family,
    followups,
    indicators,
    interventions,
    investigation_contacts,
    investigations,
    journal,
    lvu,
    plans,
    protected_housing,
    reports,
    siblings,
    staff,
    surveys,
    timestudy,
)
from skyddsnat.api.auth import BearerToken, BrowserSession
from skyddsnat.limits import (
    EARLIEST_BIRTH_DATE,
    EARLIEST_RECEIVED_DATE,
    MAX_BODY_BYTES,
    MAX_CHILDREN_PER_REPORT,
    MAX_EXTENSION_MONTHS,
    MAX_TEXT_CHARS,
    number_sv,
)

DESCRIPTION = """
**Svenska.** Skyddsnäts API för den sociala barn- och ungdomsvården: anmälningar, bedömningar,
utredningar, insatser, tidsfrister och orosanmälningar över tid. Samma tjänstelager som
webbgränssnittet: ingen regel finns i API:t. Logga in med en API-nyckel
(`Authorization: Bearer sn_…`, skapas med `manage.py api_token <användare>`) eller med
webbläsarens session (med CSRF-token). Datum skrivs `ÅÅÅÅ-MM-DD`; tidpunkter med tidszon.
Fel besvaras med `{"detail": "…", "errors": {"fält": ["meddelande"]}}` på svenska. Ärenden i
andra kommuner finns inte (404). En `POST` med samma `Idempotency-Key` och samma innehåll ger
det första svaret igen i stället för ett nytt objekt. Listor (`GET /cases`,
`GET /cases/{id}/journal`) svarar en sida i taget: `items`, `limit` (högst 200) och `next`,
adressen till nästa sida (`null` på den sista). {limits_sv}

**English.** The API of Skyddsnät for municipal child and youth social care: reports,
assessments, investigations, interventions, time limits (obligations) and the concern
chronology. It calls the same service layer as the web UI. Authenticate with a bearer token
(issued by `manage.py api_token <username>`) or the browser session (with the CSRF token).
Dates are ISO dates; date-times carry an offset. Errors come as
`{"detail": …, "errors": {field: [message]}}` with Swedish messages. Objects of another
municipality do not exist (404). A `POST` repeated with the same `Idempotency-Key` and body
returns the first response instead of creating a second object. Lists (`GET /cases`,
`GET /cases/{id}/journal`) answer a page at a time: `items`, `limit` (at most 200) and `next`,
the address of the following page (`null` on the last). {limits_en}
"""

#: The limits of ``skyddsnat/limits.py``, in both languages (docs/architecture.md, "Limits").
LIMITS_SV = (
    f"Gränser: högst {number_sv(MAX_BODY_BYTES)} byte per begäran (annars 413); ingen text med "
    "nolltecken eller ensamt surrogattecken (422, med fältet); en fritext högst "
    f"{number_sv(MAX_TEXT_CHARS)} tecken och en kort text högst sitt fälts längd; högst "
    f"{MAX_CHILDREN_PER_REPORT} barn per anmälan; mottagen tidigast {EARLIEST_RECEIVED_DATE}, "
    f"född tidigast {EARLIEST_BIRTH_DATE}; en förlängning högst {MAX_EXTENSION_MONTHS} månader "
    "efter sista dagen den ersätter. Personnummer får skrivas med siffror ur vilken skrift som "
    "helst (t.ex. `２０１５…`) och sparas med ASCII-siffror."
)
LIMITS_EN = (
    f"Limits: at most {number_sv(MAX_BODY_BYTES)} bytes a request (else 413); no text with a "
    "NUL or a lone surrogate (422, naming the field); a free text at most "
    f"{number_sv(MAX_TEXT_CHARS)} characters and a short text within its field; at most "
    f"{MAX_CHILDREN_PER_REPORT} children a report; received on {EARLIEST_RECEIVED_DATE} or "
    f"later, born on {EARLIEST_BIRTH_DATE} or later; an extension at most "
    f"{MAX_EXTENSION_MONTHS} months past the due date it replaces. Identity numbers may be "
    "written in any script's digits and are stored in ASCII."
)


def docs_behind_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Show the API's description (``/docs`` and ``/openapi.json``) to a logged-in user only.

    In production (``SKYDDSNAT_API_DOCS_PUBLIC``, which follows ``DEBUG``, is off) the map of
    every endpoint is not for anyone on the network: a browser session past the second factor
    or a bearer token is needed. Without one, the Swagger page sends the browser to the login
    (or the code page) and the document answers 401 in the contract's error form.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.SKYDDSNAT_API_DOCS_PUBLIC or _logged_in(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse(
                {"detail": "Logga in för att läsa API:ts beskrivning.", "errors": {}}, status=401
            )
        if second_factor_missing(request):
            return redirect(f"{VERIFY_PATH}?next={request.path}")
        return redirect_to_login(request.get_full_path())

    return guarded


def _logged_in(request: HttpRequest) -> bool:
    user = request.user
    if user.is_authenticated and user.is_active and not second_factor_missing(request):
        return True
    return BearerToken()(request) is not None


api = NinjaAPI(
    title="Skyddsnät API",
    version="1",
    description=DESCRIPTION.replace("{limits_sv}", LIMITS_SV).replace("{limits_en}", LIMITS_EN),
    urls_namespace="api-v1",
    auth=[BearerToken(), BrowserSession()],
    docs_decorator=docs_behind_login,
)
errors.install(api)
for module in (
    reports,
    cases,
    assessments,
    siblings,
    investigations,
    investigation_contacts,
    interventions,
    lvu,
    care,
    protected_housing,
    plans,
    followups,
    child_rights,
    children,
    family,
    journal,
    indicators,
    timestudy,
    surveys,
    actionplans,
    staff,
):
    api.add_router("", module.router)
