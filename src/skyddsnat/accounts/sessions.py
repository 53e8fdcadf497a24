"""The idle timeout without a write on every request (issue 13 item 7, decision 0048).

A session ends ``SESSION_COOKIE_AGE`` (30 minutes) after it was last extended. Django's
``SESSION_SAVE_EVERY_REQUEST`` extends it by saving the session (a database write, on SQLite a
commit with its flush) on every answer. Here it is extended when it was last extended at least
``refresh_seconds()`` ago (a minute, a thirtieth of the age) or when the request changed it
anyway: the answers in between write nothing. The idle timeout is then between 29 and 30
minutes after the last request, never longer. The keep-alive of the pages
(``web/views/drafts.keep_alive``) always extends it, and the pages tell the browser how long is
left (``remaining_seconds``), so that its warning before the end comes in time.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

#: When the session was last extended (seconds since the epoch), kept in the session.
EXTENDED_AT = "skyddsnat_extended_at"
#: How often at most a session is extended by a request that changes nothing else in it.
REFRESH_SECONDS = 60


def refresh_seconds() -> int:
    """Return how long a session goes without being extended: a minute, or a thirtieth of the
    session's age when that is shorter."""
    return min(REFRESH_SECONDS, settings.SESSION_COOKIE_AGE // 30)


def remaining_seconds(request: HttpRequest) -> int:
    """Return how long the session of ``request`` lasts after this answer."""
    age = settings.SESSION_COOKIE_AGE
    session = getattr(request, "session", None)
    if session is None or session.modified:
        return age
    since = timezone.now().timestamp() - session.get(EXTENDED_AT, 0)
    return age if since >= refresh_seconds() else max(0, int(age - since))


class IdleSessionMiddleware(SessionMiddleware):
    """Django's session middleware, extending the session at most once a ``refresh_seconds``
    (``SESSION_SAVE_EVERY_REQUEST`` is off)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            now = timezone.now().timestamp()
            stale = now - session.get(EXTENDED_AT, 0) >= refresh_seconds()
            # A session that no longer exists (ended, or logged out) is not brought back.
            if session.session_key is not None and (stale or session.modified):
                session[EXTENDED_AT] = now
        elif session is not None and session.modified:
            session[EXTENDED_AT] = timezone.now().timestamp()
        return super().process_response(request, response)
