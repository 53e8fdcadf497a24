"""No copy of a page or an API answer is kept: ``Cache-Control: no-store, private``.

Almost every answer of Skyddsnät holds personal data: a case page, a search result, an API
answer, the investigation as a PDF. A copy left in the browser's cache (on a shared computer in
the office, or read back with the back button after logging out) or in a proxy between the
municipality's network and the server would outlive the session. ``NoStoreMiddleware`` gives
every answer Django's never-cache headers (``max-age=0, no-cache, no-store, must-revalidate,
private`` and an ``Expires`` of now), whoever asked: the pages a logged-out visitor sees (the
login, an error) gain nothing from a cache either, and one rule for all cannot miss an answer
that carries personal data. Static files (``STATIC_URL``: the style sheet, the scripts) carry
none and keep their caching; they are served before this middleware, in production by
WhiteNoise's (just outside it), in development by ``runserver``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Forbid every cache to store any answer but a static file's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static_prefix = "/" + str(settings.STATIC_URL).lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path_info.startswith(self.static_prefix):
            add_never_cache_headers(response)
        return response
