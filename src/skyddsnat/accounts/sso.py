"""Single sign-on for staff with OpenID Connect (decision 0024).

The municipality's identity provider (Entra ID, ADFS, Keycloak …) is configured from the
environment (``SKYDDSNAT_OIDC_*`` in ``settings.py``; ``docs/deploy.md``). The flow is the
authorization code flow with PKCE through Authlib's Django client: ``begin`` sends the browser to
the provider with a state, a nonce and a code challenge kept in the session; ``complete`` takes
the code back, checks the state, fetches the tokens, checks the id_token's signature against the
provider's JWKS (from its discovery document) and its issuer, audience, expiry and nonce.

Then a user is *found*, never made: the claim ``SKYDDSNAT_OIDC_USER_CLAIM`` names is compared
with the ``sso_subject`` the administrator set on the user (without regard to case). An
unknown identity, a user who is inactive or whose employment has ended (``policy.
may_log_in_by_sso``), or a token that does not pass is refused with ``SsoRefused`` and an audit
row ``login_failed`` whose detail says why (``sso=<reason>``), never the claim's value. A
successful login goes through Django's ``login`` (audited by ``accounts/signals.py`` with the
detail ``sso``). The session counts as having its second factor only when the id_token says the
provider required more than one (``amr``/``acr``, ``proves_mfa``); otherwise the user gives her
TOTP code as after a password (``two_factor.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NoReturn

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from joserfc.errors import JoseError

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User
from skyddsnat.accounts.two_factor import SSO_MFA_SESSION_KEY
from skyddsnat.audit import services as audit

logger = logging.getLogger(__name__)

CALLBACK_PATH = "/login/sso/retur/"
#: The session key of the address to go to after the login (checked when it is stored).
NEXT_SESSION_KEY = "skyddsnat_sso_next"
#: The session key that says the session was opened by single sign-on.
SSO_SESSION_KEY = "skyddsnat_sso"
#: Seconds of clock difference with the provider accepted on ``exp``/``iat``.
LEEWAY_SECONDS = 60
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
WELL_KNOWN = "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Provider:
    """The identity provider and this client's registration with it, from the settings."""

    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    user_claim: str
    label: str
    mfa_amr: tuple[str, ...]
    mfa_acr: tuple[str, ...]


def configured() -> Provider | None:
    """Return the configured provider, or None when single sign-on is off."""
    url = settings.SKYDDSNAT_OIDC_DISCOVERY_URL.strip()
    client_id = settings.SKYDDSNAT_OIDC_CLIENT_ID.strip()
    if not url or not client_id:
        return None
    if WELL_KNOWN not in url:
        url = url.rstrip("/") + WELL_KNOWN
    return Provider(
        discovery_url=url,
        client_id=client_id,
        client_secret=settings.SKYDDSNAT_OIDC_CLIENT_SECRET,
        scopes=settings.SKYDDSNAT_OIDC_SCOPES,
        user_claim=settings.SKYDDSNAT_OIDC_USER_CLAIM.strip() or "sub",
        label=settings.SKYDDSNAT_OIDC_BUTTON_LABEL,
        mfa_amr=tuple(settings.SKYDDSNAT_OIDC_MFA_AMR),
        mfa_acr=tuple(settings.SKYDDSNAT_OIDC_MFA_ACR),
    )


@lru_cache(maxsize=4)
def _client(provider: Provider) -> DjangoOAuth2App:
    """Return the OIDC client for ``provider``; it keeps the discovery document and the JWKS
    (fetched again when an id_token names a key it does not have: the provider's key rollover)."""
    oauth = OAuth()
    client: DjangoOAuth2App = oauth.register(
        name="kommun",
        server_metadata_url=provider.discovery_url,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        client_kwargs={
            "scope": provider.scopes,
            "code_challenge_method": "S256",
            "default_timeout": 10,
        },
    )
    return client


def redirect_uri() -> str:
    """Return the address the provider sends the browser back to (registered with it)."""
    return settings.SKYDDSNAT_BASE_URL.rstrip("/") + CALLBACK_PATH


class SsoRefused(Exception):
    """A single sign-on login refused: ``reason`` for the audit row, ``message`` in Swedish."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message


UNKNOWN = (
    "Ditt konto hos kommunens inloggningstjänst är inte kopplat till någon användare i "
    "Skyddsnät. Kontakta Skyddsnäts administratör i din kommun."
)
INACTIVE = (
    "Ditt konto i Skyddsnät är inaktiverat eller din anställning har upphört. Kontakta "
    "Skyddsnäts administratör i din kommun."
)
FAILED = (
    "Inloggningen via kommunens inloggningstjänst kunde inte slutföras. Försök igen från "
    "inloggningssidan. Om det inte går, logga in med lösenord och engångskod eller kontakta "
    "din administratör."
)


def begin(request: HttpRequest, next_url: str) -> HttpResponse:
    """Send the browser to the provider's authorization endpoint (state, nonce, PKCE)."""
    provider = configured()
    if provider is None:
        raise SsoRefused("off", FAILED)
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    request.session[NEXT_SESSION_KEY] = next_url or "/"
    try:
        response: HttpResponse = _client(provider).authorize_redirect(request, redirect_uri())
    except (OAuthError, requests.RequestException, ValueError, KeyError) as exc:
        _refuse("provider_unreachable", FAILED, exc=exc)
    return response


def complete(request: HttpRequest) -> tuple[User, str]:
    """Finish the login the provider sent back; return the user and where to go next.

    Raise ``SsoRefused`` (after auditing it) when the answer does not pass or names nobody
    who may log in.
    """
    provider = configured()
    if provider is None:
        raise SsoRefused("off", FAILED)
    claims = _verified_claims(request, provider)
    subject = claims.get(provider.user_claim)
    if not isinstance(subject, str) or not subject.strip():
        _refuse("no_claim", UNKNOWN)
    user = User.objects.filter(sso_subject__iexact=subject.strip()).first()
    if user is None:
        _refuse("unknown", UNKNOWN)
    if not policy.may_log_in_by_sso(user, timezone.localdate()):
        _refuse("inactive", INACTIVE, user=user)
    next_url = request.session.pop(NEXT_SESSION_KEY, "/")
    request.skyddsnat_sso = True  # type: ignore[attr-defined]  # read by the login's audit
    login(request, user, backend=MODEL_BACKEND)
    request.session[SSO_SESSION_KEY] = True
    request.session[SSO_MFA_SESSION_KEY] = proves_mfa(claims, provider)
    return user, next_url


def _verified_claims(request: HttpRequest, provider: Provider) -> dict[str, Any]:
    """Return the id_token's claims once state, signature, issuer, audience, expiry and nonce
    have been checked (Authlib), or refuse."""
    if request.GET.get("error"):
        _refuse("provider_error", FAILED)
    client = _client(provider)
    try:
        issuer = client.load_server_metadata()["issuer"]
        options = {
            "iss": {"essential": True, "values": [issuer]},
            "sub": {"essential": True},
            "exp": {"essential": True},
        }
        token = client.authorize_access_token(
            request, claims_options=options, leeway=LEEWAY_SECONDS
        )
    except (OAuthError, JoseError, requests.RequestException, ValueError, KeyError) as exc:
        _refuse("invalid", FAILED, exc=exc)
    claims = token.get("userinfo")
    if not claims:
        _refuse("no_id_token", FAILED)
    return dict(claims)


def proves_mfa(claims: dict[str, Any], provider: Provider) -> bool:
    """Return whether the id_token says the provider asked for more than one factor: an
    ``amr`` value in ``SKYDDSNAT_OIDC_MFA_AMR`` or the ``acr`` in ``SKYDDSNAT_OIDC_MFA_ACR``."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if isinstance(amr, list) and set(provider.mfa_amr) & {a for a in amr if isinstance(a, str)}:
        return True
    acr = claims.get("acr")
    return isinstance(acr, str) and acr in provider.mfa_acr


def _refuse(
    reason: str, message: str, *, user: User | None = None, exc: Exception | None = None
) -> NoReturn:
    """Audit the refused login and raise ``SsoRefused``; the claim's value is never kept."""
    if exc is not None:
        logger.warning("SSO login refused: %s (%s)", reason, type(exc).__name__)
    audit.record(actor=None, action="login_failed", obj=user or User(), detail=f"sso={reason}")
    raise SsoRefused(reason, message)
