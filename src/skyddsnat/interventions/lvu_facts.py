"""The LVU court path's and measures' part of a case's facts: applications for care and their
judgments (LVU 4–5 §§), LVU measures with their reviews, follow-ups after LVU care (21 b §).

Registered with ``skyddsnat.cases.facts`` by ``InterventionsConfig.ready``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.interventions.models import LvuCourtCase, LvuFollowUp, LvuMeasure, LvuMeasureReview
from skyddsnat.rules import ExtensionFacts, LvuCourtCaseFacts, LvuFollowUpFacts, LvuMeasureFacts

_COURT = ("pk", "applied_on", "judgment_on", "granted", "final_on", "care_started_on")
_MEASURE = (
    "pk",
    "kind",
    "decided_on",
    "ended_on",
    "court_submitted_on",
    "confirmed_on",
    "ban_applied_on",
    "extension_granted_on",
    "application_extended_to",
)


def _court(row: dict[str, Any]) -> LvuCourtCaseFacts:
    return LvuCourtCaseFacts(
        id=str(row["pk"]),
        applied_on=row["applied_on"],
        judgment_on=row["judgment_on"],
        granted=row["granted"],
        final_on=row["final_on"],
        care_started_on=row["care_started_on"],
    )


def _measure(row: dict[str, Any], reviews: Any) -> LvuMeasureFacts:
    granted_on, extended_to = row["extension_granted_on"], row["application_extended_to"]
    return LvuMeasureFacts(
        id=str(row["pk"]),
        kind=row["kind"],
        decided_on=row["decided_on"],
        ended_on=row["ended_on"],
        reviews=tuple(sorted(reviews)),
        court_submitted_on=row["court_submitted_on"],
        confirmed_on=row["confirmed_on"],
        ban_applied_on=row["ban_applied_on"],
        extension=ExtensionFacts(granted_on, extended_to) if granted_on and extended_to else None,
    )


def _follow_up(row: dict[str, Any]) -> LvuFollowUpFacts:
    return LvuFollowUpFacts(str(row["intervention_id"]), row["started_on"], row["ended_on"])


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.prefetch_related("lvu_court_cases", "lvu_measures__reviews", "lvu_follow_ups")


def _of_case(case: Case) -> Part:
    return {
        "lvu_court_cases": tuple(
            _court({f: getattr(x, f) for f in _COURT}) for x in case.lvu_court_cases.all()
        ),
        "lvu_measures": tuple(
            _measure({f: getattr(m, f) for f in _MEASURE}, (r.held_on for r in m.reviews.all()))
            for m in case.lvu_measures.all()
        ),
        "lvu_follow_ups": tuple(
            _follow_up(
                {
                    "intervention_id": f.intervention_id,
                    "started_on": f.started_on,
                    "ended_on": f.ended_on,
                }
            )
            for f in case.lvu_follow_ups.all()
        ),
    }


def _load(ids: QuerySet[Case, Any]) -> tuple[Any, Any, Any]:
    reviews: dict[int, list[Any]] = defaultdict(list)
    for row in LvuMeasureReview.objects.filter(measure__case_id__in=ids).values(
        "measure_id", "held_on"
    ):
        reviews[row["measure_id"]].append(row["held_on"])
    court = grouped(
        LvuCourtCase.objects.filter(case_id__in=ids).order_by("applied_on", "pk"),
        "case_id",
        _court,
        *_COURT,
    )
    measures = grouped(
        LvuMeasure.objects.filter(case_id__in=ids).order_by("decided_on", "pk"),
        "case_id",
        lambda m: _measure(m, reviews.get(m["pk"], ())),
        *_MEASURE,
    )
    follow_ups = grouped(
        LvuFollowUp.objects.filter(case_id__in=ids).order_by("started_on", "pk"),
        "case_id",
        _follow_up,
        "intervention_id",
        "started_on",
        "ended_on",
    )
    return court, measures, follow_ups


def _of_row(row: dict[str, Any], loaded: tuple[Any, Any, Any]) -> Part:
    court, measures, follow_ups = loaded
    return {
        "lvu_court_cases": tuple(court.get(row["pk"], ())),
        "lvu_measures": tuple(measures.get(row["pk"], ())),
        "lvu_follow_ups": tuple(follow_ups.get(row["pk"], ())),
    }


SOURCE = FactsSource(
    name="lvu",
    fields=("lvu_court_cases", "lvu_measures", "lvu_follow_ups"),
    of_case=_of_case,
    of_row=_of_row,
    prepare=_prepare,
    load=_load,
)
