"""Enhetens personal: the manager keeps her units' employment periods and caseload targets.

``/enhet/personal/`` lists the periods of her units (``accounts.employment.periods``, audited),
appends a period, sets each unit's caseload target and shows each caseworker's caseload at the
last twelve month-ends against it (``indicators.caseload``); ``/enhet/personal/<id>/`` corrects a
period; ``/enhet/personal/import/`` takes the HR system's CSV and shows a preview of every row
(nothing written), which ``/enhet/personal/import/bekrafta/`` saves whole or not at all.
``/min-anstallning/`` shows a member of staff her own periods. Managers of other units and
other roles get 403; the services decide what is whose (``accounts.policy``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import employment, employment_import, policy
from skyddsnat.accounts.models import EmploymentPeriod, User
from skyddsnat.errors import InvalidInput, ServiceError
from skyddsnat.indicators import caseload
from skyddsnat.web.forms.base import SkyddsnatForm

ROLE_CHOICES = [(r.value, r.label) for r in policy.EMPLOYMENT_ROLES]


class PeriodForm(SkyddsnatForm):
    """One employment period: whose, in which of the manager's units, as what, when, why."""

    user = forms.ModelChoiceField(
        label=gettext_lazy("Person"),
        queryset=User.objects.none(),
        error_messages={"required": gettext_lazy("Välj en person.")},
    )
    unit = forms.ChoiceField(
        label=gettext_lazy("Enhet"),
        choices=(),
        error_messages={"required": gettext_lazy("Välj en enhet.")},
    )
    role = forms.ChoiceField(label=gettext_lazy("Roll"), choices=ROLE_CHOICES)
    started_on = forms.DateField(
        label=gettext_lazy("Från"),
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD, första dagen."),
        error_messages={
            "required": gettext_lazy("Skriv dagen anställningen började."),
            "invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD."),
        },
    )
    ended_on = forms.DateField(
        label=gettext_lazy("Till och med"),
        required=False,
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD, sista dagen. Tomt: anställningen pågår."),
        error_messages={"invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )
    reason_for_leaving = forms.ChoiceField(
        label=gettext_lazy("Orsak till att anställningen upphörde"),
        required=False,
        choices=[("", "–"), *EmploymentPeriod.Reason.choices],
    )

    def __init__(self, *args, manager: User, fixed_user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = policy.employable_staff(manager).order_by("first_name", "last_name", "pk")
        if fixed_user is not None:
            people = people.filter(pk=fixed_user.pk)
        self.fields["user"].queryset = people
        self.fields["unit"].choices = [
            ("", "–"),
            *((str(u.pk), u.name) for u in employment.own_units(manager)),
        ]

    def data_of(self) -> employment.PeriodData:
        d = self.cleaned_data
        return employment.PeriodData(
            user_id=d["user"].pk,
            unit_id=int(d["unit"]),
            role=d["role"],
            started_on=d["started_on"],
            ended_on=d["ended_on"],
            reason_for_leaving=d["reason_for_leaving"],
        )


class TargetForm(SkyddsnatForm):
    target = forms.IntegerField(
        label=gettext_lazy("Mål: öppna ärenden per handläggare"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=gettext_lazy("Tomt: inget mål."),
        error_messages={
            "invalid": gettext_lazy("Skriv ett heltal."),
            "min_value": gettext_lazy("Skriv ett mål mellan 1 och 200 ärenden."),
            "max_value": gettext_lazy("Skriv ett mål mellan 1 och 200 ärenden."),
        },
    )


class UploadForm(SkyddsnatForm):
    file = forms.FileField(
        label=gettext_lazy("CSV-fil från HR-systemet"),
        help_text=gettext_lazy(
            "UTF-8, semikolon eller komma mellan fälten, en rubrikrad med kolumnerna "
            "anvandarnamn;enhet;roll;fran;till;orsak."
        ),
    )


def _require_manager(request: HttpRequest) -> User:
    if not policy.can_keep_staff(request.user):
        raise PermissionDenied(_("Enhetens personal är till för enhetschefer."))
    return request.user


def _page(request: HttpRequest, manager: User, form: PeriodForm, status: int = 200, **extra):
    units = employment.own_units(manager)
    context = {
        "periods": employment.periods(acting_user=manager),
        "form": form,
        "units": [
            (u, TargetForm(initial={"target": u.caseload_target}, prefix=f"u{u.pk}")) for u in units
        ],
        "histories": caseload.unit_histories(units, clock.today()),
        **extra,
    }
    return render(request, "web/staff/page.html", context, status=status)


@login_required
def staff(request: HttpRequest) -> HttpResponse:
    """List the periods of the manager's units and append one."""
    manager = _require_manager(request)
    form = PeriodForm(request.POST or None, manager=manager)
    if request.method == "POST":
        if form.is_valid():
            try:
                employment.record_period(acting_user=manager, data=form.data_of())
            except ServiceError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Anställningsperioden är sparad."))
                return redirect("web:staff")
        return _page(request, manager, form, status=422)
    return _page(request, manager, form)


@login_required
def period(request: HttpRequest, period_id: int) -> HttpResponse:
    """Correct one period of the manager's units."""
    manager = _require_manager(request)
    the_period = policy.kept_periods(manager).select_related("user", "unit").filter(pk=period_id)
    found = the_period.first()
    if found is None:
        raise Http404(_("Anställningsperioden finns inte."))
    initial = {
        "user": found.user_id,
        "unit": str(found.unit_id),
        "role": found.role,
        "started_on": found.started_on,
        "ended_on": found.ended_on,
        "reason_for_leaving": found.reason_for_leaving,
    }
    form = PeriodForm(request.POST or None, initial=initial, manager=manager, fixed_user=found.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                employment.correct_period(
                    acting_user=manager, period_id=found.pk, data=form.data_of()
                )
            except ServiceError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Anställningsperioden är rättad."))
                return redirect("web:staff")
        status = 422
    return render(request, "web/staff/period.html", {"period": found, "form": form}, status=status)


@login_required
@require_POST
def target(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Set the unit's caseload target."""
    manager = _require_manager(request)
    form = TargetForm(request.POST, prefix=f"u{unit_id}")
    if form.is_valid():
        try:
            unit = employment.set_caseload_target(
                acting_user=manager, unit_id=unit_id, target=form.cleaned_data["target"]
            )
        except InvalidInput as exc:
            messages.error(request, exc.errors.get("target", [exc.message])[0])
        except ServiceError as exc:
            raise Http404(exc.message) from exc
        else:
            messages.success(request, _("Målet för %(unit)s är sparat.") % {"unit": unit.name})
    else:
        messages.error(request, next(iter(form.errors.values()))[0])
    return redirect("web:staff")


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Take the HR file and show the preview of every row; nothing is saved yet."""
    manager = _require_manager(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = employment_import.decode(form.cleaned_data["file"].read())
        except InvalidInput as exc:
            form.add_service_errors(exc)
        else:
            result = employment_import.preview(acting_user=manager, text=text)
            context = {"preview": result, "text": text}
            return render(request, "web/staff/import_preview.html", context)
    status = 422 if request.method == "POST" else 200
    return render(request, "web/staff/import.html", {"form": form}, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Save every row of the previewed file, or none."""
    manager = _require_manager(request)
    text = request.POST.get("text", "")
    try:
        result = employment_import.import_periods(acting_user=manager, text=text)
    except InvalidInput:
        result = employment_import.preview(acting_user=manager, text=text)
        context = {"preview": result, "text": text, "failed": True}
        return render(request, "web/staff/import_preview.html", context, status=422)
    messages.success(
        request,
        _("Importen är klar: %(new)d nya och %(corrected)d rättade anställningsperioder.")
        % {"new": result.new, "corrected": result.corrected},
    )
    return redirect("web:staff")


@login_required
def own(request: HttpRequest) -> HttpResponse:
    """Show a member of staff her own employment periods."""
    if not policy.works_with_cases(request.user):
        raise PermissionDenied(_("Sidan är till för personal som arbetar med ärenden."))
    rows = [p for p in employment.periods(acting_user=request.user) if p.user_id == request.user.pk]
    return render(request, "web/staff/own.html", {"periods": rows})


urlpatterns = [
    path("enhet/personal/", staff, name="staff"),
    path("enhet/personal/<int:period_id>/", period, name="staff_period"),
    path("enhet/personal/enheter/<int:unit_id>/mal/", target, name="staff_target"),
    path("enhet/personal/import/", upload, name="staff_import"),
    path("enhet/personal/import/bekrafta/", confirm, name="staff_import_confirm"),
    path("min-anstallning/", own, name="own_employment"),
]
