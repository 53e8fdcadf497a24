"""The second factor (TOTP, django-otp) for staff, enforced when ``SKYDDSNAT_REQUIRE_2FA`` is on.

After the password, a logged-in user whose session is not yet verified is sent to
``/login/tvafaktor/`` for the six-digit code of their authenticator app. Devices are enrolled
with ``manage.py totp_enrol <username>`` (or in the admin, django-otp's TOTP device). The API's
bearer tokens are issued to systems and are not affected; the API's browser-session login is
refused until the session is verified.
"""

from __future__ import annotations

from collections.abc import Callable

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

VERIFY_PATH = "/login/tvafaktor/"
#: Paths reachable before the second factor: the login steps themselves and static files.
OPEN_PREFIXES = ("/login/", "/logout/", "/static/", "/api/")


def second_factor_missing(request: HttpRequest) -> bool:
    """Return whether the request's logged-in user still has to give their code."""
    if not settings.SKYDDSNAT_REQUIRE_2FA:
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
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
    form = CodeForm(request.POST or None)
    if request.method == "POST" and has_device and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("code", _("Koden stämmer inte. Försök igen med en ny kod."))
    return render(
        request,
        "registration/second_factor.html",
        {"form": form, "has_device": has_device, "next": next_url},
    )


urlpatterns = [path("login/tvafaktor/", verify, name="second_factor")]
