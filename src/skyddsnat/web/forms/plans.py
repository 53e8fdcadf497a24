"""The form of a care plan or implementation plan: dates, goals per BBIC sub-area, the child's
view, who does what, and (the care plan) the child's long-term housing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skyddsnat.investigations import bbic
from skyddsnat.journal import drafts
from skyddsnat.plans.choices import PlanKind
from skyddsnat.plans.models import Plan
from skyddsnat.plans.services import PlanInput
from skyddsnat.web.forms.base import DateInput, free_text_limit, today, yes_no, yes_no_field

#: The text fields of the plan (its drafts: ``journal.drafts.plan_fields``, goals included).
TEXTS = drafts.PLAN_TEXTS


def goal_field(area: str) -> str:
    """Return the form field of the goal of BBIC sub-area ``side.area``."""
    return "goal_" + area.replace(".", "__")


def goal_fields() -> list[tuple[str, str, str]]:
    """Return (field, side name, area name) of every sub-area of the current triangle."""
    return [
        (goal_field(f"{side.code}.{code}"), side.name, name)
        for side in bbic.TRIANGLES[bbic.CURRENT_VERSION]
        for code, name in side.areas
    ]


def _text(label: Any, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=True,
        validators=[free_text_limit],
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PlanForm(forms.Form):
    drawn_up_on = forms.DateField(label=_("Upprättad"), widget=DateInput(), initial=today)
    review_on = forms.DateField(
        label=_("Planen följs upp senast"),
        widget=DateInput(),
        help_text=_("Dagen då planen ska följas upp med barnet."),
    )
    child_view = _text(_("Barnets synpunkter på planen"), rows=4)
    child_view_not_documented_reason = _text(
        _("Om barnets synpunkter inte är dokumenterade: varför"), rows=2
    )
    child_participated = yes_no_field(
        _("Barnet har deltagit i planeringen"),
        required=False,
        help_text=_("Ska anges innan planen signeras."),
    )
    guardian_view = _text(_("Vårdnadshavarnas synpunkter"))
    responsibilities = _text(
        _("Vem gör vad"),
        _("Socialnämndens, vårdgivarens och andra huvudmäns (skola, region) ansvar och åtgärder."),
        rows=5,
    )
    long_term_housing = _text(
        _("Barnets långsiktiga boende"),
        _("Ska tas upp när barnet har varit placerat i två år (9 kap. 13 § SoL)."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, side, area in goal_fields():
            self.fields[name] = _text(area, rows=2)
            self.fields[name].side = side  # type: ignore[attr-defined]
        if kind != PlanKind.CARE_PLAN:
            del self.fields["long_term_housing"]

    def goal_bound_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Return the goal fields grouped by the triangle's sides, for the template."""
        sides: dict[str, list[forms.BoundField]] = {}
        for name, side, _area in goal_fields():
            sides.setdefault(side, []).append(self[name])
        return list(sides.items())

    def other_fields(self) -> list[forms.BoundField]:
        goal_names = {name for name, _s, _a in goal_fields()}
        return [
            self[n]
            for n in self.fields
            if n not in goal_names and n not in ("drawn_up_on", "review_on", "version")
        ]

    def record(self) -> PlanInput:
        data = self.cleaned_data
        goals = {
            area: data.get(goal_field(area)) or ""
            for area in bbic.area_codes()
            if data.get(goal_field(area))
        }
        return PlanInput(
            drawn_up_on=data["drawn_up_on"],
            review_on=data["review_on"],
            goals=goals,
            child_view=data.get("child_view", ""),
            child_view_not_documented_reason=data.get("child_view_not_documented_reason", ""),
            guardian_view=data.get("guardian_view", ""),
            responsibilities=data.get("responsibilities", ""),
            long_term_housing=data.get("long_term_housing", ""),
            child_participated=data.get("child_participated"),
        )


def initial_from(plan: Plan | None) -> dict[str, Any]:
    """Return the form's initial values from a saved or signed version (a revision starts
    from the plan in force)."""
    if plan is None:
        return {}
    initial: dict[str, Any] = {
        "drawn_up_on": plan.drawn_up_on if not plan.is_signed else today(),
        "review_on": plan.review_on if not plan.is_signed else None,
        "version": plan.version if not plan.is_signed else None,
    }
    for name in TEXTS:
        initial[name] = getattr(plan, name)
    initial["child_participated"] = yes_no(plan.child_participated)
    for area, text in plan.goals.items():
        initial[goal_field(area)] = text
    return initial
