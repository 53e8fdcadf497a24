"""The investigation's part of a case's facts: when it opened and closed, and its extensions.

Registered with ``skyddsnat.cases.facts`` by ``InvestigationsConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.investigations.models import Extension
from skyddsnat.rules import ExtensionFacts, InvestigationFacts


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.select_related("investigation").prefetch_related("investigation__extensions")


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
        )
    }


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
        )
    }


SOURCE = FactsSource(
    name="investigations",
    fields=("investigation",),
    of_case=_of_case,
    of_row=_of_row,
    row_fields=("investigation__pk", "investigation__opened_on", "investigation__closed_on"),
    prepare=_prepare,
    load=_load,
)
