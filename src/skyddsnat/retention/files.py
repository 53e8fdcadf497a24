"""Which case files retention disposes of on a day: the facts of each file, judged by the rules.

A child's file (*personakt*) is every case of the child in one municipality. Its last entry is
the latest of: a report's arrival, a journal entry (every service appends one, the
registration too) and a case's closing. Nothing of a child with an open case is disposed of. Each
case is judged by its kind (``rules.retention``): a placement if any case joined with it had a
placement, else an investigation if one was opened, else a report that led to no investigation
if the preliminary assessment said so, else "other" (e.g. transferred to another
municipality), which the municipality's plan decides and which is otherwise kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q

from skyddsnat.accounts.models import Municipality
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.models import Case
from skyddsnat.intake.choices import PreliminaryOutcome
from skyddsnat.interventions.choices import PLACEMENT_KINDS
from skyddsnat.interventions.models import Intervention
from skyddsnat.people.models import Child
from skyddsnat.retention.models import RetentionPlanEntry
from skyddsnat.rules import local_date
from skyddsnat.rules.retention import (
    INVESTIGATION,
    KINDS,
    OTHER,
    PLACEMENT,
    REPORT_NOT_INVESTIGATED,
    FileFacts,
    ResearchSample,
    RetentionPlan,
    Verdict,
    assess,
)


@dataclass(frozen=True)
class CaseFile:
    """One case and what retention says about it."""

    case_id: int
    child_id: int
    municipality_id: int
    report_id: int
    kind: str
    verdict: Verdict


def research_sample(municipality: Municipality) -> ResearchSample:
    """Return what is kept for research in ``municipality`` (settings, docs/deploy.md)."""
    return ResearchSample(
        keep_all=municipality.code in settings.SKYDDSNAT_DISPOSAL_KEEP_MUNICIPALITIES,
        birth_days=settings.SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS,
    )


def retention_plan(municipality_id: int, *, using: str) -> RetentionPlan:
    """Return the municipality's document management plan as the rules read it."""
    entries = RetentionPlanEntry.objects.using(using).filter(municipality_id=municipality_id)
    return RetentionPlan(years_after_last_entry={e.kind: e.years for e in entries})


def case_files(
    *, as_of: date, using: str, municipality_ids: Iterable[int] | None = None
) -> list[CaseFile]:
    """Return every case of a child with no open case, judged on ``as_of``."""
    cases = Case.objects.using(using)
    if municipality_ids is not None:
        cases = cases.filter(municipality_id__in=list(municipality_ids))
    children = (
        cases.values("child_id")
        .annotate(
            open_cases=Count("pk", filter=~Q(phase=Phase.CLOSED)),
            last_journal=Max("journal__created_at"),
            last_report=Max("report__received_at"),
            last_closed=Max("closed_at"),
        )
        .filter(open_cases=0)
    )
    last_entry: dict[int, date] = {}
    for row in children:
        moments: list[datetime] = [
            row[key]
            for key in ("last_journal", "last_report", "last_closed")
            if row[key] is not None
        ]
        last_entry[row["child_id"]] = local_date(max(moments))
    if not last_entry:
        return []
    return _judge(last_entry, as_of, using)


def _judge(last_entry: dict[int, date], as_of: date, using: str) -> list[CaseFile]:
    rows = list(
        Case.objects.using(using)
        .filter(child_id__in=list(last_entry))
        .annotate(
            placed=Exists(
                Intervention.objects.using(using).filter(
                    case_id=OuterRef("pk"), kind__in=PLACEMENT_KINDS
                )
            ),
            investigated=Q(investigation__isnull=False),
        )
        .values(
            "pk",
            "child_id",
            "municipality_id",
            "report_id",
            "joined_to_id",
            "placed",
            "investigated",
            "preliminary_assessment__outcome",
        )
    )
    kind_of = _kinds(rows)
    births = dict(
        Child.objects.using(using).filter(pk__in=list(last_entry)).values_list("pk", "birth_date")
    )
    municipalities = {m.pk: m for m in Municipality.objects.using(using).all()}
    plans: dict[int, RetentionPlan] = {}
    files = []
    for row in rows:
        municipality_id = row["municipality_id"]
        if municipality_id not in plans:
            plans[municipality_id] = retention_plan(municipality_id, using=using)
        facts = FileFacts(kind_of[row["pk"]], last_entry[row["child_id"]], births[row["child_id"]])
        verdict = assess(
            facts,
            as_of,
            plans[municipality_id],
            research_sample(municipalities[municipality_id]),
        )
        files.append(
            CaseFile(
                row["pk"], row["child_id"], municipality_id, row["report_id"], facts.kind, verdict
            )
        )
    return files


def _kinds(rows: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """Return each case's kind: the most protected kind among the cases joined with it."""
    root: dict[int, int] = {}
    parent: dict[int, int | None] = {r["pk"]: r["joined_to_id"] for r in rows}

    def find(pk: int) -> int:
        seen: set[int] = set()
        while (up := parent.get(pk)) is not None and pk not in seen:
            seen.add(pk)
            pk = up
        return pk

    own: dict[int, str] = {}
    for r in rows:
        pk = r["pk"]
        root[pk] = find(pk)
        if r["placed"]:
            own[pk] = PLACEMENT
        elif r["investigated"]:
            own[pk] = INVESTIGATION
        elif r["preliminary_assessment__outcome"] == PreliminaryOutcome.NOT_OPENED:
            own[pk] = REPORT_NOT_INVESTIGATED
        else:
            own[pk] = OTHER
    family: dict[int, set[str]] = defaultdict(set)
    for pk, kind in own.items():
        family[root[pk]].add(kind)
    # KINDS lists the most protected first.
    return {pk: next(k for k in KINDS if k in family[root[pk]]) for pk in own}
