"""The second factor (TOTP, django-otp) for staff, enforced when ``SKYDDSNAT_REQUIRE_2FA`` is on.

After the password, a logged-in user whose session is not yet verified is sent to
``/login/tvafaktor/`` for the six-digit code of their authenticator app. A user without a device
(new, or whose second factor the administrator reset) enrols one there at her first login: the
page shows the key of a new, unconfirmed TOTP device, and the first right code confirms it
(audited). An operator can also enrol one with ``manage.py totp_enrol <username>``. The API's
bearer tokens are issued to systems and are not affected; the API's browser-session login is
refused until the session is verified.
"""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from skyddsnat.audit import services as audit

VERIFY_PATH = "/login/tvafaktor/"
#: Paths reachable before the second factor: the login steps themselves and static files.
OPEN_PREFIXES = ("/login/", "/logout/", "/static/", "/api/")
#: Set on a session opened by single sign-on whose id_token proved the identity provider's
#: multi-factor login (``accounts/sso.py``, decision 0024): it stands for the TOTP code.
SSO_MFA_SESSION_KEY = "skyddsnat_sso_mfa"


def second_factor_missing(request: HttpRequest) -> bool:
    """Return whether the request's logged-in user still has to give their code."""
    if not settings.SKYDDSNAT_REQUIRE_2FA:
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.get(SSO_MFA_SESSION_KEY) is True:
        return False
    return not user.is_verified()


class RequireSecondFactorMiddleware:
    """Send a session that has a password but no second factor to the code page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if second_factor_missing(request) and not request.path.startswith(OPEN_PREFIXES):
            return redirect(f"{VERIFY_PATH}?next={request.path}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Engångskod"), max_length=8)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code and mark the session verified."""
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    has_device = user_has_device(request.user)
    new_device = None if has_device else _device_to_enrol(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        device = match_token(request.user, code) if has_device else None
        if new_device is not None and new_device.verify_token(code):
            device = _confirm(new_device)
        if device is not None:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("code", _("Koden stämmer inte. Försök igen med en ny kod."))
    context = {"form": form, "has_device": has_device, "next": next_url}
    if new_device is not None:
        context["key"] = b32encode(new_device.bin_key).decode()
        context["config_url"] = new_device.config_url
    return render(request, "registration/second_factor.html", context)


def _device_to_enrol(user: Any) -> TOTPDevice:
    """Return the user's unconfirmed device, created with a new key if she has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)
    return device


def _confirm(device: TOTPDevice) -> TOTPDevice:
    """Confirm the device enrolled at the first login, and audit it (never the key)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(
        actor=device.user, action="create", obj=device, detail=f"enrolled;user={device.user_id}"
    )
    return device


urlpatterns = [path("login/tvafaktor/", verify, name="second_factor")]
