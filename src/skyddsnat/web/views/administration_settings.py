"""Administration: the municipality's yearly figures and its document management plan.

``/administration/befolkning/`` keeps the number of children 0–17 living in the municipality
per year (SCB's figure), which the indicators per 1 000 children divide by; without it those
indicators say the figure is missing. ``/administration/gallring/`` shows what the law disposes
of and when (``rules.retention``, read-only) and lets the administrator record the
municipality's own decisions where the law leaves it to the plan. The writes are
``accounts.administration.set_child_population`` and ``retention.services.set_plan_entry``.
``/administration/frister/`` sets whether the committee's own time limits (14 days, 4 months)
that end on a non-working day move to the next working day
(``accounts.administration.set_roll_forward_own_duties``; decision 0042).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skyddsnat import clock
from skyddsnat.accounts import administration
from skyddsnat.accounts.models import ChildPopulation, Municipality
from skyddsnat.retention import services as retention
from skyddsnat.retention.models import PlanKind, RetentionPlanEntry
from skyddsnat.rules.retention import RETENTION_RULES
from skyddsnat.web.forms.base import DateInput, SkyddsnatForm
from skyddsnat.web.views.administration import _call, require_admin

# --- the children of the municipality ---------------------------------------------------------


class PopulationForm(SkyddsnatForm):
    year = forms.IntegerField(label=gettext_lazy("År"))
    children = forms.IntegerField(
        label=gettext_lazy("Antal barn 0–17 år"),
        help_text=gettext_lazy("Folkmängden 0–17 år den 31 december enligt SCB."),
    )


@login_required
def population(request: HttpRequest) -> HttpResponse:
    """List the yearly number of children; POST sets a year's (a year given again is replaced)."""
    admin = require_admin(request)
    form = PopulationForm(request.POST or None, initial={"year": clock.today().year - 1})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved, value = _call(
                form,
                lambda: administration.set_child_population(acting_user=admin, **form.cleaned_data),
            )
            if saved:
                messages.success(
                    request,
                    _("Antalet barn %(year)s är sparat: %(n)s.")
                    % {"year": value.year, "n": value.children},
                )
                return redirect("web:admin_population")
            status = value
        else:
            status = 422
    years = ChildPopulation.objects.filter(municipality_id=admin.municipality_id).order_by("-year")
    return render(
        request,
        "web/administration/population.html",
        {"years": years, "form": form},
        status=status,
    )


# --- the document management plan -------------------------------------------------------------


class PlanForm(SkyddsnatForm):
    """One decision of the plan; the kind it is for is the page's ``plan`` field."""

    years = forms.IntegerField(
        label=gettext_lazy("Gallras efter antal år"),
        required=False,
        help_text=gettext_lazy(
            "Räknat från den sista anteckningen i barnets akt. Lämna tomt för att bevara akterna."
        ),
    )
    reference = forms.CharField(
        label=gettext_lazy("Beslut"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Till exempel: Informationshanteringsplan, SN 2026-03-01 § 12."),
    )
    decided_on = forms.DateField(label=gettext_lazy("Beslutat"), widget=DateInput)


@login_required
def retention_plan(request: HttpRequest) -> HttpResponse:
    """Show the law's retention and the plan's decisions; POST records one decision."""
    admin = require_admin(request)
    entries = {
        e.kind: e for e in RetentionPlanEntry.objects.filter(municipality_id=admin.municipality_id)
    }
    posted = request.POST.get("plan") if request.method == "POST" else None
    forms_by_kind = {}
    status = 200
    for kind in PlanKind:
        entry = entries.get(kind.value)
        initial = {
            "years": entry.years if entry else None,
            "reference": entry.reference if entry else "",
            "decided_on": entry.decided_on if entry else clock.today(),
        }
        data = request.POST if posted == kind.value else None
        forms_by_kind[kind.value] = PlanForm(data, initial=initial, prefix=kind.value)
    if posted is not None:
        form = forms_by_kind.get(posted)
        if form is None:
            status = 422
            messages.error(request, _("Lagen bestämmer gallringen av den typen av akt."))
        elif form.is_valid():
            saved, value = _call(
                form,
                lambda: retention.set_plan_entry(
                    acting_user=admin, kind=posted, **form.cleaned_data
                ),
            )
            if saved:
                messages.success(request, _("Informationshanteringsplanen är sparad."))
                return redirect("web:admin_retention_plan")
            status = value
        else:
            status = 422
    today = clock.today()
    rules = [r for r in RETENTION_RULES if r.in_force_on(today)]
    plans = [(kind, entries.get(kind.value), forms_by_kind[kind.value]) for kind in PlanKind]
    return render(
        request,
        "web/administration/retention_plan.html",
        {"rules": rules, "plans": plans},
        status=status,
    )


# --- the committee's own time limits on a non-working day ------------------------------------


class RollForwardForm(SkyddsnatForm):
    roll_forward = forms.TypedChoiceField(
        label=gettext_lazy(
            "När nämndens egen frist (14 dagar, 4 månader) slutar en lördag, söndag eller helgdag"
        ),
        choices=[
            ("0", gettext_lazy("Bedöm mot kalenderdagen; visa nästa arbetsdag bredvid (standard)")),
            ("1", gettext_lazy("Flytta sista dagen till nästa arbetsdag")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


@login_required
def time_limits(request: HttpRequest) -> HttpResponse:
    """Show and set whether the committee's own duties roll forward to the next working day."""
    admin = require_admin(request)
    municipality = Municipality.objects.get(pk=admin.municipality_id)
    initial = {"roll_forward": "1" if municipality.roll_forward_own_duties else "0"}
    form = RollForwardForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved, value = _call(
                form,
                lambda: administration.set_roll_forward_own_duties(
                    acting_user=admin, roll_forward=form.cleaned_data["roll_forward"]
                ),
            )
            if saved:
                messages.success(request, _("Inställningen för nämndens frister är sparad."))
                return redirect("web:admin_time_limits")
            status = value
        else:
            status = 422
    return render(
        request,
        "web/administration/time_limits.html",
        {"form": form, "municipality": municipality},
        status=status,
    )


urlpatterns = [
    path("administration/befolkning/", population, name="admin_population"),
    path("administration/gallring/", retention_plan, name="admin_retention_plan"),
    path("administration/frister/", time_limits, name="admin_time_limits"),
]
