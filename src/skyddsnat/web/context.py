"""Template context for the layout: who is logged in, where, and what they can reach."""

from __future__ import annotations

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts import policy, sessions
from skyddsnat.accounts.models import User
from skyddsnat.surveys import services as surveys

#: The menu, in this order: (url name, label, the policy's question whether the user may go
#: there). The intake officer's report form is called after the intake.
MENU = (
    ("web:unit", _("Enhetens översikt"), policy.can_view_unit),
    ("web:my_cases", _("Mina ärenden"), policy.has_own_cases),
    ("web:intake", _("Ny anmälan"), policy.can_register_report),
    ("web:timestudy", _("Tidsmätning"), policy.takes_part_in_time_studies),
    ("web:followup", _("Uppföljning"), policy.can_view_indicators),
    ("web:committee_report", _("Rapport till nämnden"), policy.can_view_indicators),
    ("web:action_plans", _("Handlingsplaner"), policy.can_read_action_plans),
    ("web:timestudy_results", _("Tidsmätningens resultat"), policy.can_view_time_study_results),
    ("web:timestudy_plan", _("Planera tidsmätning"), policy.can_run_time_study),
    (
        "web:timestudy_categories",
        _("Tidsmätningens kategorier"),
        policy.can_define_time_study_categories,
    ),
    ("web:unit_break_glass", _("Nödåtkomst"), policy.can_view_unit),
    ("web:unit_audit_log", _("Åtkomstlogg"), policy.can_view_unit),
    ("web:administration", _("Administration"), policy.can_administer),
    ("web:admin_users", _("Användare"), policy.can_administer),
    ("web:admin_units", _("Enheter"), policy.can_administer),
    ("web:admin_log", _("Administrationslogg"), policy.can_administer),
    ("web:admin_jobs", _("Jobb"), policy.can_view_jobs),
    ("web:surveys", _("Enkäter"), policy.can_run_surveys),
)
INTAKE_LABEL = _("Mottagning")
MY_SURVEYS = ("web:my_surveys", _("Mina enkäter"))
#: "Mina enkäter" is in the menu of a user with an invitation still to answer. Whether she has
#: one is kept in her session (decision 0039): found at login, set again when she views the list
#: or submits, and looked up again (one EXISTS) when older than this; no page asks otherwise.
MY_SURVEYS_SESSION_KEY = "skyddsnat_my_surveys"
MY_SURVEYS_REFRESH_SECONDS = 10 * 60


def navigation(user: User) -> list[tuple[str, str]]:
    """Return the menu entries (url name, label) that the policy lets ``user`` reach."""
    entries = [(name, label) for name, label, may in MENU if may(user)]
    if policy.works_at_intake(user):
        entries = [(n, INTAKE_LABEL if n == "web:intake" else label) for n, label in entries]
    return entries


def remember_my_surveys(request: HttpRequest, has_open: bool | None = None) -> bool:
    """Keep in the session whether the user has an invitation to answer (``has_open``, else
    looked up: one EXISTS); return it."""
    if has_open is None:
        has_open = surveys.has_open_invitation(request.user)
    request.session[MY_SURVEYS_SESSION_KEY] = {"open": has_open, "at": time.time()}
    return has_open


@receiver(user_logged_in, dispatch_uid="skyddsnat_my_surveys_at_login")
def _my_surveys_at_login(sender: object, request: HttpRequest | None, user: User, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        remember_my_surveys(request, surveys.has_open_invitation(user))


def _shows_my_surveys(request: HttpRequest) -> bool:
    if not hasattr(request, "session"):
        return surveys.has_open_invitation(request.user)
    kept = request.session.get(MY_SURVEYS_SESSION_KEY)
    if not isinstance(kept, dict) or time.time() - kept.get("at", 0) > MY_SURVEYS_REFRESH_SECONDS:
        return remember_my_surveys(request)
    return bool(kept.get("open"))


def layout(request: HttpRequest) -> dict:
    """Return the municipality, units, role and navigation of the logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "layout_municipality": user.municipality,
        "layout_units": list(user.units.all()),
        "layout_role": user.get_role_display(),
        "layout_navigation": [
            *navigation(user),
            *([MY_SURVEYS] if _shows_my_surveys(request) else []),
        ],
        "layout_can_search": policy.can_search_children(user),
        "layout_session_age": sessions.remaining_seconds(request),
    }
