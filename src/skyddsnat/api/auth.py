"""Who is calling: a bearer token (systems) or the browser session (with CSRF)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from skyddsnat.accounts.models import ApiToken, User
from skyddsnat.accounts.two_factor import second_factor_missing


class BearerToken(HttpBearer):
    """``Authorization: Bearer sn_…``: a token issued with ``manage.py api_token``."""

    def __call__(self, request: HttpRequest) -> User | None:
        # Parse the header here rather than in ``HttpBearer``, which logs a foreign header in
        # DEBUG, and a header can carry a credential.
        scheme, _, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        """Return the active user the token belongs to, or None (unknown or revoked)."""
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        return row.user if row else None


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
