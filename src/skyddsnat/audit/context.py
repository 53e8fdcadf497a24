"""Where the current request came from, for the audit rows the services write.

``AuditContextMiddleware`` sets the channel (``api`` for ``/api/``, else ``web``) and the client
IP for the duration of one request, and the API's bearer authentication adds the token
(``attribute_to_token``); ``audit.services.record`` reads them when not given.

``client_ip`` is the one answer to "which address did this request come from", for the audit
rows and for the login lockout (django-axes' ``AXES_CLIENT_IP_CALLABLE``). It is
``REMOTE_ADDR`` unless ``SKYDDSNAT_TRUSTED_PROXY_COUNT`` says how many reverse proxies of the
municipality stand in front of the application; only then is ``X-Forwarded-For`` read, and
only the address the outermost trusted proxy saw (counted from the right), so a client cannot
choose its own address by sending the header.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from contextvars import ContextVar
from typing import NamedTuple

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class RequestContext(NamedTuple):
    """Where the request being served came from, as its audit rows say."""

    channel: str
    ip: str | None
    #: The API token that authenticated the request, once ``api/auth.py`` has found it.
    api_token_id: int | None = None


#: Where a row written outside any request (a command, the demo) comes from.
OUTSIDE_A_REQUEST = RequestContext("system", None)

#: The request being served (a tuple, immutable: each request sets its own).
current: ContextVar[RequestContext] = ContextVar("audit_context", default=OUTSIDE_A_REQUEST)


def attribute_to_token(api_token_id: int) -> None:
    """Name ``api_token_id`` in the audit rows of the rest of the current request."""
    current.set(current.get()._replace(api_token_id=api_token_id))


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address: ``REMOTE_ADDR``, or behind trusted proxies the address
    ``X-Forwarded-For`` has ``SKYDDSNAT_TRUSTED_PROXY_COUNT`` places from its end.

    A request with fewer forwarded addresses than proxies (one that did not pass all of them)
    or a malformed address gives ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "SKYDDSNAT_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        token = current.set(RequestContext(channel, client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
