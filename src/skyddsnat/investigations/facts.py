"""The investigation's part of a case's facts: when it opened and closed, and its extensions.

Registered with ``skyddsnat.cases.facts`` by ``InvestigationsConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.investigations.models import Extension, OpeningInformation
from skyddsnat.rules import ExtensionFacts, InvestigationFacts


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.select_related("investigation").prefetch_related("investigation__extensions")


def _informed(recipient: str) -> Subquery:
    return Subquery(
        OpeningInformation.objects.filter(
            investigation__case_id=OuterRef("pk"), recipient=recipient
        ).values("informed_on")[:1]
    )


def _annotate(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.annotate(
        _guardians_informed_on=_informed("guardians"), _child_informed_on=_informed("child")
    )


def _of_case(case: Case) -> Part:
    inv = getattr(case, "investigation", None)
    if inv is None:
        return {"investigation": None}
    return {
        "investigation": InvestigationFacts(
            opened_on=inv.opened_on,
            closed_on=inv.closed_on,
            extensions=tuple(
                ExtensionFacts(decided_on=e.decided_on, new_due_date=e.new_due_date)
                for e in inv.extensions.all()
            ),
            **_informed_days(case),
        )
    }


def _informed_days(case: Case) -> dict[str, Any]:
    """The days of the opening information: annotated (``_annotate``), or read for one case."""
    if hasattr(case, "_guardians_informed_on"):
        return {
            "guardians_informed_on": getattr(case, "_guardians_informed_on"),  # noqa: B009
            "child_informed_on": getattr(case, "_child_informed_on", None),
        }
    days = dict(
        OpeningInformation.objects.filter(investigation__case_id=case.pk).values_list(
            "recipient", "informed_on"
        )
    )
    return {"guardians_informed_on": days.get("guardians"), "child_informed_on": days.get("child")}


def _load(ids: QuerySet[Case, Any]) -> dict[int, list[ExtensionFacts]]:
    return grouped(
        Extension.objects.filter(investigation__case_id__in=ids).order_by("decided_on", "pk"),
        "investigation__case_id",
        lambda e: ExtensionFacts(decided_on=e["decided_on"], new_due_date=e["new_due_date"]),
        "decided_on",
        "new_due_date",
    )


def _of_row(row: dict[str, Any], extensions: dict[int, list[ExtensionFacts]]) -> Part:
    if row["investigation__pk"] is None:
        return {"investigation": None}
    return {
        "investigation": InvestigationFacts(
            opened_on=row["investigation__opened_on"],
            closed_on=row["investigation__closed_on"],
            extensions=tuple(extensions.get(row["pk"], ())),
            guardians_informed_on=row["_guardians_informed_on"],
            child_informed_on=row["_child_informed_on"],
        )
    }


SOURCE = FactsSource(
    name="investigations",
    fields=("investigation",),
    of_case=_of_case,
    of_row=_of_row,
    row_fields=(
        "investigation__pk",
        "investigation__opened_on",
        "investigation__closed_on",
        "_guardians_informed_on",
        "_child_informed_on",
    ),
    prepare=_prepare,
    annotate=_annotate,
    load=_load,
)
