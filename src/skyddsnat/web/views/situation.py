"""Uppföljning av barnets situation (SoL 2025:400 23 kap.): decide a follow-up after an
investigation closed without an intervention or a placement ended, see its last day, end it.

One page per case (``…/uppfoljning-av-situationen/``); the two posts call
``followups.services``, a refused post is the 403/404 page (``case_for(acting=…)``). Reading the
page is a read of the case (audited by ``case_for``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.errors import ServiceError
from skyddsnat.followups import choices as c
from skyddsnat.followups import services as followups
from skyddsnat.followups.models import FollowUp
from skyddsnat.journal import drafts
from skyddsnat.web import form_drafts
from skyddsnat.web.access import add_service_errors, case_for
from skyddsnat.web.case_context import case_header
from skyddsnat.web.forms.base import DateInput


class DecideForm(forms.Form):
    #: The key of the drafts of its texts (``journal.drafts``).
    draft = "situation.decide"

    basis = forms.ChoiceField(
        label=gettext_lazy("Uppföljningen gäller"),
        choices=c.Basis.choices,
        widget=forms.RadioSelect,
    )
    placement = forms.TypedChoiceField(
        label=gettext_lazy("Placering som har upphört"), coerce=int, required=False, choices=()
    )
    decided_on = forms.DateField(label=gettext_lazy("Beslutsdatum"), widget=DateInput())
    consent = forms.ChoiceField(
        label=gettext_lazy("Samtycke"), choices=c.Consent.choices, widget=forms.RadioSelect
    )
    special_need_reason = forms.CharField(
        label=gettext_lazy("Barnets särskilda behov av skydd eller stöd (utan samtycke)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    purpose = forms.CharField(
        label=gettext_lazy("Vad uppföljningen ska följa"), widget=forms.Textarea(attrs={"rows": 3})
    )
    planned_end_on = forms.DateField(label=gettext_lazy("Planerat slut"), widget=DateInput())
    guardians_informed_on = forms.DateField(
        label=gettext_lazy("Vårdnadshavarna informerade"), required=False, widget=DateInput()
    )
    child_informed_on = forms.DateField(
        label=gettext_lazy("Barnet informerat (från 15 år)"), required=False, widget=DateInput()
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ended = case.interventions.filter(ended_on__isnull=False, kind__in=c.PLACEMENT_KINDS)
        field = self.fields["placement"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Ingen (efter utredning)"))] + [
            (i.pk, f"{i.get_kind_display()} – {i.ended_on:%Y-%m-%d}") for i in ended
        ]

    def record(self) -> followups.FollowUpInput:
        data = dict(self.cleaned_data)
        placement = data.pop("placement", None)
        return followups.FollowUpInput(placement_id=placement or None, **data)


class EndForm(forms.Form):
    draft = "situation.end"

    ended_on = forms.DateField(label=gettext_lazy("Avslutad"), widget=DateInput())
    outcome = forms.ChoiceField(
        label=gettext_lazy("Resultat"), choices=c.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=gettext_lazy("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    guardians_informed_on = forms.DateField(
        label=gettext_lazy("Vårdnadshavarna informerade"), required=False, widget=DateInput()
    )
    child_informed_on = forms.DateField(
        label=gettext_lazy("Barnet informerat (från 15 år)"), required=False, widget=DateInput()
    )

    def record(self) -> followups.FollowUpEndInput:
        return followups.FollowUpEndInput(**self.cleaned_data)


def _context(
    request: HttpRequest,
    case: Case,
    *,
    decide_form: DecideForm | None = None,
    end_form: EndForm | None = None,
) -> dict[str, Any]:
    items = list(
        FollowUp.objects.filter(case=case)
        .select_related("end", "decided_by", "placement")
        .order_by("decided_on", "pk")
    )
    running = next((f for f in items if getattr(f, "end", None) is None), None)
    can_write = policy.can_write_case(request.user, case)
    today = clock.today()
    dues = {o.subject_id: o for o in case_obligations(case, today) if o.kind == "follow_up"}
    own = drafts.form_drafts(request.user, case) if can_write else {}
    if decide_form is None:
        draft = own.get(DecideForm.draft)
        initial = form_drafts.restore({"decided_on": today}, draft)
        decide_form = DecideForm(case=case, initial=initial, prefix="decide")
    if end_form is None:
        initial = form_drafts.restore({"ended_on": today}, own.get(EndForm.draft))
        end_form = EndForm(initial=initial, prefix="end")
    for form in (decide_form, end_form):
        form_drafts.wire(form, case.pk, form.draft, own.get(form.draft))
    return {
        **case_header(case, "situation"),
        "follow_ups": [(f, dues.get(str(f.pk))) for f in reversed(items)],
        "running": running,
        "can_decide": can_write and running is None,
        "can_end": can_write and running is not None,
        "decide_form": decide_form,
        "end_form": end_form,
    }


@login_required
def page(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show the case's follow-ups of the child's situation and the forms to decide or end one."""
    case = case_for(request, case_id)
    return render(request, "web/situation/page.html", _context(request, case))


def _url(case: Case) -> str:
    return reverse("web:situation", args=[case.pk])


@login_required
@require_POST
def decide(request: HttpRequest, case_id: int) -> HttpResponse:
    """Decide a follow-up (23 kap. 1–2 §§): the case is followed up until it is ended."""
    case = case_for(request, case_id, acting=[followups.decide_follow_up])
    form = DecideForm(request.POST, case=case, prefix="decide")
    if form.is_valid():
        try:
            with transaction.atomic():  # the draft goes with the save, both or neither
                followups.decide_follow_up(
                    acting_user=request.user, case_id=case.pk, data=form.record()
                )
                drafts.discard_form_draft(
                    acting_user=request.user, case=case, form_key=DecideForm.draft
                )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uppföljningen är beslutad."))
            return redirect(_url(case))
    context = _context(request, case, decide_form=form)
    return render(request, "web/situation/page.html", context, status=422)


@login_required
@require_POST
def end(request: HttpRequest, case_id: int) -> HttpResponse:
    """End the running follow-up with its outcome (23 kap. 5 §): the case closes."""
    case = case_for(request, case_id, acting=[followups.end_follow_up])
    running = FollowUp.objects.filter(case=case, end__isnull=True).first()
    form = EndForm(request.POST, prefix="end")
    if running is None:
        messages.error(request, _("Ingen uppföljning pågår i ärendet."))
        return redirect(_url(case))
    if form.is_valid():
        try:
            with transaction.atomic():
                followups.end_follow_up(
                    acting_user=request.user, follow_up_id=running.pk, data=form.record()
                )
                drafts.discard_form_draft(
                    acting_user=request.user, case=case, form_key=EndForm.draft
                )
        except ServiceError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uppföljningen är avslutad och ärendet är avslutat."))
            return redirect(_url(case))
    context = _context(request, case, end_form=form)
    return render(request, "web/situation/page.html", context, status=422)


BASE = "arenden/<int:case_id>/uppfoljning-av-situationen/"
urlpatterns = [
    path(BASE, page, name="situation"),
    path(BASE + "besluta/", decide, name="situation_decide"),
    path(BASE + "avsluta/", end, name="situation_end"),
]
