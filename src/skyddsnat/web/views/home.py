"""The start: send each role to its own start page; the login page lists the demo logins."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from skyddsnat.accounts import policy, sso


def home(request: HttpRequest) -> HttpResponse:
    """Redirect to the user's start page: the unit view for managers, my cases for case
    workers, the follow-up for analysts and the committee, the administration for the
    administrator."""
    if not request.user.is_authenticated:
        return redirect("login")
    if policy.can_view_unit(request.user):
        return redirect("web:unit")
    if policy.has_own_cases(request.user):
        return redirect("web:my_cases")
    if policy.can_view_indicators(request.user):
        return redirect("web:followup")
    if policy.can_administer(request.user):
        return redirect("web:administration")
    if policy.can_run_surveys(request.user):
        return redirect("web:surveys")
    return render(request, "web/no_case_access.html")


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        provider = sso.configured()
        if provider is not None:
            context["sso_label"] = provider.label
        if settings.DEMO_ENABLED:
            from skyddsnat.demo.logins import DEMO_LOGINS

            context["demo_users"] = DEMO_LOGINS
        return context
