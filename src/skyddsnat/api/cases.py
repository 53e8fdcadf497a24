"""Cases (*ärenden*): the summary, the obligations, re-assignment and closing."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.accounts.policy import can_assign, require_case
from skyddsnat.api.access import record_read, writable_case
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, LocalDateTime, codes
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import Case
from skyddsnat.errors import InvalidInput
from skyddsnat.intake import services as intake
from skyddsnat.rules import Obligation, Status

router = Router(tags=["Ärenden / Cases"])

Phase = codes(Phase)
StatusCode = codes(s.value for s in Status)


class CaseOut(Schema):
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
    def of(cls, case: Case) -> CaseOut:
        case = Case.objects.select_related(
            "responsible", "protective_assessment", "preliminary_assessment", "investigation"
        ).get(pk=case.pk)

        def id_of(name: str) -> int | None:
            related = getattr(case, name, None)
            return related.pk if related else None

        return cls(
            id=case.pk,
            child_id=case.child_id,
            report_id=case.report_id,
            unit_id=case.unit_id,
            phase=case.phase,
            responsible_id=case.responsible_id,
            responsible_name=str(case.responsible) if case.responsible else "",
            version=case.version,
            created_at=case.created_at,
            closed_at=case.closed_at,
            joined_to_id=case.joined_to_id,
            protective_assessment_id=id_of("protective_assessment"),
            preliminary_assessment_id=id_of("preliminary_assessment"),
            investigation_id=id_of("investigation"),
            intervention_ids=list(case.interventions.order_by("pk").values_list("pk", flat=True)),
        )


class ObligationOut(Schema):
    """One time limit: its due date, its status on ``as_of``, and the rule in words."""

    kind: str
    title: str
    subject_id: str | None
    sequence: int
    start_date: date
    due_date: date
    status: StatusCode
    status_label: str
    met_at: date | None
    days_left: int
    days_late: int
    days_text: str
    legal_reference: str
    explanation: str
    legal_last_day: date | None
    rule_id: str

    @classmethod
    def of(cls, o: Obligation) -> ObligationOut:
        return cls(
            kind=o.kind,
            title=o.title,
            subject_id=o.subject_id,
            sequence=o.sequence,
            start_date=o.start_date,
            due_date=o.due_date,
            status=o.status.value,
            status_label=o.status.label_sv,
            met_at=o.met_at,
            days_left=o.days_left,
            days_late=o.days_late,
            days_text=o.days_text,
            legal_reference=o.legal_reference,
            explanation=o.explanation,
            legal_last_day=o.legal_last_day,
            rule_id=o.rule_id,
        )


class ObligationsOut(Schema):
    case_id: int
    as_of: date
    obligations: list[ObligationOut]


class ReassignIn(In):
    caseworker_id: int
    reason: str = ""
    expected_version: int | None = None


class AssignmentOut(Schema):
    id: int
    case_id: int
    caseworker_id: int
    previous_id: int | None
    assigned_at: LocalDateTime


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS})
def get_case(request: HttpRequest, case_id: int) -> CaseOut:
    """Return the case summary."""
    user = current_user(request)
    case = require_case(user, case_id)
    record_read(request, user, case, case)
    return CaseOut.of(case)


@router.get("/cases/{case_id}/obligations", response={200: ObligationsOut, **ERRORS})
def get_obligations(
    request: HttpRequest, case_id: int, as_of: date | None = None
) -> ObligationsOut:
    """Return every obligation of the case with its status on ``as_of`` (default today)."""
    user = current_user(request)
    case = require_case(user, case_id)
    day = as_of or clock.today()
    record_read(request, user, case, case)
    items = [ObligationOut.of(o) for o in case_obligations(case, day)]
    return ObligationsOut(case_id=case.pk, as_of=day, obligations=items)


@router.post("/cases/{case_id}/reassign", response={200: AssignmentOut, **ERRORS})
@idempotent(200)
def reassign(request: HttpRequest, case_id: int, payload: ReassignIn) -> AssignmentOut:
    """Make another caseworker responsible for the case (managers only)."""
    user = current_user(request)
    case = require_case(user, case_id, may=can_assign)
    caseworker = User.objects.filter(
        pk=payload.caseworker_id, municipality_id=user.municipality_id
    ).first()
    if caseworker is None:
        raise InvalidInput.field("caseworker_id", "Välj en handläggare i din kommun.")
    assignment = intake.reassign_caseworker(
        acting_user=user,
        case=case,
        caseworker=caseworker,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return AssignmentOut(
        id=assignment.pk,
        case_id=case.pk,
        caseworker_id=assignment.caseworker_id,
        previous_id=assignment.previous_id,
        assigned_at=assignment.assigned_at,
    )


@router.post("/cases/{case_id}/close", response={200: CaseOut, **ERRORS})
@idempotent(200)
def close_case(request: HttpRequest, case_id: int) -> CaseOut:
    """Close the case when nothing in it is still running."""
    user, case = writable_case(request, case_id)
    return CaseOut.of(intake.close_case(acting_user=user, case=case))
