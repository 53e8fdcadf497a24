"""A manager plans and closes the unit's time study; a municipality defines its own categories.

``/tidsmatning/planera/``: start a study (name, period defaulting to five consecutive working
days from the holiday calendar, the units measured, the category sets) and close one.
``/tidsmatning/kategorier/``: the municipality's own category sets (codes, names, definitions,
the headline each counts in); ``kopiera/`` starts one from a built-in set, ``<id>/`` edits one
until a study using it has started. Who may: ``policy.can_run_time_study`` and
``policy.can_define_time_study_categories``; the services check it again.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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
from skyddsnat.accounts import policy
from skyddsnat.errors import Forbidden, NotFound, ServiceError, StateConflict
from skyddsnat.timestudy import services
from skyddsnat.timestudy.models import Category
from skyddsnat.web.forms.base import DateInput

#: How many category rows the definitions form offers at once.
CATEGORY_ROWS = 10


def _default_period() -> tuple[Any, Any]:
    """Return five consecutive working days from the next working day after today."""
    return services.default_period(clock.today() + timedelta(days=1))


class StudyForm(forms.Form):
    """Start a study: a name, the period, the units and the two category sets."""

    name = forms.CharField(label=gettext_lazy("Namn"), max_length=120)
    starts_on = forms.DateField(label=gettext_lazy("Första dag"), widget=DateInput)
    ends_on = forms.DateField(
        label=gettext_lazy("Sista dag"),
        widget=DateInput,
        required=False,
        help_text=gettext_lazy(
            "Lämna tomt för fem arbetsdagar i följd från första dagen (helger och helgdagar "
            "räknas inte)."
        ),
    )
    units = forms.MultipleChoiceField(
        label=gettext_lazy("Enheter som mäts"),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Enheternas socialsekreterare och chefer deltar."),
    )
    worker_set = forms.ChoiceField(label=gettext_lazy("Kategorier för socialsekreterare"))
    manager_set = forms.ChoiceField(label=gettext_lazy("Kategorier för chefer"))

    def __init__(self, *args: Any, units: list[Any], sets: list[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["units"].choices = [(str(u.pk), u.name) for u in units]
        choices = [(str(s.pk), s.name) for s in sets]
        self.fields["worker_set"].choices = choices
        self.fields["manager_set"].choices = choices
        self.fields["name"].error_messages["required"] = _("Ge tidsmätningen ett namn.")
        self.fields["starts_on"].error_messages["required"] = _("Fyll i första dag.")
        self.fields["units"].error_messages["required"] = _("Välj minst en enhet.")


def _refuse(exc: ServiceError) -> None:
    if isinstance(exc, NotFound):
        raise Http404
    if isinstance(exc, Forbidden):
        raise PermissionDenied(exc.message)


def _form_errors(form: forms.Form, exc: ServiceError, names: dict[str, str]) -> None:
    if not exc.errors:
        form.add_error(None, exc.message)
    for field, errors in exc.errors.items():
        for message in errors:
            form.add_error(names.get(field) if names.get(field) in form.fields else None, message)


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """List the manager's studies (to close one) and start a new one."""
    if not policy.can_run_time_study(request.user):
        raise PermissionDenied(_("Bara en enhetschef kan starta en tidsmätning."))
    units = services.plannable_units(acting_user=request.user)
    sets = services.usable_category_sets(acting_user=request.user)
    first, last = _default_period()
    status = 200
    if request.method == "POST":
        form = StudyForm(request.POST, units=units, sets=sets)
        if form.is_valid():
            data = form.cleaned_data
            try:
                study = services.create_study(
                    acting_user=request.user,
                    name=data["name"],
                    unit_ids=[int(u) for u in data["units"]],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    worker_set_id=int(data["worker_set"]),
                    manager_set_id=int(data["manager_set"]),
                )
            except ServiceError as exc:
                _refuse(exc)
                _form_errors(
                    form,
                    exc,
                    {
                        "name": "name",
                        "units": "units",
                        "ends_on": "ends_on",
                        "worker_set_id": "worker_set",
                        "manager_set_id": "manager_set",
                    },
                )
            else:
                messages.success(
                    request,
                    _("Tidsmätningen %(name)s är startad: %(first)s–%(last)s.")
                    % {
                        "name": study.name,
                        "first": study.starts_on.isoformat(),
                        "last": study.ends_on.isoformat(),
                    },
                )
                return redirect("web:timestudy_plan")
        status = 422
    else:
        form = StudyForm(
            units=units,
            sets=sets,
            initial={
                "starts_on": first,
                "units": [str(u.pk) for u in units],
                "worker_set": str(sets[0].pk),
                "manager_set": str(sets[1].pk),
            },
        )
    return render(
        request,
        "web/timestudy/plan.html",
        {
            "form": form,
            "studies": services.studies_run_by(acting_user=request.user),
            "default_first": first,
            "default_last": last,
        },
        status=status,
    )


@login_required
@require_POST
def close(request: HttpRequest, study_id: int) -> HttpResponse:
    """Close a study of the manager's units: the blocks are final, the results readable."""
    try:
        study = services.close_study(acting_user=request.user, study_id=study_id)
    except ServiceError as exc:
        _refuse(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Tidsmätningen %(name)s är avslutad.") % {"name": study.name})
    return redirect("web:timestudy_plan")


class CategorySetForm(forms.Form):
    """A municipality's own category set: its code and name."""

    name = forms.CharField(label=gettext_lazy("Namn på uppsättningen"), max_length=120)
    code = forms.CharField(
        label=gettext_lazy("Kod"),
        max_length=40,
        help_text=gettext_lazy("Små bokstäver a–z, siffror och understreck, t.ex. norrby_2026."),
    )


class CategoryForm(forms.Form):
    """One category of the set (a row left empty is skipped)."""

    code = forms.CharField(label=gettext_lazy("Kod"), max_length=40, required=False)
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=80, required=False)
    definition = forms.CharField(label=gettext_lazy("Definition"), max_length=300, required=False)
    headline = forms.ChoiceField(
        label=gettext_lazy("Räknas i nyckeltal"), choices=Category.Headline.choices, required=False
    )


CategoryFormSet = forms.formset_factory(CategoryForm, extra=CATEGORY_ROWS, max_num=40)


@login_required
def categories(request: HttpRequest) -> HttpResponse:
    """List the municipality's own category sets and define a new one."""
    if not policy.can_define_time_study_categories(request.user):
        raise PermissionDenied(
            _("Bara en enhetschef eller administratören kan lägga upp kategorier för tidsmätning.")
        )
    status = 200
    if request.method == "POST":
        form = CategorySetForm(request.POST)
        rows = CategoryFormSet(request.POST, prefix="kategori")
        if form.is_valid() and rows.is_valid():
            try:
                created = services.create_category_set(
                    acting_user=request.user,
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                    categories=_entered(rows),
                )
            except ServiceError as exc:
                _refuse(exc)
                _form_errors(form, exc, {"name": "name", "code": "code"})
            else:
                messages.success(
                    request, _("Uppsättningen %(name)s är sparad.") % {"name": created.name}
                )
                return redirect("web:timestudy_categories")
        status = 422
    else:
        form = CategorySetForm()
        rows = CategoryFormSet(prefix="kategori")
    return render(
        request,
        "web/timestudy/categories.html",
        {
            "form": form,
            "rows": rows,
            "copy_form": _copy_form(request.user),
            "sets": services.category_sets_of(acting_user=request.user),
        },
        status=status,
    )


def _entered(rows: Any) -> list[services.CategoryIn]:
    return [
        services.CategoryIn(
            code=r.get("code", ""),
            name=r.get("name", ""),
            definition=r.get("definition", ""),
            headline=r.get("headline", ""),
        )
        for r in rows.cleaned_data
    ]


class CopyForm(forms.Form):
    """Start an own set from an existing one (a built-in set or one of the municipality's)."""

    source = forms.ChoiceField(label=gettext_lazy("Utgå från"))
    name = forms.CharField(label=gettext_lazy("Namn på den nya uppsättningen"), max_length=120)
    code = forms.CharField(
        label=gettext_lazy("Kod"),
        max_length=40,
        help_text=gettext_lazy("Små bokstäver a–z, siffror och understreck, t.ex. norrby_2027."),
    )

    def __init__(self, *args: Any, sets: list[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["source"].choices = [(str(s.pk), s.name) for s in sets]


def _copy_form(user: Any, data: Any = None) -> CopyForm:
    sets = services.usable_category_sets(acting_user=user)
    return CopyForm(data, sets=sets, prefix="kopia")


@login_required
@require_POST
def copy_set(request: HttpRequest) -> HttpResponse:
    """Copy a set as the starting point of the municipality's own, then edit it."""
    if not policy.can_define_time_study_categories(request.user):
        raise PermissionDenied(services.DEFINE_FORBIDDEN)
    form = _copy_form(request.user, request.POST)
    if form.is_valid():
        try:
            created = services.copy_category_set(
                acting_user=request.user,
                source_id=int(form.cleaned_data["source"]),
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
            )
        except ServiceError as exc:
            _refuse(exc)
            _form_errors(form, exc, {"name": "name", "code": "code"})
        else:
            messages.success(
                request,
                _("Uppsättningen %(name)s är kopierad. Ändra kategorierna nedan.")
                % {"name": created.name},
            )
            return redirect("web:timestudy_category_set", set_id=created.pk)
    return render(
        request,
        "web/timestudy/categories.html",
        {
            "form": CategorySetForm(),
            "rows": CategoryFormSet(prefix="kategori"),
            "copy_form": form,
            "sets": services.category_sets_of(acting_user=request.user),
        },
        status=422,
    )


@login_required
def category_set(request: HttpRequest, set_id: int) -> HttpResponse:
    """Edit one of the municipality's own sets until a study using it has started."""
    try:
        found = services.own_category_set(acting_user=request.user, set_id=set_id)
    except ServiceError as exc:
        _refuse(exc)
        raise
    frozen = services.is_frozen(found)
    status = 200
    if request.method == "POST":
        form = CategorySetForm(request.POST)
        rows = CategoryFormSet(request.POST, prefix="kategori")
        if form.is_valid() and rows.is_valid():
            try:
                services.update_category_set(
                    acting_user=request.user,
                    set_id=found.pk,
                    code=form.cleaned_data["code"],
                    name=form.cleaned_data["name"],
                    categories=_entered(rows),
                )
            except ServiceError as exc:
                _refuse(exc)
                _form_errors(form, exc, {"name": "name", "code": "code"})
                status = 409 if isinstance(exc, StateConflict) else 422
            else:
                messages.success(
                    request,
                    _("Uppsättningen %(name)s är sparad.") % {"name": form.cleaned_data["name"]},
                )
                return redirect("web:timestudy_categories")
        else:
            status = 422
    else:
        form = CategorySetForm(initial={"name": found.name, "code": found.code})
        rows = CategoryFormSet(
            prefix="kategori",
            initial=[
                {"code": c.code, "name": c.name, "definition": c.definition, "headline": c.headline}
                for c in found.categories.all()
            ],
        )
    return render(
        request,
        "web/timestudy/category_set.html",
        {"category_set": found, "frozen": frozen, "form": form, "rows": rows},
        status=status,
    )


urlpatterns = [
    path("tidsmatning/planera/", plan, name="timestudy_plan"),
    path("tidsmatning/<int:study_id>/avsluta/", close, name="timestudy_close"),
    path("tidsmatning/kategorier/", categories, name="timestudy_categories"),
    path("tidsmatning/kategorier/kopiera/", copy_set, name="timestudy_category_copy"),
    path("tidsmatning/kategorier/<int:set_id>/", category_set, name="timestudy_category_set"),
]
