"""Template context for the layout: who is logged in, where, and what they can reach."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import User

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


def navigation(user: User) -> list[tuple[str, str]]:
    """Return the menu entries (url name, label) that the policy lets ``user`` reach."""
    entries = [(name, label) for name, label, may in MENU if may(user)]
    if policy.works_at_intake(user):
        entries = [(n, INTAKE_LABEL if n == "web:intake" else label) for n, label in entries]
    return entries


def layout(request: HttpRequest) -> dict:
    """Return the municipality, units, role and navigation of the logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "layout_municipality": user.municipality,
        "layout_units": list(user.units.all()),
        "layout_role": user.get_role_display(),
        "layout_navigation": navigation(user),
        "layout_can_search": policy.can_search_children(user),
        "layout_session_age": settings.SESSION_COOKIE_AGE,
    }
