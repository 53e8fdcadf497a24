"""The interventions' part of a case's facts: interventions with their visits, reviews,
custody-transfer considerations and evaluation, and emergency custodies (LVU 6 §).

Registered with ``skyddsnat.cases.facts`` by ``InterventionsConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from operator import itemgetter
from typing import Any

from django.db.models import Prefetch, QuerySet

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS, LVU_CARE_BASES, PLACEMENT_KINDS
from skyddsnat.interventions.models import (
    CustodyTransferConsideration,
    EmergencyCustody,
    Intervention,
    Review,
    Visit,
)
from skyddsnat.rules import EmergencyCustodyFacts, ExtensionFacts, InterventionFacts


def _under_18(birth_date: date | None, on: date | None) -> bool:
    """Return True when the child was under 18 on ``on`` (an unknown birth date counts so)."""
    if birth_date is None or on is None:
        return True
    try:
        eighteenth = birth_date.replace(year=birth_date.year + 18)
    except ValueError:  # born on 29 February
        eighteenth = date(birth_date.year + 18, 3, 1)
    return on < eighteenth


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.select_related("child").prefetch_related(
        "emergency_custodies",
        Prefetch(
            "interventions",
            queryset=Intervention.objects.select_related("evaluation", "decision").prefetch_related(
                "visits", "reviews", "custody_considerations"
            ),
        ),
    )


def _intervention(
    pk: int,
    kind: str,
    started_on: date,
    ended_on: date | None,
    evaluated_on: date | None,
    visits: Iterable[date],
    reviews: Iterable[date],
    considerations: Iterable[date],
    decided_on: date | None = None,
    basis: str = "",
    birth_date: date | None = None,
) -> InterventionFacts:
    """The facts of one intervention, the same from model instances and from plain values."""
    return InterventionFacts(
        id=str(pk),
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        decided_on=decided_on,
        evaluated_on=evaluated_on,
        is_placement=kind in PLACEMENT_KINDS,
        in_foster_home=kind in FOSTER_HOME_KINDS,
        visits=tuple(sorted(visits)),
        reviews=tuple(sorted(reviews)),
        custody_transfer_considerations=tuple(sorted(considerations)),
        lvu_care=basis in LVU_CARE_BASES,
        ended_under_18=_under_18(birth_date, ended_on),
    )


def _custody(pk: int, dates: Mapping[str, Any]) -> EmergencyCustodyFacts:
    """The facts of one emergency custody (LVU 6 §), from an instance's or a row's dates."""
    return EmergencyCustodyFacts(
        id=str(pk),
        decided_on=dates["decided_on"],
        carried_out_on=dates["carried_out_on"],
        court_submitted_on=dates["court_submitted_on"],
        care_applied_on=dates["care_applied_on"],
        extension=(
            ExtensionFacts(dates["extension_granted_on"], dates["application_extended_to"])
            if dates["extension_granted_on"] and dates["application_extended_to"]
            else None
        ),
    )


_CUSTODY_DATES = (
    "decided_on",
    "carried_out_on",
    "court_submitted_on",
    "care_applied_on",
    "extension_granted_on",
    "application_extended_to",
)


def _of_case(case: Case) -> Part:
    interventions = []
    for i in case.interventions.all():
        evaluation = getattr(i, "evaluation", None)
        interventions.append(
            _intervention(
                i.pk,
                i.kind,
                i.start_on,
                i.ended_on,
                evaluation.evaluated_on if evaluation else None,
                (v.visited_on for v in i.visits.all()),
                (r.held_on for r in i.reviews.all()),
                (x.considered_on for x in i.custody_considerations.all()),
                i.decision.decided_on,
                i.basis,
                case.child.birth_date,
            )
        )
    return {
        "interventions": tuple(interventions),
        "emergency_custodies": tuple(
            _custody(e.pk, {f: getattr(e, f) for f in _CUSTODY_DATES})
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
        lambda i: _intervention(
            i["pk"],
            i["kind"],
            i["start_on"],
            i["ended_on"],
            i["evaluation__evaluated_on"],
            dates["visits"].get(i["pk"], ()),
            dates["reviews"].get(i["pk"], ()),
            dates["considerations"].get(i["pk"], ()),
            i["decision__decided_on"],
            i["basis"],
            i["case__child__birth_date"],
        ),
        "pk",
        "basis",
        "case__child__birth_date",
        "kind",
        "start_on",
        "ended_on",
        "evaluation__evaluated_on",
        "decision__decided_on",
    )
    custodies = grouped(
        EmergencyCustody.objects.filter(case_id__in=ids).order_by("decided_on", "pk"),
        "case_id",
        lambda e: _custody(e["pk"], e),
        "pk",
        *_CUSTODY_DATES,
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
