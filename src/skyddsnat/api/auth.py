"""Who is calling: a bearer token (systems) or the browser session (with CSRF)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from skyddsnat.accounts.models import ApiToken, User
from skyddsnat.accounts.two_factor import second_factor_missing
from skyddsnat.audit.context import attribute_to_token

#: How stale ``ApiToken.last_used_at`` may be: it is written at most once in this time.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class BearerToken(HttpBearer):
    """``Authorization: Bearer sn_…``: a token issued with ``manage.py api_token issue``."""

    def __call__(self, request: HttpRequest) -> User | None:
        # Parse the header here rather than in ``HttpBearer``, which logs a foreign header in
        # DEBUG, and a header can carry a credential.
        scheme, _, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        """Return the user the token belongs to, or None (unknown, expired or revoked, or its
        user inactive or gone: ``ApiToken.usable``).

        The use is recorded: ``last_used_at`` (at most once a minute, so that a busy system
        does not write on every read), and the token's id in every audit row of the request.
        """
        now = timezone.now()
        row = (
            ApiToken.usable(now)
            .select_related("user")
            .filter(digest=ApiToken.digest_of(token))
            .first()
        )
        if row is None:
            return None
        if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        attribute_to_token(row.pk)
        return row.user


class BrowserSession(APIKeyCookie):
    """The logged-in browser session; a request that changes something must carry the CSRF token.

    Unlike ninja's ``django_auth``, a request without a session is simply not authenticated
    here (401), instead of failing the CSRF check (403).
    """

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        """Return the session's user if it is logged in, active and past the second factor."""
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        if second_factor_missing(request):
            return None
        return user


def current_user(request: HttpRequest) -> User:
    """Return the user the request was authenticated as."""
    return request.auth  # type: ignore[attr-defined]
