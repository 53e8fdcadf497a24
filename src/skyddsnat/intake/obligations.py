"""Build the rules engine's facts from what was registered on a case, and evaluate them.

Obligations are never stored: they are derived here every time, from the registered events,
by the pure rules in ``skyddsnat.rules``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from skyddsnat import clock
from skyddsnat.intake.models import Case
from skyddsnat.interventions.choices import FOSTER_HOME_KINDS, PLACEMENT_KINDS
from skyddsnat.interventions.models import (
    CustodyTransferConsideration,
    EmergencyCustody,
    Intervention,
    Review,
    Visit,
)
from skyddsnat.investigations.models import Extension
from skyddsnat.rules import (
    CaseFacts,
    EmergencyCustodyFacts,
    ExtensionFacts,
    InterventionFacts,
    InvestigationFacts,
    Obligation,
    RuleSettings,
    evaluate,
)


def rule_settings() -> RuleSettings:
    """Return the municipality's rule settings (from Django settings for now)."""
    conf = settings.SKYDDSNAT_RULE_SETTINGS
    cutoff = datetime.strptime(conf["protective_cutoff"], "%H:%M").time()  # noqa: DTZ007
    return RuleSettings(
        protective_cutoff=cutoff, reporter_feedback_days=conf["reporter_feedback_days"]
    )


def cases_for_obligations():
    """Return a queryset of cases with everything ``case_facts`` reads, prefetched.

    ``open_investigation_elsewhere`` tells whether another case of the same child has an open
    investigation, so that lists of cases need no extra query per case (see
    ``_investigation_already_running``).
    """
    others_investigated = Case.objects.filter(
        child_id=OuterRef("child_id"),
        investigation__isnull=False,
        investigation__closed_on__isnull=True,
    ).exclude(pk=OuterRef("pk"))
    return (
        Case.objects.annotate(open_investigation_elsewhere=Exists(others_investigated))
        .select_related(
            "report",
            "protective_assessment",
            "preliminary_assessment",
            "reporter_feedback",
            "investigation",
        )
        .prefetch_related(
            "investigation__extensions",
            "emergency_custodies",
            Prefetch(
                "interventions",
                queryset=Intervention.objects.select_related("evaluation").prefetch_related(
                    "visits", "reviews", "custody_considerations"
                ),
            ),
        )
    )


def _investigation_already_running(case: Case) -> bool:
    if not hasattr(case, "preliminary_assessment"):
        annotated = getattr(case, "open_investigation_elsewhere", None)
        if annotated is not None:
            return annotated
        from skyddsnat.intake.services import ongoing_investigation_case

        return ongoing_investigation_case(case) is not None
    return case.preliminary_assessment.outcome == "joined_to_ongoing"


def case_facts(case: Case) -> CaseFacts:
    """Return the facts of ``case`` that the time limits depend on."""
    prelim = getattr(case, "preliminary_assessment", None)
    protective = getattr(case, "protective_assessment", None)
    feedback = getattr(case, "reporter_feedback", None)
    inv = getattr(case, "investigation", None)
    investigation = None
    if inv is not None:
        investigation = InvestigationFacts(
            opened_on=inv.opened_on,
            closed_on=inv.closed_on,
            extensions=tuple(
                ExtensionFacts(decided_on=e.decided_on, new_due_date=e.new_due_date)
                for e in inv.extensions.all()
            ),
        )
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
    return CaseFacts(
        report_received_at=case.report.received_at,
        protective_assessment_made_at=protective.made_at if protective else None,
        preliminary_assessment_decided_on=prelim.decided_on if prelim else None,
        investigation_already_running=_investigation_already_running(case),
        mandatory_reporter=case.report.reporter_mandatory,
        reporter_feedback_sent_on=feedback.sent_on if feedback else None,
        investigation=investigation,
        interventions=tuple(interventions),
        emergency_custodies=tuple(
            EmergencyCustodyFacts(
                id=str(e.pk),
                decided_on=e.decided_on,
                carried_out_on=e.carried_out_on,
                court_submitted_on=e.court_submitted_on,
                care_applied_on=e.care_applied_on,
            )
            for e in case.emergency_custodies.all()
        ),
    )


def case_obligations(case: Case, as_of: date | None = None) -> list[Obligation]:
    """Return every obligation of ``case`` as it stood on ``as_of`` (default today)."""
    fresh = cases_for_obligations().get(pk=case.pk)
    return evaluate(case_facts(fresh), as_of or clock.today(), rule_settings())


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
    compares the two on generated cases), for statistics over many cases: one query per table
    and no model instances, so thousands of cases load in a fraction of the time. The number of
    queries is fixed (seven), whatever the number of cases.
    """
    others_investigated = Case.objects.filter(
        child_id=OuterRef("child_id"),
        investigation__isnull=False,
        investigation__closed_on__isnull=True,
    ).exclude(pk=OuterRef("pk"))
    rows = list(
        cases.annotate(open_investigation_elsewhere=Exists(others_investigated))
        .order_by("pk")
        .values(
            "pk",
            "unit_id",
            "child__sex",
            "child__birth_date",
            "open_investigation_elsewhere",
            "report__received_at",
            "report__reporter_mandatory",
            "protective_assessment__made_at",
            "preliminary_assessment__pk",
            "preliminary_assessment__decided_on",
            "preliminary_assessment__outcome",
            "reporter_feedback__sent_on",
            "investigation__pk",
            "investigation__opened_on",
            "investigation__closed_on",
        )
    )
    ids = cases.values("pk")
    extensions = _grouped(
        Extension.objects.filter(investigation__case_id__in=ids).order_by("decided_on", "pk"),
        "investigation__case_id",
        lambda e: ExtensionFacts(decided_on=e["decided_on"], new_due_date=e["new_due_date"]),
        "decided_on",
        "new_due_date",
    )
    dates = {
        name: _grouped(
            model.objects.filter(intervention__case_id__in=ids),
            "intervention_id",
            lambda r, f=field: r[f],
            field,
        )
        for name, model, field in (
            ("visits", Visit, "visited_on"),
            ("reviews", Review, "held_on"),
            ("considerations", CustodyTransferConsideration, "considered_on"),
        )
    }
    interventions = _grouped(
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
    custodies = _grouped(
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
    return [_facts_row(row, extensions, interventions, custodies) for row in rows]


def _grouped(
    qs: QuerySet, key: str, build: Callable[[dict[str, Any]], Any], *fields: str
) -> dict[int, list[Any]]:
    """Return ``build(row)`` for each row of ``qs``, grouped by ``key``, in the query's order."""
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in qs.values(key, *fields):
        groups[row[key]].append(build(row))
    return groups


def _facts_row(
    row: dict[str, Any],
    extensions: dict[int, list[ExtensionFacts]],
    interventions: dict[int, list[InterventionFacts]],
    custodies: dict[int, list[EmergencyCustodyFacts]],
) -> FactsRow:
    case_id = row["pk"]
    investigation = None
    if row["investigation__pk"] is not None:
        investigation = InvestigationFacts(
            opened_on=row["investigation__opened_on"],
            closed_on=row["investigation__closed_on"],
            extensions=tuple(extensions.get(case_id, ())),
        )
    if row["preliminary_assessment__pk"] is None:
        already_running = bool(row["open_investigation_elsewhere"])
    else:
        already_running = row["preliminary_assessment__outcome"] == "joined_to_ongoing"
    facts = CaseFacts(
        report_received_at=row["report__received_at"],
        protective_assessment_made_at=row["protective_assessment__made_at"],
        preliminary_assessment_decided_on=row["preliminary_assessment__decided_on"],
        investigation_already_running=already_running,
        mandatory_reporter=row["report__reporter_mandatory"],
        reporter_feedback_sent_on=row["reporter_feedback__sent_on"],
        investigation=investigation,
        interventions=tuple(interventions.get(case_id, ())),
        emergency_custodies=tuple(custodies.get(case_id, ())),
    )
    return FactsRow(case_id, row["unit_id"], facts, row["child__sex"], row["child__birth_date"])
