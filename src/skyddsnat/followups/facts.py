"""The follow-ups' part of a case's facts: every decided follow-up of the child's situation.

Registered with ``skyddsnat.cases.facts`` by ``FollowUpsConfig.ready``; the rules engine turns
each into a ``follow_up`` obligation (``rules.triggers.follow_up``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.followups.models import FollowUp
from skyddsnat.rules import FollowUpFacts


def _all() -> QuerySet[FollowUp]:
    return FollowUp.objects.select_related("end").order_by("decided_on", "pk")


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.prefetch_related(Prefetch("follow_ups", queryset=_all(), to_attr="follow_up_list"))


def _ended(item: FollowUp) -> Any:
    end = getattr(item, "end", None)
    return end.ended_on if end is not None else None


def _of_case(case: Case) -> Part:
    items = getattr(case, "follow_up_list", None)
    if items is None:
        items = list(_all().filter(case=case))
    return {
        "follow_ups": tuple(
            FollowUpFacts(str(f.pk), f.started_from, f.decided_on, _ended(f)) for f in items
        )
    }


def _load(ids: QuerySet[Case, Any]) -> dict[int, list[Any]]:
    return grouped(
        FollowUp.objects.filter(case_id__in=ids).order_by("decided_on", "pk"),
        "case_id",
        lambda r: FollowUpFacts(
            str(r["pk"]), r["started_from"], r["decided_on"], r["end__ended_on"]
        ),
        "pk",
        "started_from",
        "decided_on",
        "end__ended_on",
    )


def _of_row(row: dict[str, Any], loaded: dict[int, list[Any]]) -> Part:
    return {"follow_ups": tuple(loaded.get(row["pk"], ()))}


SOURCE = FactsSource(
    name="followups",
    fields=("follow_ups",),
    of_case=_of_case,
    of_row=_of_row,
    prepare=_prepare,
    load=_load,
)
