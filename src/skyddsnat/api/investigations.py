"""The investigation (*utredning*) of a case: plan, triangle, child conversations, extension, close.

Requests to other actors and the communication to the parties are in ``investigation_contacts``.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from skyddsnat.api.access import act
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out, codes
from skyddsnat.cases.choices import Basis, DecidedBy, Kind
from skyddsnat.investigations import bbic
from skyddsnat.investigations import choices as c
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import Investigation

router = Router(tags=["Utredning / Investigation"])

#: Every version's sub-areas: the service checks the one of the investigation's own version.
Area = codes(bbic.all_area_codes())
Rating = codes(c.Rating)
DecidedBy = codes(DecidedBy)
Outcome = codes(c.Outcome)
DelayReason = codes(c.DelayReason)
ProposedBasis = codes(Basis)
ProposedKind = codes(k for k in Kind.values if k != Kind.HELP_WITHOUT_ASSESSMENT)


class InvestigationOut(Out):
    id: int
    case_id: int
    opened_at: date
    due_date: date
    closed_at: date | None
    outcome: str
    #: What the investigation proposes, when it closed with an intervention to decide.
    proposed_basis: str | None
    proposed_kind: str | None
    #: The BBIC version its triangle is documented in (from its opening day; decision 0044).
    bbic_version: str
    version: int

    @classmethod
    def read(cls, investigation: Investigation) -> InvestigationOut:
        """Return the investigation as stored, with its due date after the extensions."""
        investigation.refresh_from_db()
        due_date = investigations.current_due_date(investigation, investigation.closed_on)
        return cls.of(investigation, due_date=due_date)


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
    #: "Gäller alla syskon i anmälan": a family sub-area (``parenting_capacity.*``,
    #: ``family_environment.*``) written into every open investigation of the report's other
    #: children that the caller may change (decision 0037).
    for_siblings: bool = False


class TriangleOut(Out):
    id: int
    area: str
    rating: str
    version: int
    shared: bool


class ConversationIn(In):
    held_at: date
    alone: bool
    child_view: str
    present: str = ""


class ConversationOut(Out):
    id: int
    held_at: date
    alone: bool


class ExtensionIn(In):
    decided_at: date
    decided_by: DecidedBy
    reason: str
    new_due_date: date


class ExtensionOut(Out):
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
    #: Required when BBIC areas are undocumented or the material was not communicated.
    incomplete_reason: str = ""
    #: The intervention proposed (outcome ``intervention`` or ``lvu_application`` only): the
    #: decision after the investigation starts from it.
    proposed_basis: ProposedBasis | None = None
    proposed_kind: ProposedKind | None = None


@router.post("/cases/{case_id}/investigation/plan", response={200: InvestigationOut, **ERRORS})
@idempotent(200)
def plan(request: HttpRequest, case_id: int, payload: PlanIn) -> InvestigationOut:
    """Write the investigation plan (*utredningsplan*)."""
    return InvestigationOut.read(act(request, investigations.update_plan, payload, case_id=case_id))


@router.post("/cases/{case_id}/investigation/triangle", response={200: TriangleOut, **ERRORS})
@idempotent(200)
def triangle(request: HttpRequest, case_id: int, payload: TriangleIn) -> TriangleOut:
    """Document one BBIC sub-area (``side.area``): text, rating and sources."""
    return TriangleOut.of(
        act(request, investigations.assess_triangle_area, payload, case_id=case_id)
    )


@router.post(
    "/cases/{case_id}/investigation/child-conversations", response={201: ConversationOut, **ERRORS}
)
@idempotent(201)
def child_conversation(
    request: HttpRequest, case_id: int, payload: ConversationIn
) -> ConversationOut:
    """Record a conversation with the child (*barnsamtal*) and the child's view."""
    return ConversationOut.of(
        act(request, investigations.record_child_conversation, payload, case_id=case_id)
    )


@router.post("/cases/{case_id}/investigation/extensions", response={201: ExtensionOut, **ERRORS})
@idempotent(201)
def extension(request: HttpRequest, case_id: int, payload: ExtensionIn) -> ExtensionOut:
    """Record the decision to extend the investigation; the new due date replaces the old."""
    return ExtensionOut.of(
        act(request, investigations.extend_investigation, payload, case_id=case_id)
    )


@router.post("/cases/{case_id}/investigation/close", response={200: InvestigationOut, **ERRORS})
@idempotent(200)
def close(request: HttpRequest, case_id: int, payload: CloseIn) -> InvestigationOut:
    """Close the investigation with its outcome; it is signed and frozen from now on."""
    data = investigations.CloseInput(
        **payload.arguments(
            proposed_basis=payload.proposed_basis or "", proposed_kind=payload.proposed_kind or ""
        )
    )
    return InvestigationOut.read(
        act(request, investigations.close_investigation, case_id=case_id, data=data)
    )
