"""What the interventions page shows: the decisions and interventions, their follow-up with the
next due dates (from the case's obligations), and a form per action.

``page()`` builds the context; a form that was posted and failed is passed in ``bound`` (by its
prefix) so that it is shown with its errors and what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms

from skyddsnat.cases.choices import Phase
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS
from skyddsnat.interventions.models import EmergencyCustody, Intervention
from skyddsnat.rules import Obligation
from skyddsnat.web.casework_forms import interventions as f

FORMS: dict[str, type[forms.Form]] = {
    "decide": f.DecideForm,
    "visit": f.VisitForm,
    "review": f.ReviewForm,
    "custody": f.CustodyForm,
    "end": f.EndForm,
    "evaluation": f.EvaluationForm,
    "court_submitted": f.LvuStepForm,
    "care_applied": f.LvuStepForm,
}
DATES = {
    "decide": ("decided_on", "start"),
    "visit": ("visited_on",),
    "review": ("held_on",),
    "custody": ("considered_on",),
    "end": ("ended_on",),
    "evaluation": ("evaluated_on",),
    "court_submitted": ("on",),
    "care_applied": ("on",),
}


def prefix(kind: str, key: str = "") -> str:
    return f"{kind}-{key}" if key else kind


def make_form(kind: str, key: str, today: date, data=None) -> forms.Form:
    """Return the form ``kind`` for the object ``key`` (bound to ``data`` when given)."""
    return FORMS[kind](data, prefix=prefix(kind, key), initial=dict.fromkeys(DATES[kind], today))


def interventions_of(case: Case):
    return (
        Intervention.objects.filter(case_id=case.pk)
        .select_related("decision__decision_maker", "evaluation")
        .prefetch_related("visits__visited_by", "reviews", "custody_considerations")
    )


def _next(obligations: list[Obligation], kind: str, subject: object) -> Obligation | None:
    """Return the first unmet obligation of ``kind`` about ``subject``."""
    return next(
        (
            o
            for o in obligations
            if o.kind == kind and o.subject_id == str(subject) and not o.is_met
        ),
        None,
    )


@dataclass
class InterventionView:
    intervention: Intervention
    next_visit: Obligation | None
    next_review: Obligation | None
    next_custody: Obligation | None
    evaluation_due: Obligation | None
    forms: dict[str, forms.Form] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"insats-{self.intervention.pk}"

    @property
    def in_foster_home(self) -> bool:
        return self.intervention.kind in FOSTER_HOME_KINDS


@dataclass
class CustodyView:
    custody: EmergencyCustody
    court_due: Obligation | None
    care_due: Obligation | None
    forms: dict[str, forms.Form] = field(default_factory=dict)


def page(
    case: Case, *, today: date, can_write: bool, bound: dict[str, forms.Form] | None = None
) -> dict:
    """Return the context of the interventions page."""
    bound = bound or {}
    obligations = case_obligations(case, today)

    def form(kind: str, key: object = "") -> forms.Form:
        return bound.get(prefix(kind, str(key))) or make_form(kind, str(key), today)

    views = []
    for i in interventions_of(case):
        view = InterventionView(
            intervention=i,
            next_visit=_next(obligations, "placement_visit", i.pk),
            next_review=_next(obligations, "placement_review", i.pk),
            next_custody=_next(obligations, "custody_transfer_consideration", i.pk),
            evaluation_due=_next(obligations, "evaluation", i.pk),
        )
        kinds = ["end"] if i.ended_on is None else []
        if i.ended_on is None and i.is_placement:
            kinds += ["visit", "review"] + (["custody"] if view.in_foster_home else [])
        if i.ended_on is not None and not hasattr(i, "evaluation"):
            kinds.append("evaluation")
        view.forms = {kind: form(kind, i.pk) for kind in kinds}
        views.append(view)
    custodies = []
    for c in case.emergency_custodies.all():
        view = CustodyView(
            custody=c,
            court_due=_next(obligations, "lvu_court_submission", c.pk),
            care_due=_next(obligations, "lvu_care_application", c.pk),
        )
        if c.court_submitted_on is None:
            view.forms["court_submitted"] = form("court_submitted", c.pk)
        if c.care_applied_on is None:
            view.forms["care_applied"] = form("care_applied", c.pk)
        custodies.append(view)
    investigation = getattr(case, "investigation", None)
    return {
        "interventions": views,
        "custodies": custodies,
        "can_write": can_write,
        "can_decide": can_write and case.phase == Phase.INTERVENTION,
        "investigation": investigation,
        "decide_form": form("decide"),
        "today": today,
    }
