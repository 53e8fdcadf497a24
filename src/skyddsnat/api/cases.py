"""Cases (*ärenden*): the summary, the obligations, re-assignment and closing."""

from __future__ import annotations

from datetime import date

from django.db.models import F
from django.http import HttpRequest
from ninja import Field, Router

from skyddsnat import clock
from skyddsnat.accounts.models import User
from skyddsnat.accounts.policy import can_assign, require_case
from skyddsnat.api.access import act, readable_case
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, LocalDateTime, Out, codes
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
        case = (
            Case.objects.select_related("responsible")
            .annotate(
                protective_assessment_id=F("protective_assessment"),
                preliminary_assessment_id=F("preliminary_assessment"),
                investigation_id=F("investigation"),
            )
            .get(pk=case_id)
        )
        return cls.of(
            case,
            responsible_name=str(case.responsible or ""),
            intervention_ids=case.interventions.order_by("pk").values_list("pk", flat=True),
        )


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
    day = as_of or clock.today()
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
