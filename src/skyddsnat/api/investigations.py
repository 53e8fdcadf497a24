"""The investigation (*utredning*) of a case: plan, triangle, child conversations, extension, close.

Requests to other actors and the communication to the parties are in ``investigation_contacts``.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from skyddsnat.api.access import writable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, codes
from skyddsnat.cases.choices import DecidedBy
from skyddsnat.investigations import bbic
from skyddsnat.investigations import choices as c
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation

router = Router(tags=["Utredning / Investigation"])

Area = codes(bbic.area_codes())
Rating = codes(c.Rating)
DecidedBy = codes(DecidedBy)
Outcome = codes(c.Outcome)
DelayReason = codes(c.DelayReason)


class InvestigationOut(Schema):
    id: int
    case_id: int
    opened_at: date
    due_date: date
    closed_at: date | None
    outcome: str
    version: int

    @classmethod
    def of(cls, investigation: Investigation) -> InvestigationOut:
        investigation.refresh_from_db()
        return cls(
            id=investigation.pk,
            case_id=investigation.case_id,
            opened_at=investigation.opened_on,
            due_date=investigations.current_due_date(investigation, investigation.closed_on),
            closed_at=investigation.closed_on,
            outcome=investigation.outcome,
            version=investigation.version,
        )


class PlanIn(In):
    questions: str = ""
    contacts: str = ""
    child_participation: str = ""
    expected_version: int | None = None


class TriangleIn(In):
    area: Area
    text: str = ""
    rating: Rating
    sources: list[str] = []
    expected_version: int | None = None


class TriangleOut(Schema):
    id: int
    area: str
    rating: str
    version: int


class ConversationIn(In):
    held_at: date
    alone: bool
    child_view: str
    present: str = ""


class ConversationOut(Schema):
    id: int
    held_at: date
    alone: bool


class ExtensionIn(In):
    decided_at: date
    decided_by: DecidedBy
    reason: str
    new_due_date: date


class ExtensionOut(Schema):
    id: int
    decided_at: date
    decided_by: str
    new_due_date: date


class CloseIn(In):
    closed_at: date
    outcome: Outcome
    analysis: str = ""
    delay_reasons: list[DelayReason] = []
    delay_other_text: str = ""
    support_person_offered: bool = False
    child_view_documented: bool = True
    child_view_not_documented_reason: str = ""


@router.post("/cases/{case_id}/investigation/plan", response={200: InvestigationOut, **ERRORS})
@idempotent(200)
def plan(request: HttpRequest, case_id: int, payload: PlanIn) -> InvestigationOut:
    """Write the investigation plan (*utredningsplan*)."""
    user, case = writable_case(request, case_id)
    fields = payload.model_dump()
    return InvestigationOut.of(investigations.update_plan(acting_user=user, case=case, **fields))


@router.post("/cases/{case_id}/investigation/triangle", response={200: TriangleOut, **ERRORS})
@idempotent(200)
def triangle(request: HttpRequest, case_id: int, payload: TriangleIn) -> TriangleOut:
    """Document one BBIC sub-area (``side.area``): text, rating and sources."""
    user, case = writable_case(request, case_id)
    row = investigations.assess_triangle_area(acting_user=user, case=case, **payload.model_dump())
    return TriangleOut(id=row.pk, area=row.area, rating=row.rating, version=row.version)


@router.post(
    "/cases/{case_id}/investigation/child-conversations", response={201: ConversationOut, **ERRORS}
)
@idempotent(201)
def child_conversation(
    request: HttpRequest, case_id: int, payload: ConversationIn
) -> ConversationOut:
    """Record a conversation with the child (*barnsamtal*) and the child's view."""
    user, case = writable_case(request, case_id)
    fields = payload.model_dump(exclude={"held_at"})
    talk = investigations.record_child_conversation(
        acting_user=user, case=case, held_on=payload.held_at, **fields
    )
    return ConversationOut(id=talk.pk, held_at=talk.held_on, alone=talk.alone)


@router.post("/cases/{case_id}/investigation/extensions", response={201: ExtensionOut, **ERRORS})
@idempotent(201)
def extension(request: HttpRequest, case_id: int, payload: ExtensionIn) -> ExtensionOut:
    """Record the decision to extend the investigation; the new due date replaces the old."""
    user, case = writable_case(request, case_id)
    made = investigations.extend_investigation(
        acting_user=user,
        case=case,
        decided_on=payload.decided_at,
        decided_by=payload.decided_by,
        reason=payload.reason,
        new_due_date=payload.new_due_date,
    )
    return ExtensionOut(
        id=made.pk,
        decided_at=made.decided_on,
        decided_by=made.decided_by,
        new_due_date=made.new_due_date,
    )


@router.post("/cases/{case_id}/investigation/close", response={200: InvestigationOut, **ERRORS})
@idempotent(200)
def close(request: HttpRequest, case_id: int, payload: CloseIn) -> InvestigationOut:
    """Close the investigation with its outcome; it is signed and frozen from now on."""
    user, case = writable_case(request, case_id)
    fields = payload.model_dump(exclude={"closed_at"})
    data = investigations.CloseInput(closed_on=payload.closed_at, **fields)
    return InvestigationOut.of(
        investigations.close_investigation(acting_user=user, case=case, data=data)
    )
