"""What every page of a case shows on top: the child, the responsible caseworker, the phase,
the open obligations, and the tabs (Översikt, Utredning, Insatser, Journal)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case


def case_header(case: Case, active_tab: str) -> dict:
    """Return the template context of ``web/case/_header.html`` for ``case``."""
    tabs = [
        ("overview", _("Översikt"), reverse("web:case", args=[case.pk])),
    ]
    if hasattr(case, "investigation"):
        tabs.append(("investigation", _("Utredning"), reverse("web:investigation", args=[case.pk])))
    has_interventions = case.phase == "intervention" or case.interventions.exists()
    if has_interventions:
        tabs.append(("interventions", _("Insatser"), reverse("web:interventions", args=[case.pk])))
    # The follow-up of the child's situation (SoL 2025:400 23 kap.): once an investigation or a
    # placement could have ended.
    if case.phase in ("intervention", "follow_up", "closed") and (
        hasattr(case, "investigation") or has_interventions
    ):
        tabs.append(("situation", _("Uppföljning"), reverse("web:situation", args=[case.pk])))
    tabs.append(("journal", _("Journal"), reverse("web:journal", args=[case.pk])))
    return {
        "case": case,
        "child": case.child,
        "obligations": case_obligations(case, open_only=True),
        "tabs": tabs,
        "active_tab": active_tab,
    }
