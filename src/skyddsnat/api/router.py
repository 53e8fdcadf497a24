"""The HTTP API v1 (docs/spec/api.md), mounted at ``/api/v1/``."""

from ninja import NinjaAPI

from skyddsnat.api import (
    assessments,
    cases,
    children,
    errors,
    indicators,
    interventions,
    investigation_contacts,
    investigations,
    reports,
)
from skyddsnat.api.auth import BearerToken, BrowserSession

DESCRIPTION = """
**Svenska.** Skyddsnäts API för den sociala barn- och ungdomsvården: anmälningar, bedömningar,
utredningar, insatser, tidsfrister och orosanmälningar över tid. Samma tjänstelager som
webbgränssnittet: ingen regel finns i API:t. Logga in med en API-nyckel
(`Authorization: Bearer sn_…`, skapas med `manage.py api_token <användare>`) eller med
webbläsarens session (med CSRF-token). Datum skrivs `ÅÅÅÅ-MM-DD`; tidpunkter med tidszon.
Fel besvaras med `{"detail": "…", "errors": {"fält": ["meddelande"]}}` på svenska. Ärenden i
andra kommuner finns inte (404). En `POST` med samma `Idempotency-Key` och samma innehåll ger
det första svaret igen i stället för ett nytt objekt.

**English.** The API of Skyddsnät for municipal child and youth social care: reports,
assessments, investigations, interventions, time limits (obligations) and the concern
chronology. It calls the same service layer as the web UI. Authenticate with a bearer token
(issued by `manage.py api_token <username>`) or the browser session (with the CSRF token).
Dates are ISO dates; date-times carry an offset. Errors come as
`{"detail": …, "errors": {field: [message]}}` with Swedish messages. Objects of another
municipality do not exist (404). A `POST` repeated with the same `Idempotency-Key` and body
returns the first response instead of creating a second object.
"""

api = NinjaAPI(
    title="Skyddsnät API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[BearerToken(), BrowserSession()],
)
errors.install(api)
for module in (
    reports,
    cases,
    assessments,
    investigations,
    investigation_contacts,
    interventions,
    children,
    indicators,
):
    api.add_router("", module.router)
