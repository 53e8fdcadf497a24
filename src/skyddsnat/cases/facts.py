"""The rules engine's facts from what was registered on a case, and their evaluation.

Obligations are never stored: they are derived here every time, from the registered events,
by the pure rules in ``skyddsnat.rules``. This is the one place that evaluates a case:
``case_obligations`` for one case (the case page, the API), ``facts_of_cases`` for many (work
lists, indicators).

Each stage of the process contributes the facts it registers through a ``FactsSource`` that
it registers from its ``AppConfig.ready`` (``intake.facts``, ``investigations.facts``,
``interventions.facts``), so that this module imports none of the stages. Every field of
``rules.CaseFacts`` comes from exactly one source (``check_sources``); a new kind of fact is a
field in ``rules/facts.py`` and a source (or a field of one) in the stage that registers it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from skyddsnat import clock
from skyddsnat.accounts.models import Municipality
from skyddsnat.cases.models import Case
from skyddsnat.rules import CaseFacts, Obligation, RuleSettings, evaluate
from skyddsnat.rules.registry import INVESTIGATION, PRELIMINARY_ASSESSMENT

#: The values of one source for one case: ``CaseFacts`` field name → value.
Part = dict[str, Any]


def _same(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs


def _nothing(ids: QuerySet[Case, Any]) -> None:
    return None


@dataclass(frozen=True)
class FactsSource:
    """What one stage contributes to a case's facts, for one case and for many.

    One case: ``prepare`` adds the ``select_related``/``prefetch_related`` that ``of_case``
    reads, so that evaluating a case costs a fixed number of queries. Many cases: the
    ``row_fields`` are read in the one query over the cases (``values()`` paths from
    ``Case``), ``load`` runs the source's own queries for the cases (given as a subquery of
    their ids; a fixed number, never one per case), and ``of_row`` builds the part from the
    row and what ``load`` returned. ``annotate`` adds annotations both paths read.
    """

    name: str
    fields: tuple[str, ...]
    of_case: Callable[[Case], Part]
    of_row: Callable[[dict[str, Any], Any], Part]
    row_fields: tuple[str, ...] = ()
    prepare: Callable[[QuerySet[Case]], QuerySet[Case]] = _same
    annotate: Callable[[QuerySet[Case]], QuerySet[Case]] = _same
    load: Callable[[QuerySet[Case, Any]], Any] = _nothing


_SOURCES: dict[str, FactsSource] = {}


def register(source: FactsSource) -> None:
    """Register a stage's facts source (from its ``AppConfig.ready``)."""
    _SOURCES[source.name] = source


def sources() -> tuple[FactsSource, ...]:
    """The registered sources, in registration order (the order of INSTALLED_APPS)."""
    return tuple(_SOURCES.values())


def check_sources(registered: Iterable[FactsSource] | None = None) -> None:
    """Raise ``LookupError`` unless every ``CaseFacts`` field has exactly one source."""
    wanted = {f.name for f in fields(CaseFacts)}
    seen: dict[str, str] = {}
    for source in sources() if registered is None else registered:
        for name in source.fields:
            if name in seen:
                raise LookupError(f"Both {seen[name]} and {source.name} give {name}.")
            if name not in wanted:
                raise LookupError(f"{source.name} gives {name}, which CaseFacts does not have.")
            seen[name] = source.name
    missing = wanted - seen.keys()
    if missing:
        raise LookupError(f"No source gives {', '.join(sorted(missing))}.")


#: The committee's own duties whose roll-forward is the municipality's setting
#: (``Municipality.roll_forward_own_duties``): the 14 days and the four months.
OWN_DUTIES = (PRELIMINARY_ASSESSMENT, INVESTIGATION)


def rule_settings(municipality_id: int | None = None) -> RuleSettings:
    """Return the rule settings: the cut-off from Django settings, and the municipality's choice
    whether its own duties' due dates roll forward to the next working day (none given: the
    default, not rolled; the indicators count with the default, decision 0042)."""
    roll = municipality_id is not None and (
        Municipality.objects.filter(pk=municipality_id, roll_forward_own_duties=True).exists()
    )
    return settings_rolling_own_duties(roll)


def settings_rolling_own_duties(roll: bool) -> RuleSettings:
    """Return the rule settings with the committee's own duties rolled forward or not (a list
    that read ``Municipality.roll_forward_own_duties`` with its rows needs no query here)."""
    conf: dict[str, Any] = settings.SKYDDSNAT_RULE_SETTINGS
    cutoff = datetime.strptime(conf["protective_cutoff"], "%H:%M").time()  # noqa: DTZ007
    return RuleSettings(
        protective_cutoff=cutoff,
        roll_forward=dict.fromkeys(OWN_DUTIES, True) if roll else {},
    )


def cases_for_obligations() -> QuerySet[Case]:
    """Return a queryset of cases with everything ``case_facts`` reads, prefetched."""
    qs = Case.objects.all()
    for source in sources():
        qs = source.prepare(source.annotate(qs))
    return qs


def _assemble(parts: Iterable[Part]) -> CaseFacts:
    merged: Part = {}
    for part in parts:
        merged.update(part)
    return CaseFacts(**merged)


def case_facts(case: Case) -> CaseFacts:
    """Return the facts of ``case`` (read through ``cases_for_obligations``)."""
    return _assemble(source.of_case(case) for source in sources())


def case_obligations(
    case: Case | int, as_of: date | None = None, *, open_only: bool = False
) -> list[Obligation]:
    """Return the obligations of ``case`` as they stood on ``as_of`` (default today).

    ``open_only`` keeps those still to be met (open, due soon, overdue): what the case's header
    shows. The case is read afresh, so what was just registered counts.
    """
    case_id = case if isinstance(case, int) else case.pk
    fresh = cases_for_obligations().get(pk=case_id)
    obligations = evaluate(
        case_facts(fresh), as_of or clock.today(), rule_settings(fresh.municipality_id)
    )
    if open_only:
        return [o for o in obligations if o.status.is_open]
    return obligations


@dataclass(frozen=True)
class FactsRow:
    """A case's facts with the case's id and unit: what ``facts_of_cases`` returns per case."""

    case_id: int
    unit_id: int
    facts: CaseFacts
    #: The child's sex and birth date (None: unknown), for statistics by sex and age group.
    child_sex: str = ""
    child_birth_date: date | None = None


def facts_of_cases(cases: QuerySet[Case]) -> list[FactsRow]:
    """Return the facts of every case in ``cases``, read as plain values, in case order.

    The same facts as ``case_facts`` gives for each case (``tests/services/test_bulk_facts``
    compares the two on generated cases), for statistics over many cases: one query over the
    cases and a fixed number per source, no model instances, so thousands of cases load in a
    fraction of the time. The number of queries does not grow with the number of cases.
    """
    registered = sources()
    qs = cases
    for source in registered:
        qs = source.annotate(qs)
    row_fields = [f for source in registered for f in source.row_fields]
    rows = list(
        qs.order_by("pk").values("pk", "unit_id", "child__sex", "child__birth_date", *row_fields)
    )
    ids = cases.values("pk")
    loaded = [source.load(ids) for source in registered]
    return [
        FactsRow(
            case_id=row["pk"],
            unit_id=row["unit_id"],
            facts=_assemble(
                source.of_row(row, state) for source, state in zip(registered, loaded, strict=True)
            ),
            child_sex=row["child__sex"],
            child_birth_date=row["child__birth_date"],
        )
        for row in rows
    ]


def grouped(
    qs: QuerySet[Any, Any], key: str, build: Callable[[dict[str, Any]], Any], *value_fields: str
) -> dict[int, list[Any]]:
    """Return ``build(row)`` for each row of ``qs``, grouped by ``key``, in the query's order.

    For sources' ``load``: one query, rows as plain values.
    """
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in qs.values(key, *value_fields):
        groups[row[key]].append(build(row))
    return groups
