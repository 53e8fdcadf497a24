"""Handlingsplaner: the municipality's action plans, a plan's goals and measures, its follow-up.

Read by the indicator roles (managers, analysts, the committee), written by a manager of the
plan's unit (any manager for the municipality's plans): ``accounts.policy``, asked by
``actionplans.services``. A POST asks ``services.check_writable`` before its form is read, so a
refusal is the 404 or 403 page whatever the form holds. The follow-up page shows each goal's
indicator over time against its target as an SVG chart with the same figures in a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skyddsnat import clock
from skyddsnat.accounts import policy
from skyddsnat.actionplans import followup, services
from skyddsnat.actionplans.models import ActionPlan, MeasureStatus
from skyddsnat.errors import Forbidden, NotFound, ServiceError
from skyddsnat.indicators import definitions as d
from skyddsnat.indicators.masking import MASK_SYMBOL
from skyddsnat.indicators.periods import Kind
from skyddsnat.web import indicator_display as show
from skyddsnat.web.access import add_service_errors
from skyddsnat.web.forms.base import DateInput

# --- forms ---------------------------------------------------------------------------------------


class PlanForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=160)
    unit = forms.ChoiceField(label=gettext_lazy("Gäller"), required=False)
    starts_on = forms.DateField(label=gettext_lazy("Gäller från"), widget=DateInput)
    ends_on = forms.DateField(label=gettext_lazy("Gäller till"), widget=DateInput)

    def __init__(self, *args: Any, user: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["unit"].choices = [("", _("Hela kommunen"))] + [
            (str(u.pk), u.name) for u in services.writable_units(user)
        ]


def _indicator_choices() -> list[tuple[str, str]]:
    return [("", _("Välj indikator"))] + [
        (i.id, f"{i.name} ({show.UNIT_SV[i.unit.value]})") for i in services.indicator_choices()
    ]


class TargetFields(forms.Form):
    baseline = forms.DecimalField(
        label=gettext_lazy("Utgångsvärde"),
        max_digits=10,
        decimal_places=2,
        help_text=gettext_lazy("En andel skrivs i procent, 0–100."),
    )
    target = forms.DecimalField(label=gettext_lazy("Målvärde"), max_digits=10, decimal_places=2)
    target_on = forms.DateField(label=gettext_lazy("Målet nås senast"), widget=DateInput)


class GoalForm(TargetFields):
    title = forms.CharField(label=gettext_lazy("Mål"), max_length=300)
    indicator_id = forms.ChoiceField(label=gettext_lazy("Följs upp med indikatorn"))
    field_order = ["title", "indicator_id", "baseline", "target", "target_on"]

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["indicator_id"].choices = _indicator_choices()


class GoalIndicatorForm(TargetFields):
    goal = forms.IntegerField(widget=forms.HiddenInput)
    indicator_id = forms.ChoiceField(label=gettext_lazy("Ytterligare indikator"))
    field_order = ["goal", "indicator_id", "baseline", "target", "target_on"]

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["indicator_id"].choices = _indicator_choices()


class TargetForm(forms.Form):
    goal_indicator = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.DecimalField(
        label=gettext_lazy("Nytt målvärde"), max_digits=10, decimal_places=2
    )
    target_on = forms.DateField(label=gettext_lazy("Nås senast"), widget=DateInput)
    reason = forms.CharField(label=gettext_lazy("Skäl till ändringen"), max_length=300)


class MeasureForm(forms.Form):
    goal = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=gettext_lazy("Åtgärd"), max_length=300)
    owner = forms.ChoiceField(label=gettext_lazy("Ansvarig"))
    due_on = forms.DateField(label=gettext_lazy("Klar senast"), widget=DateInput)

    def __init__(self, *args: Any, municipality_id: int, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["owner"].choices = [("", _("Välj ansvarig"))] + [
            (str(u.pk), u.get_full_name() or u.username)
            for u in policy.action_plan_owners(municipality_id)
        ]


class StatusForm(forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput)
    seen = forms.ChoiceField(choices=MeasureStatus.choices, widget=forms.HiddenInput)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=MeasureStatus.choices)


class GoalTextForm(forms.Form):
    goal = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=gettext_lazy("Målets text"), max_length=300)


class MeasureEditForm(MeasureForm):
    measure = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=MeasureStatus.choices)
    field_order = ["measure", "goal", "title", "owner", "due_on", "status"]


class RemoveForm(forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Varför tas åtgärden bort?"), max_length=300)


for _form in (
    PlanForm,
    GoalForm,
    GoalIndicatorForm,
    TargetForm,
    MeasureForm,
    StatusForm,
    GoalTextForm,
    MeasureEditForm,
    RemoveForm,
):
    for _name, _field in _form.base_fields.items():
        _field.error_messages["required"] = gettext_lazy("Fyll i fältet.")
        _field.error_messages.setdefault("invalid", gettext_lazy("Ange ett giltigt värde."))


# --- helpers -------------------------------------------------------------------------------------


def _refuse(exc: ServiceError) -> None:
    if isinstance(exc, NotFound):
        raise Http404(exc.message)
    if isinstance(exc, Forbidden):
        raise PermissionDenied(exc.message)


def _read(request: HttpRequest, plan_id: int) -> ActionPlan:
    try:
        return services.plan_of(acting_user=request.user, plan_id=plan_id)
    except ServiceError as exc:
        _refuse(exc)
        raise


def _writable(request: HttpRequest, plan_id: int) -> ActionPlan:
    try:
        return services.check_writable(acting_user=request.user, plan_id=plan_id)
    except ServiceError as exc:
        _refuse(exc)
        raise


def target_text(indicator: d.Indicator, value: Decimal | float | None) -> str:
    """Return a target or a figure on the target's scale: "85 %", "12,5 dagar", "40"."""
    if value is None:
        return MASK_SYMBOL
    number = float(value)
    if indicator.unit is d.Measure.SHARE:
        return f"{show.number_sv(number, 1, trim=True)}{show.NBSP}%"
    if indicator.unit is d.Measure.DAYS:
        return f"{show.number_sv(number, 1, trim=True)}{show.NBSP}dagar"
    return show.number_sv(number, 2, trim=True).removesuffix(",00")


# --- the list of plans ---------------------------------------------------------------------------


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """List the municipality's plans; a manager writes a new one here (POST)."""
    try:
        found = list(services.plans_for(acting_user=request.user))
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    may_create = policy.can_create_action_plan(request.user)
    status = 200
    form = PlanForm(user=request.user) if may_create else None
    if request.method == "POST":
        if not may_create:
            raise PermissionDenied(services.MAY_NOT_WRITE)
        form = PlanForm(request.POST, user=request.user)
        if form.is_valid():
            unit = form.cleaned_data["unit"]
            try:
                plan = services.create_plan(
                    acting_user=request.user,
                    name=form.cleaned_data["name"],
                    unit_id=int(unit) if unit else None,
                    starts_on=form.cleaned_data["starts_on"],
                    ends_on=form.cleaned_data["ends_on"],
                )
            except ServiceError as exc:
                _refuse(exc)
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Handlingsplanen är sparad."))
                return redirect("web:action_plan", plan_id=plan.pk)
        status = 422
    return render(
        request,
        "web/actionplans/list.html",
        {"plans": found, "form": form, "today": clock.today()},
        status=status,
    )


# --- a plan's page -------------------------------------------------------------------------------


def _page(
    request: HttpRequest, plan_id: int, forms_in_error: dict[str, forms.Form] | None = None
) -> HttpResponse:
    plan = _read(request, plan_id)
    writable = services.may_write(request.user, plan)
    today = clock.today()
    failed = forms_in_error or {}
    goals = []
    for goal in plan.goals.all():
        indicators = []
        for linked in goal.indicators.all():
            indicator = d.INDICATORS.get(linked.indicator_id)
            targets = sorted(linked.targets.all(), key=lambda t: t.number)
            current = targets[-1]
            key = f"target-{linked.pk}"
            indicators.append(
                {
                    "linked": linked,
                    "indicator": indicator,
                    "targets": [
                        {
                            "version": t,
                            "baseline": target_text(indicator, t.baseline),
                            "target": target_text(indicator, t.target),
                        }
                        for t in targets
                    ],
                    "current": current,
                    "form": failed.get(key)
                    or TargetForm(
                        prefix=key,
                        initial={
                            "goal_indicator": linked.pk,
                            "version": current.number,
                            "target": current.target,
                            "target_on": current.target_on,
                        },
                    ),
                }
            )
        measures = [
            {
                "measure": m,
                "overdue": m.overdue_on(today),
                "form": StatusForm(
                    prefix=f"status-{m.pk}",
                    initial={"measure": m.pk, "seen": m.status, "status": m.status},
                ),
                "edit_form": failed.get(f"edit-{m.pk}")
                or MeasureEditForm(
                    prefix=f"edit-{m.pk}",
                    municipality_id=plan.municipality_id,
                    initial={
                        "measure": m.pk,
                        "goal": goal.pk,
                        "title": m.title,
                        "owner": str(m.owner_id),
                        "due_on": m.due_on,
                        "status": m.status,
                    },
                )
                if writable
                else None,
                "remove_form": failed.get(f"remove-{m.pk}")
                or RemoveForm(prefix=f"remove-{m.pk}", initial={"measure": m.pk})
                if writable
                else None,
            }
            for m in goal.measures.all()
            if not m.is_removed
        ]
        removed = [m for m in goal.measures.all() if m.is_removed]
        goals.append(
            {
                "goal": goal,
                "indicators": indicators,
                "measures": measures,
                "removed": removed,
                "goal_text_form": failed.get(f"goaltext-{goal.pk}")
                or GoalTextForm(
                    prefix=f"goaltext-{goal.pk}", initial={"goal": goal.pk, "title": goal.title}
                )
                if writable
                else None,
                "indicator_form": failed.get(f"indicator-{goal.pk}")
                or GoalIndicatorForm(prefix=f"indicator-{goal.pk}", initial={"goal": goal.pk}),
                "measure_form": failed.get(f"measure-{goal.pk}")
                or MeasureForm(
                    prefix=f"measure-{goal.pk}",
                    initial={"goal": goal.pk},
                    municipality_id=plan.municipality_id,
                ),
            }
        )
    return render(
        request,
        "web/actionplans/plan.html",
        {
            "plan": plan,
            "goals": goals,
            "writable": writable,
            "goal_form": failed.get("goal") or GoalForm(prefix="goal"),
            "changes": services.changes_of(plan),
            "today": today,
        },
        status=422 if failed else 200,
    )


@login_required
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Show the plan: its goals with their indicators and targets (every version), measures."""
    return _page(request, plan_id)


def _saved(request: HttpRequest, plan_id: int, text: str, anchor: str = "") -> HttpResponse:
    messages.success(request, text)
    url = reverse("web:action_plan", kwargs={"plan_id": plan_id})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _goal_of(plan: ActionPlan, goal_id: int | None) -> int:
    if goal_id is None or not plan.goals.filter(pk=goal_id).exists():
        raise Http404(_("Målet finns inte."))
    return goal_id


@login_required
@require_POST
def add_goal(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Add a goal with its first indicator, baseline and target."""
    _writable(request, plan_id)
    form = GoalForm(request.POST, prefix="goal")
    if form.is_valid():
        data = form.cleaned_data
        try:
            goal = services.add_goal(
                acting_user=request.user,
                plan_id=plan_id,
                title=data["title"],
                indicator_id=data["indicator_id"],
                baseline=data["baseline"],
                target=data["target"],
                target_on=data["target_on"],
            )
        except ServiceError as exc:
            _refuse(exc)
            add_service_errors(form, exc)
        else:
            return _saved(request, plan_id, _("Målet är sparat."), f"goal-{goal.pk}")
    return _page(request, plan_id, {"goal": form})


@login_required
@require_POST
def add_indicator(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Follow a goal up by one more indicator."""
    plan = _writable(request, plan_id)
    goal_id = _goal_of(plan, _int(request.POST.get("goal") or _prefixed(request, "goal")))
    form = GoalIndicatorForm(request.POST, prefix=f"indicator-{goal_id}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_goal_indicator(
                acting_user=request.user,
                goal_id=goal_id,
                indicator_id=data["indicator_id"],
                baseline=data["baseline"],
                target=data["target"],
                target_on=data["target_on"],
            )
        except ServiceError as exc:
            _refuse(exc)
            add_service_errors(form, exc)
        else:
            return _saved(request, plan_id, _("Indikatorn är tillagd."), f"goal-{goal_id}")
    return _page(request, plan_id, {f"indicator-{goal_id}": form})


@login_required
@require_POST
def revise_target(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Append a new version of a goal indicator's target (the old one stays visible)."""
    plan = _writable(request, plan_id)
    linked_id = _int(request.POST.get("goal_indicator") or _prefixed(request, "goal_indicator"))
    if linked_id is None or not plan.goals.filter(indicators__pk=linked_id).exists():
        raise Http404(_("Målet finns inte."))
    key = f"target-{linked_id}"
    form = TargetForm(request.POST, prefix=key)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.revise_target(
                acting_user=request.user,
                goal_indicator_id=linked_id,
                target=data["target"],
                target_on=data["target_on"],
                reason=data["reason"],
                expected_version=data["version"],
            )
        except ServiceError as exc:
            _refuse(exc)
            add_service_errors(form, exc)
        else:
            return _saved(request, plan_id, _("Det nya målvärdet är sparat."), key)
    return _page(request, plan_id, {key: form})


@login_required
@require_POST
def add_measure(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Add a measure to a goal."""
    plan = _writable(request, plan_id)
    goal_id = _goal_of(plan, _int(request.POST.get("goal") or _prefixed(request, "goal")))
    form = MeasureForm(
        request.POST, prefix=f"measure-{goal_id}", municipality_id=plan.municipality_id
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_measure(
                acting_user=request.user,
                goal_id=goal_id,
                title=data["title"],
                owner_id=int(data["owner"]),
                due_on=data["due_on"],
            )
        except ServiceError as exc:
            _refuse(exc)
            add_service_errors(form, exc)
        else:
            return _saved(request, plan_id, _("Åtgärden är sparad."), f"goal-{goal_id}")
    return _page(request, plan_id, {f"measure-{goal_id}": form})


@login_required
@require_POST
def measure_status(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Record a measure's status."""
    plan = _writable(request, plan_id)
    measure_id = _int(_prefixed(request, "measure"))
    if measure_id is None or not plan.goals.filter(measures__pk=measure_id).exists():
        raise Http404(_("Åtgärden finns inte."))
    form = StatusForm(request.POST, prefix=f"status-{measure_id}")
    if form.is_valid():
        try:
            services.set_measure_status(
                acting_user=request.user,
                measure_id=measure_id,
                status=form.cleaned_data["status"],
                expected_status=form.cleaned_data["seen"],
            )
        except ServiceError as exc:
            _refuse(exc)
            messages.error(request, exc.message)
            return redirect("web:action_plan", plan_id=plan_id)
        return _saved(request, plan_id, _("Åtgärdens status är sparad."), f"measure-{measure_id}")
    messages.error(request, _("Välj en status ur listan."))
    return redirect("web:action_plan", plan_id=plan_id)


def _kept(
    request: HttpRequest, plan_id: int, key: str, form: forms.Form, exc: ServiceError
) -> HttpResponse:
    """Show the page again with the refused form as typed and the service's reasons beside its
    fields (nothing typed is lost; a refusal of access is the 403/404 page)."""
    _refuse(exc)
    add_service_errors(form, exc)
    return _page(request, plan_id, {key: form})


@login_required
@require_POST
def edit_goal(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Change a goal's text (the earlier text stays among the plan's changes)."""
    plan = _writable(request, plan_id)
    goal_id = _goal_of(plan, _int(_prefixed(request, "goal")))
    form = GoalTextForm(request.POST, prefix=f"goaltext-{goal_id}")
    if not form.is_valid():
        return _page(request, plan_id, {f"goaltext-{goal_id}": form})
    try:
        services.edit_goal(
            acting_user=request.user, goal_id=goal_id, title=form.cleaned_data["title"]
        )
    except ServiceError as exc:
        return _kept(request, plan_id, f"goaltext-{goal_id}", form, exc)
    return _saved(request, plan_id, _("Målet är ändrat."), f"goal-{goal_id}")


def _measure_of(plan: ActionPlan, request: HttpRequest) -> int:
    measure_id = _int(_prefixed(request, "measure"))
    if measure_id is None or not plan.goals.filter(measures__pk=measure_id).exists():
        raise Http404(_("Åtgärden finns inte."))
    return measure_id


@login_required
@require_POST
def edit_measure(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Change a measure's text, owner, due date and status (each change kept)."""
    plan = _writable(request, plan_id)
    measure_id = _measure_of(plan, request)
    form = MeasureEditForm(
        request.POST, prefix=f"edit-{measure_id}", municipality_id=plan.municipality_id
    )
    if not form.is_valid():
        return _page(request, plan_id, {f"edit-{measure_id}": form})
    data = form.cleaned_data
    try:
        services.edit_measure(
            acting_user=request.user,
            measure_id=measure_id,
            title=data["title"],
            owner_id=int(data["owner"]),
            due_on=data["due_on"],
            status=data["status"],
        )
    except ServiceError as exc:
        return _kept(request, plan_id, f"edit-{measure_id}", form, exc)
    return _saved(request, plan_id, _("Åtgärden är ändrad."), f"measure-{measure_id}")


@login_required
@require_POST
def remove_measure(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Mark a measure removed, with the reason; it stays in the plan's history."""
    plan = _writable(request, plan_id)
    measure_id = _measure_of(plan, request)
    form = RemoveForm(request.POST, prefix=f"remove-{measure_id}")
    if not form.is_valid():
        return _page(request, plan_id, {f"remove-{measure_id}": form})
    try:
        services.remove_measure(
            acting_user=request.user, measure_id=measure_id, reason=form.cleaned_data["reason"]
        )
    except ServiceError as exc:
        return _kept(request, plan_id, f"remove-{measure_id}", form, exc)
    return _saved(request, plan_id, _("Åtgärden är borttagen. Den finns kvar i planens historik."))


def _prefixed(request: HttpRequest, name: str) -> str | None:
    """Return the first posted value of a field ``<prefix>-name`` (the forms are prefixed)."""
    for key, value in request.POST.items():
        if key.endswith(f"-{name}"):
            return value
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- the follow-up -------------------------------------------------------------------------------

WIDTH, HEIGHT = 600, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 40


@dataclass(frozen=True)
class Chart:
    """The geometry of one indicator's chart (SVG attributes, no inline styles)."""

    width: int
    height: int
    points: list[dict[str, Any]]
    line: str
    grid: list[dict[str, Any]]
    target_y: str
    target_label: str
    baseline_y: str
    baseline_label: str
    left: int
    right: int
    bottom: int


def chart(row: followup.IndicatorFollowUp) -> Chart:
    """Return the chart of one goal indicator: its figures per period, the current target and
    the baseline as lines, on a scale from 0 (to 100 for a share)."""
    indicator = row.indicator
    numbers = [p.number for p in row.points if p.number is not None]
    if indicator.unit is d.Measure.SHARE:
        top = 100.0
    else:
        top = max([*numbers, float(row.current.target), float(row.current.baseline), 1.0]) * 1.2
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> str:
        # A string: the template would localise a float ("92,5"), which SVG reads as a list.
        return f"{TOP + inner_h - inner_h * min(value, top) / top:.1f}"

    count = max(len(row.points), 1)
    step = inner_w / count
    points = []
    for i, point in enumerate(row.points):
        x = f"{LEFT + step * (i + 0.5):.1f}"
        points.append(
            {
                "x": x,
                "y": None if point.number is None else y(point.number),
                "label": point.period.code,
                "text": target_text(indicator, point.number),
            }
        )
    line = " ".join(f"{p['x']},{p['y']}" for p in points if p["y"] is not None)
    grid = [
        {"y": y(top * f / 4), "label": target_text(indicator, Decimal(str(round(top * f / 4, 2))))}
        for f in range(5)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        line=line,
        grid=grid,
        target_y=y(float(row.current.target)),
        target_label=_("Mål %(value)s") % {"value": target_text(indicator, row.current.target)},
        baseline_y=y(float(row.current.baseline)),
        baseline_label=_("Utgångsvärde %(value)s")
        % {"value": target_text(indicator, row.current.baseline)},
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - BOTTOM,
    )


def reached_text(reached: bool | None) -> str:
    if reached is None:
        return _("Kan inte bedömas")
    return _("Målet nått") if reached else _("Målet inte nått")


def indicator_rows(row: followup.IndicatorFollowUp) -> list[dict[str, Any]]:
    """Return the data table's rows: period, figure, basis, target then in force, met."""
    rows = []
    for point in row.points:
        met = None
        if point.number is not None:
            met = followup.meets(row.indicator, point.number, point.target.target)
        rows.append(
            {
                "period": point.period,
                "value": target_text(row.indicator, point.number),
                "basis": show.basis_text(point.value) if point.value else "",
                "masked": point.value is not None and point.value.masked,
                "target": target_text(row.indicator, point.target.target),
                "target_version": point.target.number,
                "met": "" if met is None else reached_text(met),
            }
        )
    return rows


@login_required
def plan_follow_up(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Show each goal's indicators over time against their targets, and the measures' status."""
    plan = _read(request, plan_id)
    step = Kind.YEAR if request.GET.get("steg") == "ar" else Kind.QUARTER
    found = followup.follow_up(acting_user=request.user, plan=plan, step=step)
    goals = [
        {
            "follow_up": goal,
            "indicators": [
                {
                    "row": row,
                    "chart": chart(row),
                    "rows": indicator_rows(row),
                    "current": target_text(row.indicator, row.current.target),
                    "latest": target_text(row.indicator, row.latest.number if row.latest else None),
                    "reached": reached_text(row.reached),
                }
                for row in goal.indicators
            ],
        }
        for goal in found.goals
    ]
    return render(
        request,
        "web/actionplans/followup.html",
        {"plan": plan, "found": found, "goals": goals, "yearly": step is Kind.YEAR},
    )


urlpatterns = [
    path("handlingsplaner/", plans, name="action_plans"),
    path("handlingsplaner/<int:plan_id>/", plan_page, name="action_plan"),
    path("handlingsplaner/<int:plan_id>/mal/", add_goal, name="action_plan_goal"),
    path("handlingsplaner/<int:plan_id>/indikator/", add_indicator, name="action_plan_indicator"),
    path("handlingsplaner/<int:plan_id>/malvarde/", revise_target, name="action_plan_target"),
    path("handlingsplaner/<int:plan_id>/atgard/", add_measure, name="action_plan_measure"),
    path("handlingsplaner/<int:plan_id>/mal/andra/", edit_goal, name="action_plan_goal_edit"),
    path(
        "handlingsplaner/<int:plan_id>/atgard/andra/", edit_measure, name="action_plan_measure_edit"
    ),
    path(
        "handlingsplaner/<int:plan_id>/atgard/ta-bort/",
        remove_measure,
        name="action_plan_measure_remove",
    ),
    path(
        "handlingsplaner/<int:plan_id>/atgard/status/",
        measure_status,
        name="action_plan_measure_status",
    ),
    path(
        "handlingsplaner/<int:plan_id>/uppfoljning/",
        plan_follow_up,
        name="action_plan_follow_up",
    ),
]
