"""Template context for the layout: who is logged in, where, and what they can reach."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from skyddsnat.accounts import policy
from skyddsnat.accounts.models import Role

NAVIGATION = {
    # role: [(url name, label)]
    Role.CASEWORKER: [("web:my_cases", _("Mina ärenden")), ("web:intake", _("Ny anmälan"))],
    Role.INTAKE: [("web:my_cases", _("Mina ärenden")), ("web:intake", _("Mottagning"))],
    Role.MANAGER: [
        ("web:unit", _("Enhetens översikt")),
        ("web:my_cases", _("Mina ärenden")),
        ("web:intake", _("Ny anmälan")),
        ("web:followup", _("Uppföljning")),
        ("web:committee_report", _("Rapport till nämnden")),
        ("web:unit_break_glass", _("Nödåtkomst")),
        ("web:unit_audit_log", _("Åtkomstlogg")),
    ],
    Role.ANALYST: [
        ("web:followup", _("Uppföljning")),
        ("web:committee_report", _("Rapport till nämnden")),
    ],
    Role.COMMITTEE: [
        ("web:followup", _("Uppföljning")),
        ("web:committee_report", _("Rapport till nämnden")),
    ],
}


def layout(request: HttpRequest) -> dict:
    """Return the municipality, units, role and navigation of the logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "layout_municipality": user.municipality,
        "layout_units": list(user.units.all()),
        "layout_role": user.get_role_display(),
        "layout_navigation": NAVIGATION.get(user.role, []),
        "layout_can_search": policy.can_search_children(user),
    }
