"""The children of one report decided together (decision 0025): the protective assessment,
the preliminary assessment and the reporter feedback for several siblings at once.

Each child still gets its own record; the call writes all of them or none. An error about one
child is named ``children.<case id>.<field>``.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from skyddsnat.api.assessments import (
    FeedbackOut,
    PreliminaryIn,
    PreliminaryOut,
    ProtectiveAction,
    ProtectiveOut,
    ProtectiveOutcome,
)
from skyddsnat.api.auth import current_user
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, DateTime, In
from skyddsnat.cases.models import Case
from skyddsnat.intake import services as intake
from skyddsnat.intake import siblings

router = Router(tags=["Syskon / Siblings"])


class ProtectiveChildIn(In):
    case_id: int
    outcome: ProtectiveOutcome
    action: ProtectiveAction | None = None
    note: str = ""


class ProtectiveTogetherIn(In):
    made_at: DateTime
    children: list[ProtectiveChildIn] = Field(min_length=1)


class PreliminaryChildIn(PreliminaryIn):
    case_id: int


class PreliminaryTogetherIn(In):
    children: list[PreliminaryChildIn] = Field(min_length=1)


class FeedbackTogetherIn(In):
    sent_at: date
    case_ids: list[int] = Field(min_length=1)


class ProtectiveTogetherOut(Schema):
    """One record per child, in the order of the children's case ids."""

    items: list[ProtectiveOut]


class PreliminaryTogetherOut(Schema):
    items: list[PreliminaryOut]


class FeedbackTogetherOut(Schema):
    items: list[FeedbackOut]


@router.post(
    "/reports/{report_id}/protective-assessments",
    response={201: ProtectiveTogetherOut, **ERRORS},
)
@idempotent(201)
def protective_assessments(
    request: HttpRequest, report_id: int, payload: ProtectiveTogetherIn
) -> ProtectiveTogetherOut:
    """Record the protective assessment of several children of the report, all or none."""
    made = siblings.make_protective_assessments(
        acting_user=current_user(request),
        report_id=report_id,
        made_at=payload.made_at,
        children={
            c.case_id: siblings.ProtectiveChoice(c.outcome, c.action or "", c.note)
            for c in payload.children
        },
    )
    return ProtectiveTogetherOut(items=[ProtectiveOut.of(a) for a in made])


@router.post(
    "/reports/{report_id}/preliminary-assessments",
    response={201: PreliminaryTogetherOut, **ERRORS},
)
@idempotent(201)
def preliminary_assessments(
    request: HttpRequest, report_id: int, payload: PreliminaryTogetherIn
) -> PreliminaryTogetherOut:
    """Decide the preliminary assessment of several children of the report, all or none."""
    children = {}
    for child in payload.children:
        fields = child.arguments(reason=child.reason or "")
        fields.pop("case_id")
        children[child.case_id] = intake.PreliminaryInput(**fields)
    decided = siblings.decide_preliminary_assessments(
        acting_user=current_user(request), report_id=report_id, children=children
    )
    cases = Case.objects.select_related("investigation").in_bulk([d.case_id for d in decided])
    out = []
    for d in decided:
        case = cases[d.case_id]
        investigation = getattr(case, "investigation", None)
        out.append(
            PreliminaryOut.of(
                d,
                investigation_id=investigation.pk if investigation else None,
                case_phase=case.phase,
                unit_id=case.unit_id,
                responsible_id=case.responsible_id,
            )
        )
    return PreliminaryTogetherOut(items=out)


@router.post(
    "/reports/{report_id}/reporter-feedback", response={201: FeedbackTogetherOut, **ERRORS}
)
@idempotent(201)
def report_feedback(
    request: HttpRequest, report_id: int, payload: FeedbackTogetherIn
) -> FeedbackTogetherOut:
    """Record one feedback to the mandatory reporter for several children of the report."""
    given = siblings.send_report_feedback(
        acting_user=current_user(request),
        report_id=report_id,
        case_ids=payload.case_ids,
        sent_on=payload.sent_at,
    )
    return FeedbackTogetherOut(items=[FeedbackOut.of(f) for f in given])
