"""What every page of a case shows on top: the child, the responsible caseworker, the phase,
the open obligations, and the tabs (Översikt, Utredning, Insatser, Journal)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from skyddsnat import clock
from skyddsnat.intake.models import Case
from skyddsnat.intake.obligations import case_facts, cases_for_obligations, rule_settings
from skyddsnat.rules import Obligation, evaluate

OPEN_STATUSES = ("open", "due_soon", "overdue")


def open_obligations(case: Case, as_of: date | None = None) -> list[Obligation]:
    """Return the case's unmet obligations, the most urgent first."""
    fresh = cases_for_obligations().get(pk=case.pk)
    obligations = evaluate(case_facts(fresh), as_of or clock.today(), rule_settings())
    return [o for o in obligations if o.status in OPEN_STATUSES]


def case_header(case: Case, active_tab: str) -> dict:
    """Return the template context of ``web/case/_header.html`` for ``case``."""
    tabs = [
        ("overview", _("Översikt"), reverse("web:case", args=[case.pk])),
    ]
    if hasattr(case, "investigation"):
        tabs.append(("investigation", _("Utredning"), reverse("web:investigation", args=[case.pk])))
    if case.phase == "intervention" or case.interventions.exists():
        tabs.append(("interventions", _("Insatser"), reverse("web:interventions", args=[case.pk])))
    tabs.append(("journal", _("Journal"), reverse("web:journal", args=[case.pk])))
    return {
        "case": case,
        "child": case.child,
        "obligations": open_obligations(case),
        "tabs": tabs,
        "active_tab": active_tab,
    }
