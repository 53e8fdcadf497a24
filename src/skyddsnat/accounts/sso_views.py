"""The single sign-on pages: the login page's button starts it, the provider returns to
``/login/sso/retur/`` (``accounts/sso.py`` does the work; decision 0024)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from skyddsnat.accounts import sso


def _refused(request: HttpRequest, refusal: sso.SsoRefused) -> HttpResponse:
    context = {"title": _("Inloggningen nekades"), "message": refusal.message}
    return render(request, "registration/sso_refused.html", context, status=403)


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the municipality's identity provider (a link on the login page:
    a form's answer could not redirect there under the policy's ``form-action 'self'``)."""
    if sso.configured() is None:
        raise Http404
    if request.user.is_authenticated:
        return redirect("/")
    try:
        return sso.begin(request, request.GET.get("next", "/"))
    except sso.SsoRefused as refusal:
        return _refused(request, refusal)


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Log in the user the provider vouched for, or say in Swedish why not."""
    if sso.configured() is None:
        raise Http404
    try:
        _user, next_url = sso.complete(request)
    except sso.SsoRefused as refusal:
        return _refused(request, refusal)
    return redirect(next_url)


urlpatterns = [
    path("login/sso/", start, name="sso_start"),
    path("login/sso/retur/", callback, name="sso_callback"),
]
