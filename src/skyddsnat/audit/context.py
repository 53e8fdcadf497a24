"""Where the current request came from, for the audit rows the services write.

``AuditContextMiddleware`` sets the channel (``api`` for ``/api/``, else ``web``) and the client
IP for the duration of one request; ``audit.services.record`` reads them when not given.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

#: (channel, ip) of the request being served; ("system", None) outside a request.
current: ContextVar[tuple[str, str | None]] = ContextVar("audit_context", default=("system", None))


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        token = current.set((channel, request.META.get("REMOTE_ADDR")))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
