"""The one-time link with which a new user chooses her password (``administration.password_link``).

Django's password-reset confirmation, at ``/login/nytt-losenord/<uidb64>/<token>/``: the token
covers the password hash and the last login, so the link works once, and for
``PASSWORD_RESET_TIMEOUT`` (three days) at most. Choosing the password is audited (action
``update`` on the user, the user as actor, ``detail`` ``password_set``); never the password.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import path

from skyddsnat.audit import services as audit


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "registration/set_password.html"
    success_url = "/login/"
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        audit.record(actor=user, action="update", obj=user, detail=f"password_set;user={user.pk}")
        return response


urlpatterns = [
    path("login/nytt-losenord/<uidb64>/<token>/", SetPasswordView.as_view(), name="set_password")
]
