"""The plans' part of a case's facts: every signed care plan and implementation plan.

Registered with ``skyddsnat.cases.facts`` by ``PlansConfig.ready``. A draft is not a fact: only
a signed version meets a duty (``rules.triggers.care_plan`` and the kinds after it).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.plans.models import Plan
from skyddsnat.rules import PlanFacts


def _signed() -> QuerySet[Plan]:
    return Plan.objects.filter(signed_at__isnull=False).order_by(
        "intervention_id", "kind", "number"
    )


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.prefetch_related(Prefetch("plans", queryset=_signed(), to_attr="signed_plans"))


def _fact(intervention_id: int, kind: str, number: int, drawn_up_on: Any) -> PlanFacts:
    return PlanFacts(str(intervention_id), kind, number, drawn_up_on)


def _of_case(case: Case) -> Part:
    plans = getattr(case, "signed_plans", None)
    if plans is None:
        plans = list(_signed().filter(case=case))
    return {
        "care_plans": tuple(
            _fact(p.intervention_id, p.kind, p.number, p.drawn_up_on) for p in plans
        )
    }


def _load(ids: QuerySet[Case, Any]) -> dict[int, list[Any]]:
    return grouped(
        _signed().filter(case_id__in=ids),
        "case_id",
        lambda p: _fact(p["intervention_id"], p["kind"], p["number"], p["drawn_up_on"]),
        "intervention_id",
        "kind",
        "number",
        "drawn_up_on",
    )


def _of_row(row: dict[str, Any], loaded: dict[int, list[Any]]) -> Part:
    return {"care_plans": tuple(loaded.get(row["pk"], ()))}


SOURCE = FactsSource(
    name="plans",
    fields=("care_plans",),
    of_case=_of_case,
    of_row=_of_row,
    prepare=_prepare,
    load=_load,
)
