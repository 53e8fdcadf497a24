"""What the interventions page shows: the decisions and interventions, their follow-up with the
next due dates (from the case's obligations), and a form per action that the page offers
(``casework_forms.interventions.ACTIONS``).

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
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS, Kind
from skyddsnat.interventions.models import (
    EmergencyCustody,
    Intervention,
    LulStatement,
    LvuCourtCase,
    LvuMeasure,
    ProtectedHousingOrder,
    YouthService,
)
from skyddsnat.journal.models import FormDraft
from skyddsnat.rules import Obligation
from skyddsnat.rules.registry import MEASURE_REVIEWS, TEMPORARY_BANS
from skyddsnat.web import form_drafts
from skyddsnat.web.casework_forms import interventions as f
from skyddsnat.web.casework_forms.base import Section, prefix


def make_form(
    kind: str, case: Case, key: str, data=None, *, drafts: dict[str, FormDraft] | None = None
) -> f.InterventionAction:
    """Return the form ``kind`` on ``case`` for its object ``key`` (bound to ``data`` when given).

    A form with long texts saves them as drafts while they are typed; unbound, it shows the
    author's draft (from ``drafts``, by draft key).
    """
    action = f.ACTIONS[kind]
    drafted = action.draft_key(key)
    draft = (drafts or {}).get(drafted) if drafted and data is None else None
    initial = form_drafts.restore(action.initial_for(case), draft)
    form = action(data, case_id=case.pk, key=key, initial=initial)
    if drafted:
        form_drafts.wire(form, case.pk, drafted, draft)
    return form


def offered(section: Section, subject: object) -> list[str]:
    """Return the actions of ``section`` that the page offers for ``subject``."""
    return [
        kind
        for kind, action in f.ACTIONS.items()
        if action.section == section
        and action.keyed()
        and (action.subject_model is None or isinstance(subject, action.subject_model))
        and action.offered(subject)
    ]


def interventions_of(case: Case):
    return (
        Intervention.objects.filter(case_id=case.pk)
        .select_related("decision__decision_maker", "decision__best_interests", "evaluation")
        .prefetch_related(
            "visits__visited_by",
            "reviews__recorded_by",
            "custody_considerations__recorded_by",
            "stay_extensions",
        )
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
    #: The last day in the jourhem after the investigation closed (22 kap. 4 § SoL).
    stay_due: Obligation | None = None
    #: The follow-up after LVU care: its start (21 b §) and its end (21 c §).
    lvu_follow_up_due: Obligation | None = None
    lvu_follow_up_end_due: Obligation | None = None
    #: The placement rests on lag (2024:79): considered under its 5 kap. 3 §.
    under_2024_79: bool = False

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


@dataclass
class CourtCaseView:
    court_case: LvuCourtCase
    start_due: Obligation | None
    forms: dict[str, forms.Form] = field(default_factory=dict)


@dataclass
class LulView:
    statement: LulStatement
    due: Obligation | None
    forms: dict[str, forms.Form] = field(default_factory=dict)


@dataclass
class YouthServiceView:
    service: YouthService
    start_due: Obligation | None
    forms: dict[str, forms.Form] = field(default_factory=dict)


@dataclass
class MeasureView:
    measure: LvuMeasure
    next_review: Obligation | None
    forms: dict[str, forms.Form] = field(default_factory=dict)
    #: A temporary ban's next duty towards the court: the submission or the application.
    court_due: Obligation | None = None


@dataclass
class HousingOrderView:
    """Protected housing without consent (lag 2024:79): its next duties towards the court, the
    start of the placement and the next consideration."""

    order: ProtectedHousingOrder
    dues: list[Obligation]
    next_consideration: Obligation | None
    forms: dict[str, forms.Form] = field(default_factory=dict)


HOUSING_COURT_KINDS = (
    "protected_housing_submission",
    "protected_housing_application",
    "protected_housing_start",
)


def _court_due(obligations: list[Obligation], measure: LvuMeasure) -> Obligation | None:
    kinds = TEMPORARY_BANS.get(measure.kind, ())
    return next(
        (o for kind in kinds if (o := _next(obligations, kind, measure.pk)) is not None), None
    )


def page(
    case: Case,
    *,
    today: date,
    can_write: bool,
    bound: dict[str, forms.Form] | None = None,
    drafts: dict[str, FormDraft] | None = None,
) -> dict:
    """Return the context of the interventions page (``drafts``: the user's, by key)."""
    bound = bound or {}
    obligations = case_obligations(case, today)

    def form(kind: str, key: object = "") -> forms.Form:
        return bound.get(prefix(kind, str(key))) or make_form(kind, case, str(key), drafts=drafts)

    # A placement under lag (2024:79) is considered under its 5 kap. 3 § (decision 0043).
    under_2024 = dict(
        ProtectedHousingOrder.objects.filter(
            case_id=case.pk, intervention__isnull=False
        ).values_list("intervention_id", "pk")
    )
    views = []
    for i in interventions_of(case):
        if i.pk in under_2024:
            next_review = _next(obligations, "protected_housing_consideration", under_2024[i.pk])
        else:
            next_review = _next(
                obligations,
                "protected_housing_review"
                if i.kind == Kind.PROTECTED_HOUSING
                else "placement_review",
                i.pk,
            )
        view = InterventionView(
            intervention=i,
            next_visit=_next(obligations, "placement_visit", i.pk),
            next_review=next_review,
            next_custody=_next(obligations, "custody_transfer_consideration", i.pk),
            evaluation_due=_next(obligations, "evaluation", i.pk),
            stay_due=_next(obligations, "emergency_foster_home_stay", i.pk),
            lvu_follow_up_due=_next(obligations, "lvu_follow_up", i.pk),
            lvu_follow_up_end_due=_next(obligations, "lvu_follow_up_end", i.pk),
            under_2024_79=i.pk in under_2024,
        )
        view.forms = {kind: form(kind, i.pk) for kind in offered(f.INTERVENTION, i)}
        views.append(view)
    custodies = []
    for c in case.emergency_custodies.all():
        view = CustodyView(
            custody=c,
            court_due=_next(obligations, "lvu_court_submission", c.pk),
            care_due=_next(obligations, "lvu_care_application", c.pk),
        )
        view.forms = {kind: form(kind, c.pk) for kind in offered(f.CUSTODIES, c)}
        custodies.append(view)
    court_cases = []
    for x in LvuCourtCase.objects.filter(case_id=case.pk):
        court_view = CourtCaseView(
            court_case=x, start_due=_next(obligations, "lvu_care_start", x.pk)
        )
        court_view.forms = {kind: form(kind, x.pk) for kind in offered(f.LVU, x)}
        court_cases.append(court_view)
    measures = []
    for m in LvuMeasure.objects.filter(case_id=case.pk):
        review_kind = MEASURE_REVIEWS.get(m.kind)
        measure_view = MeasureView(
            measure=m,
            next_review=_next(obligations, review_kind, m.pk) if review_kind else None,
            court_due=_court_due(obligations, m),
        )
        measure_view.forms = {kind: form(kind, m.pk) for kind in offered(f.LVU, m)}
        measures.append(measure_view)
    lul_statements = []
    for x in LulStatement.objects.filter(case_id=case.pk):
        lul_view = LulView(statement=x, due=_next(obligations, "lul_statement", x.pk))
        lul_view.forms = {kind: form(kind, x.pk) for kind in offered(f.YOUTH, x)}
        lul_statements.append(lul_view)
    youth_services = []
    for y in YouthService.objects.filter(case_id=case.pk):
        service_view = YouthServiceView(
            service=y, start_due=_next(obligations, "youth_service_start", y.pk)
        )
        service_view.forms = {kind: form(kind, y.pk) for kind in offered(f.YOUTH, y)}
        youth_services.append(service_view)
    housing_orders = []
    for order in (
        ProtectedHousingOrder.objects.filter(case_id=case.pk)
        .select_related("non_consenting_guardian", "intervention")
        .prefetch_related("considerations__recorded_by")
    ):
        dues = [o for kind in HOUSING_COURT_KINDS if (o := _next(obligations, kind, order.pk))]
        order_view = HousingOrderView(
            order=order,
            dues=dues,
            next_consideration=_next(obligations, "protected_housing_consideration", order.pk),
        )
        order_view.forms = {kind: form(kind, order.pk) for kind in offered(f.HOUSING, order)}
        housing_orders.append(order_view)
    investigation = getattr(case, "investigation", None)
    return {
        "housing_orders": housing_orders,
        "lul_statements": lul_statements,
        "youth_services": youth_services,
        "interventions": views,
        "custodies": custodies,
        "court_cases": court_cases,
        "measures": measures,
        "can_write": can_write,
        "can_decide": can_write and case.phase == Phase.INTERVENTION,
        "investigation": investigation,
        "proposal": f.DecideForm.initial_for(case),
        **{f"{kind}_form": form(kind) for kind, a in f.ACTIONS.items() if not a.keyed()},
        "today": today,
    }
