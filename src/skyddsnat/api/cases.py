"""Cases (*ärenden*): the summary, the obligations, re-assignment and closing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import F
from django.http import HttpRequest
from ninja import Field, Query, Router

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.accounts.policy import (
    can_assign,
    read_through_break_glass,
    require,
    require_case,
    works_with_cases,
)
from skyddsnat.api import case_list
from skyddsnat.api.access import act, readable_case
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    InvalidCursor,
    Page,
    page,
    read_cursor,
)
from skyddsnat.api.schemas import ERRORS, ErrorOut, In, LocalDateTime, Out, as_of_day, codes
from skyddsnat.audit import services as audit
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.errors import InvalidInput
from skyddsnat.intake import services as intake
from skyddsnat.rules import Status

router = Router(tags=["Ärenden / Cases"])

Phase = codes(Phase)
StatusCode = codes(s.value for s in Status)


class CaseOut(Out):
    """A case: where it is in the process and the ids of what was registered in it."""

    id: int
    child_id: int
    report_id: int
    unit_id: int
    phase: Phase
    responsible_id: int | None
    responsible_name: str
    version: int
    created_at: LocalDateTime
    closed_at: LocalDateTime | None
    joined_to_id: int | None
    protective_assessment_id: int | None
    preliminary_assessment_id: int | None
    investigation_id: int | None
    intervention_ids: list[int]

    @classmethod
    def read(cls, case_id: int) -> CaseOut:
        """Return the case as stored, with the ids of its assessments, investigation and
        interventions."""
        return cls.read_many([case_id])[0]

    @classmethod
    def read_many(cls, case_ids: list[int]) -> list[CaseOut]:
        """Return the summaries of the cases ``case_ids``, in that order, in two statements
        however many there are (a case that is gone is left out)."""
        cases = (
            Case.objects.select_related("responsible")
            .annotate(
                protective_assessment_id=F("protective_assessment"),
                preliminary_assessment_id=F("preliminary_assessment"),
                investigation_id=F("investigation"),
            )
            .order_by()
            .in_bulk(case_ids)
        )
        interventions: dict[int, list[int]] = defaultdict(list)
        rows = (
            Case.objects.filter(pk__in=case_ids, interventions__isnull=False)
            .order_by("interventions__pk")
            .values_list("pk", "interventions__pk")
        )
        for case_id, intervention_id in rows:
            interventions[case_id].append(intervention_id)
        return [
            cls.of(
                cases[pk],
                responsible_name=str(cases[pk].responsible or ""),
                intervention_ids=interventions[pk],
            )
            for pk in case_ids
            if pk in cases
        ]


class ObligationOut(Out):
    """One time limit: its due date, its status on ``as_of``, and the rule in words."""

    kind: str
    title: str
    subject_id: str | None
    sequence: int
    start_date: date
    due_date: date
    status: StatusCode
    status_label: str = Field(validation_alias="status.label_sv")
    met_at: date | None
    days_left: int
    days_late: int
    days_text: str
    legal_reference: str
    explanation: str
    legal_last_day: date | None
    rule_id: str


class ObligationsOut(Out):
    case_id: int
    as_of: date
    obligations: list[ObligationOut]


class ReassignIn(In):
    caseworker_id: int
    reason: str = ""
    expected_version: int | None = None


class AssignmentOut(Out):
    id: int
    case_id: int
    caseworker_id: int
    previous_id: int | None
    assigned_at: LocalDateTime


CASES = "cases"


@router.get("/cases", response={200: Page[CaseOut], 400: ErrorOut, **ERRORS})
def list_cases(
    request: HttpRequest,
    phase: Phase | None = None,
    responsible: str | None = None,
    overdue: bool | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = None,
) -> Page[CaseOut]:
    """Return a page of the cases the caller may read, newest first.

    Filters: ``phase``; ``responsible`` (a user id, or ``me``); ``overdue`` (``true``: a time
    limit of the case has passed, as the work lists count it; ``false``: none has). Pages are
    ``limit`` long (at most 200); ``next`` is the address of the following page. Every case
    shown is written to the audit log (never the filters).
    """
    user = current_user(request)
    require(works_with_cases(user), "Du har inte behörighet att läsa ärenden.")
    filters = {"phase": phase, "responsible": responsible, "overdue": overdue}
    key = read_cursor(CASES, cursor, filters)
    if key is not None and not (len(key) == 1 and isinstance(key[0], int)):
        raise InvalidCursor
    chosen = case_list.select(
        user,
        phase=phase,
        responsible_id=_responsible_id(user, responsible),
        overdue=overdue,
        before=key[0] if key else None,
        limit=limit,
        today=clock.today(),
    )
    items = CaseOut.read_many(chosen.ids)
    glass = read_through_break_glass(user, [c.id for c in items])
    audit.record_list(actor=user, shown=[(c.id, c.child_id) for c in items], break_glass=glass)
    last = [chosen.ids[-1]] if chosen.ids else None
    return page(
        request, CASES, items, limit=limit, more=chosen.more, last_key=last, filters=filters
    )


def _responsible_id(user: User, responsible: str | None) -> int | None:
    """Return the id the ``responsible`` filter names (``me``: the caller), or None."""
    if responsible is None:
        return None
    if responsible == "me":
        return user.pk
    if responsible.isascii() and responsible.isdigit() and len(responsible) <= 18:
        return int(responsible)
    raise InvalidInput.field("responsible", "Ange ett användar-id eller me.")


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS})
def get_case(request: HttpRequest, case_id: int) -> CaseOut:
    """Return the case summary."""
    return CaseOut.read(readable_case(request, case_id).pk)


@router.get("/cases/{case_id}/obligations", response={200: ObligationsOut, **ERRORS})
def get_obligations(
    request: HttpRequest, case_id: int, as_of: date | None = None
) -> ObligationsOut:
    """Return every obligation of the case with its status on ``as_of`` (default today)."""
    case = readable_case(request, case_id)
    day = as_of_day(as_of)
    obligations = [ObligationOut.of(o) for o in case_obligations(case, day)]
    return ObligationsOut(case_id=case.pk, as_of=day, obligations=obligations)


@router.post("/cases/{case_id}/reassign", response={200: AssignmentOut, **ERRORS})
@idempotent(200)
def reassign(request: HttpRequest, case_id: int, payload: ReassignIn) -> AssignmentOut:
    """Make another caseworker responsible for the case (managers only)."""
    user = current_user(request)
    # Asked before the caseworker is looked up, so that a caller who may not assign the case
    # gets 404/403, never a 422 about the caseworker; the service asks again, under its lock.
    require_case(user, case_id, may=can_assign)
    caseworker = User.objects.filter(
        pk=payload.caseworker_id, municipality_id=user.municipality_id
    ).first()
    if caseworker is None:
        raise InvalidInput.field("caseworker_id", "Välj en handläggare i din kommun.")
    assignment = intake.reassign_caseworker(
        acting_user=user,
        case_id=case_id,
        caseworker=caseworker,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return AssignmentOut.of(assignment)


@router.post("/cases/{case_id}/close", response={200: CaseOut, **ERRORS})
@idempotent(200)
def close_case(request: HttpRequest, case_id: int) -> CaseOut:
    """Close the case when nothing in it is still running."""
    act(request, intake.close_case, case_id=case_id)
    return CaseOut.read(case_id)
