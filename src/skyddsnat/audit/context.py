"""Where the current request came from, for the audit rows the services write.

``AuditContextMiddleware`` sets the channel (``api`` for ``/api/``, else ``web``) and the client
IP for the duration of one request; ``audit.services.record`` reads them when not given.

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

from django.conf import settings
from django.http import HttpRequest, HttpResponse

#: (channel, ip) of the request being served; ("system", None) outside a request.
current: ContextVar[tuple[str, str | None]] = ContextVar("audit_context", default=("system", None))


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
        token = current.set((channel, client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
