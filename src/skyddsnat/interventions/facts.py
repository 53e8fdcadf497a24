"""The interventions' part of a case's facts: interventions with their visits, reviews,
custody-transfer considerations and evaluation, and emergency custodies (LVU 6 §).

Registered with ``skyddsnat.cases.facts`` by ``InterventionsConfig.ready``.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from django.db.models import Prefetch, QuerySet

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS, PLACEMENT_KINDS
from skyddsnat.interventions.models import (
    CustodyTransferConsideration,
    EmergencyCustody,
    Intervention,
    Review,
    Visit,
)
from skyddsnat.rules import EmergencyCustodyFacts, InterventionFacts


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.prefetch_related(
        "emergency_custodies",
        Prefetch(
            "interventions",
            queryset=Intervention.objects.select_related("evaluation").prefetch_related(
                "visits", "reviews", "custody_considerations"
            ),
        ),
    )


def _of_case(case: Case) -> Part:
    interventions = []
    for i in case.interventions.all():
        evaluation = getattr(i, "evaluation", None)
        interventions.append(
            InterventionFacts(
                id=str(i.pk),
                kind=i.kind,
                started_on=i.start_on,
                ended_on=i.ended_on,
                evaluated_on=evaluation.evaluated_on if evaluation else None,
                is_placement=i.kind in PLACEMENT_KINDS,
                in_foster_home=i.kind in FOSTER_HOME_KINDS,
                visits=tuple(sorted(v.visited_on for v in i.visits.all())),
                reviews=tuple(sorted(r.held_on for r in i.reviews.all())),
                custody_transfer_considerations=tuple(
                    sorted(x.considered_on for x in i.custody_considerations.all())
                ),
            )
        )
    return {
        "interventions": tuple(interventions),
        "emergency_custodies": tuple(
            EmergencyCustodyFacts(
                id=str(e.pk),
                decided_on=e.decided_on,
                carried_out_on=e.carried_out_on,
                court_submitted_on=e.court_submitted_on,
                care_applied_on=e.care_applied_on,
            )
            for e in case.emergency_custodies.all()
        ),
    }


_DATES = (
    ("visits", Visit, "visited_on"),
    ("reviews", Review, "held_on"),
    ("considerations", CustodyTransferConsideration, "considered_on"),
)


def _load(ids: QuerySet[Case, Any]) -> tuple[dict[int, list[Any]], dict[int, list[Any]]]:
    dates = {
        name: grouped(
            model.objects.filter(intervention__case_id__in=ids),
            "intervention_id",
            itemgetter(field),
            field,
        )
        for name, model, field in _DATES
    }
    interventions = grouped(
        Intervention.objects.filter(case_id__in=ids).order_by("start_on", "pk"),
        "case_id",
        lambda i: InterventionFacts(
            id=str(i["pk"]),
            kind=i["kind"],
            started_on=i["start_on"],
            ended_on=i["ended_on"],
            evaluated_on=i["evaluation__evaluated_on"],
            is_placement=i["kind"] in PLACEMENT_KINDS,
            in_foster_home=i["kind"] in FOSTER_HOME_KINDS,
            visits=tuple(sorted(dates["visits"].get(i["pk"], ()))),
            reviews=tuple(sorted(dates["reviews"].get(i["pk"], ()))),
            custody_transfer_considerations=tuple(sorted(dates["considerations"].get(i["pk"], ()))),
        ),
        "pk",
        "kind",
        "start_on",
        "ended_on",
        "evaluation__evaluated_on",
    )
    custodies = grouped(
        EmergencyCustody.objects.filter(case_id__in=ids).order_by("decided_on", "pk"),
        "case_id",
        lambda e: EmergencyCustodyFacts(
            id=str(e["pk"]),
            decided_on=e["decided_on"],
            carried_out_on=e["carried_out_on"],
            court_submitted_on=e["court_submitted_on"],
            care_applied_on=e["care_applied_on"],
        ),
        "pk",
        "decided_on",
        "carried_out_on",
        "court_submitted_on",
        "care_applied_on",
    )
    return interventions, custodies


def _of_row(row: dict[str, Any], loaded: tuple[dict[int, list[Any]], dict[int, list[Any]]]) -> Part:
    interventions, custodies = loaded
    return {
        "interventions": tuple(interventions.get(row["pk"], ())),
        "emergency_custodies": tuple(custodies.get(row["pk"], ())),
    }


SOURCE = FactsSource(
    name="interventions",
    fields=("interventions", "emergency_custodies"),
    of_case=_of_case,
    of_row=_of_row,
    prepare=_prepare,
    load=_load,
)
