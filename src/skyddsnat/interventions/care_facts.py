"""The emergency placements' and youth offending's part of a case's facts: the decisions that a
child may stay longer in a jourhem (22 kap. 4 § SoL 2025:400), the prosecutor's requests for a
statement (11 § LUL), youth community service (18 kap. 8 § SoL 2025:400) and protected housing
without the other guardian's consent with its considerations (lag 2024:79).

Registered with ``skyddsnat.cases.facts`` by ``InterventionsConfig.ready``; five queries in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from skyddsnat.cases.facts import FactsSource, Part, grouped
from skyddsnat.cases.models import Case
from skyddsnat.interventions.models import (
    LulStatement,
    ProtectedHousingConsideration,
    ProtectedHousingOrder,
    StayExtension,
    YouthService,
)
from skyddsnat.rules import (
    ExtensionFacts,
    LulStatementFacts,
    ProtectedHousingOrderFacts,
    StayExtensionFacts,
    YouthServiceFacts,
)

_STATEMENT = ("pk", "requested_on", "due_on", "submitted_on")
_SERVICE = ("pk", "final_on", "started_on", "special_reasons_on", "special_reasons")
_EXTENSION = ("intervention_id", "decided_on", "extended_to")
_ORDER = (
    "pk",
    "intervention_id",
    "immediate_decided_on",
    "court_submitted_on",
    "confirmed_on",
    "applied_on",
    "extension_granted_on",
    "application_extended_to",
    "granted",
    "final_on",
    "placement_started_on",
    "ended_on",
)


def _order(row: dict[str, Any], considerations: Any) -> ProtectedHousingOrderFacts:
    granted_on, extended_to = row["extension_granted_on"], row["application_extended_to"]
    return ProtectedHousingOrderFacts(
        id=str(row["pk"]),
        immediate_decided_on=row["immediate_decided_on"],
        court_submitted_on=row["court_submitted_on"],
        confirmed_on=row["confirmed_on"],
        applied_on=row["applied_on"],
        extension=ExtensionFacts(granted_on, extended_to) if granted_on and extended_to else None,
        granted=row["granted"],
        final_on=row["final_on"],
        placement_started_on=row["placement_started_on"],
        considerations=tuple(sorted(considerations)),
        ended_on=row["ended_on"],
        intervention_id=str(row["intervention_id"]) if row["intervention_id"] else None,
    )


def _statement(row: dict[str, Any]) -> LulStatementFacts:
    return LulStatementFacts(
        str(row["pk"]), row["requested_on"], row["due_on"], row["submitted_on"]
    )


def _service(row: dict[str, Any]) -> YouthServiceFacts:
    return YouthServiceFacts(
        str(row["pk"]),
        row["final_on"],
        row["started_on"],
        row["special_reasons_on"],
        row["special_reasons"],
    )


def _extension(row: dict[str, Any]) -> StayExtensionFacts:
    return StayExtensionFacts(str(row["intervention_id"]), row["decided_on"], row["extended_to"])


def _prepare(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.prefetch_related(
        "lul_statements",
        "youth_services",
        "interventions__stay_extensions",
        "protected_housing_orders__considerations",
    )


def _of_case(case: Case) -> Part:
    return {
        "stay_extensions": tuple(
            _extension({f: getattr(e, f) for f in _EXTENSION})
            for i in case.interventions.all()
            for e in i.stay_extensions.all()
        ),
        "lul_statements": tuple(
            _statement({f: getattr(x, f) for f in _STATEMENT}) for x in case.lul_statements.all()
        ),
        "youth_services": tuple(
            _service({f: getattr(x, f) for f in _SERVICE}) for x in case.youth_services.all()
        ),
        "protected_housing_orders": tuple(
            _order(
                {f: getattr(o, f) for f in _ORDER},
                (x.held_on for x in o.considerations.all()),
            )
            for o in case.protected_housing_orders.all()
        ),
    }


def _load(ids: QuerySet[Case, Any]) -> tuple[Any, Any, Any, Any]:
    extensions = grouped(
        StayExtension.objects.filter(intervention__case_id__in=ids).order_by("decided_on", "pk"),
        "intervention__case_id",
        _extension,
        *_EXTENSION,
    )
    statements = grouped(
        LulStatement.objects.filter(case_id__in=ids).order_by("requested_on", "pk"),
        "case_id",
        _statement,
        *_STATEMENT,
    )
    services = grouped(
        YouthService.objects.filter(case_id__in=ids).order_by("final_on", "pk"),
        "case_id",
        _service,
        *_SERVICE,
    )
    considerations: dict[int, list[Any]] = defaultdict(list)
    for held in ProtectedHousingConsideration.objects.filter(order__case_id__in=ids).values(
        "order_id", "held_on"
    ):
        considerations[held["order_id"]].append(held["held_on"])
    orders = grouped(
        ProtectedHousingOrder.objects.filter(case_id__in=ids).order_by("pk"),
        "case_id",
        lambda o: _order(o, considerations.get(o["pk"], ())),
        *_ORDER,
    )
    return extensions, statements, services, orders


def _of_row(row: dict[str, Any], loaded: tuple[Any, Any, Any, Any]) -> Part:
    extensions, statements, services, orders = loaded
    return {
        "stay_extensions": tuple(extensions.get(row["pk"], ())),
        "lul_statements": tuple(statements.get(row["pk"], ())),
        "youth_services": tuple(services.get(row["pk"], ())),
        "protected_housing_orders": tuple(orders.get(row["pk"], ())),
    }


SOURCE = FactsSource(
    name="care",
    fields=("stay_extensions", "lul_statements", "youth_services", "protected_housing_orders"),
    of_case=_of_case,
    of_row=_of_row,
    prepare=_prepare,
    load=_load,
)
