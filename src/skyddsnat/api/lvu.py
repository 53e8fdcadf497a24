"""The LVU court path and LVU measures (*LVU*): applications for care, judgments, a
court-granted extension of the LVU 8 § time, measures with their reviews, and the follow-up
after LVU care. ``GET /cases/{id}/lvu`` shows them; the duties are in ``/cases/{id}/obligations``.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from skyddsnat.api.access import act, readable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out, codes
from skyddsnat.interventions import choices as c
from skyddsnat.interventions import lvu

router = Router(tags=["LVU"])

MeasureKind = codes(c.LvuMeasureKind)


class CourtCaseIn(In):
    applied_at: date
    basis: str


class JudgmentIn(In):
    judgment_at: date
    granted: bool
    appealed: bool = False
    final_at: date | None = None
    expected_version: int | None = None


class CareStartedIn(In):
    started_at: date


class CourtCaseOut(Out):
    id: int
    case_id: int
    emergency_custody_id: int | None
    basis: str
    applied_at: date
    judgment_at: date | None
    granted: bool | None
    appealed: bool
    final_at: date | None
    care_started_at: date | None
    version: int


class CareApplicationExtensionIn(In):
    granted_at: date
    extended_to: date


class EmergencyCustodyOut(Out):
    id: int
    case_id: int
    decided_at: date
    carried_out_at: date | None
    court_submitted_at: date | None
    care_applied_at: date | None
    extension_granted_at: date | None
    application_extended_to: date | None


class MeasureIn(In):
    kind: MeasureKind
    decided_at: date
    by_court: bool = False
    note: str = ""


class MeasureOut(Out):
    id: int
    case_id: int
    kind: str
    decided_at: date
    by_court: bool
    ended_at: date | None
    version: int


class TemporaryBanCourtIn(In):
    court_submitted_at: date | None = None
    confirmed_at: date | None = None
    ban_applied_at: date | None = None
    extension_granted_at: date | None = None
    application_extended_to: date | None = None
    expected_version: int | None = None


class TemporaryBanOut(MeasureOut):
    court_submitted_at: date | None
    confirmed_at: date | None
    ban_applied_at: date | None
    extension_granted_at: date | None
    application_extended_to: date | None


class MeasureReviewIn(In):
    held_at: date
    still_needed: bool
    note: str = ""


class MeasureReviewOut(Out):
    id: int
    measure_id: int
    held_at: date
    still_needed: bool


class MeasureEndIn(In):
    ended_at: date
    expected_version: int | None = None


class LvuFollowUpIn(In):
    started_at: date
    note: str = ""


class LvuFollowUpEndIn(In):
    ended_at: date


class LvuFollowUpOut(Out):
    id: int
    case_id: int
    intervention_id: int
    started_at: date
    ended_at: date | None


class LvuOut(Out):
    case_id: int
    court_cases: list[CourtCaseOut]
    measures: list[TemporaryBanOut]
    follow_ups: list[LvuFollowUpOut]


@router.get("/cases/{case_id}/lvu", response={200: LvuOut, **ERRORS})
def lvu_of_case(request: HttpRequest, case_id: int) -> LvuOut:
    """Return the case's applications for care under LVU, LVU measures and follow-ups."""
    case = readable_case(request, case_id)
    return LvuOut(
        case_id=case.pk,
        court_cases=[CourtCaseOut.of(x) for x in case.lvu_court_cases.all()],
        measures=[TemporaryBanOut.of(m) for m in case.lvu_measures.all()],
        follow_ups=[LvuFollowUpOut.of(f) for f in case.lvu_follow_ups.all()],
    )


@router.post("/cases/{case_id}/lvu/court-cases", response={201: CourtCaseOut, **ERRORS})
@idempotent(201)
def apply_for_care(request: HttpRequest, case_id: int, payload: CourtCaseIn) -> CourtCaseOut:
    """Record the application to the administrative court for care under LVU (4 §)."""
    return CourtCaseOut.of(act(request, lvu.apply_for_lvu_care, payload, case_id=case_id))


@router.post("/lvu/court-cases/{court_case_id}/judgment", response={200: CourtCaseOut, **ERRORS})
@idempotent(200)
def judgment(request: HttpRequest, court_case_id: int, payload: JudgmentIn) -> CourtCaseOut:
    """Record the court's judgment: date, granted or not, appealed, the day it became final."""
    return CourtCaseOut.of(
        act(request, lvu.record_lvu_judgment, payload, court_case_id=court_case_id)
    )


@router.post(
    "/lvu/court-cases/{court_case_id}/care-started", response={200: CourtCaseOut, **ERRORS}
)
@idempotent(200)
def care_started(request: HttpRequest, court_case_id: int, payload: CareStartedIn) -> CourtCaseOut:
    """Record that care under LVU started (5 §: within four weeks of the final judgment)."""
    return CourtCaseOut.of(
        act(request, lvu.record_lvu_care_started, payload, court_case_id=court_case_id)
    )


@router.post(
    "/emergency-custodies/{custody_id}/extension", response={200: EmergencyCustodyOut, **ERRORS}
)
@idempotent(200)
def application_extension(
    request: HttpRequest, custody_id: int, payload: CareApplicationExtensionIn
) -> EmergencyCustodyOut:
    """Record the court's extension of the time to apply for care (LVU 8 § andra stycket)."""
    return EmergencyCustodyOut.of(
        act(request, lvu.record_application_extension, payload, custody_id=custody_id)
    )


@router.post("/cases/{case_id}/lvu/measures", response={201: MeasureOut, **ERRORS})
@idempotent(201)
def decide_measure(request: HttpRequest, case_id: int, payload: MeasureIn) -> MeasureOut:
    """Record an LVU measure (14, 22, 24 or 31 a §)."""
    return MeasureOut.of(act(request, lvu.decide_lvu_measure, payload, case_id=case_id))


@router.post("/lvu/measures/{measure_id}/reviews", response={201: MeasureReviewOut, **ERRORS})
@idempotent(201)
def review_measure(
    request: HttpRequest, measure_id: int, payload: MeasureReviewIn
) -> MeasureReviewOut:
    """Record a consideration of the measure; not needed any more ends it."""
    return MeasureReviewOut.of(act(request, lvu.review_lvu_measure, payload, measure_id=measure_id))


@router.post("/lvu/measures/{measure_id}/end", response={200: MeasureOut, **ERRORS})
@idempotent(200)
def end_measure(request: HttpRequest, measure_id: int, payload: MeasureEndIn) -> MeasureOut:
    """Record that the measure ended."""
    return MeasureOut.of(act(request, lvu.end_lvu_measure, payload, measure_id=measure_id))


@router.post(
    "/interventions/{intervention_id}/lvu-follow-up", response={201: LvuFollowUpOut, **ERRORS}
)
@idempotent(201)
def start_lvu_follow_up(
    request: HttpRequest, intervention_id: int, payload: LvuFollowUpIn
) -> LvuFollowUpOut:
    """Start the follow-up after LVU care ended (21 b §)."""
    return LvuFollowUpOut.of(
        act(request, lvu.start_lvu_follow_up, payload, intervention_id=intervention_id)
    )


@router.post("/lvu/follow-ups/{lvu_follow_up_id}/end", response={200: LvuFollowUpOut, **ERRORS})
@idempotent(200)
def end_lvu_follow_up(
    request: HttpRequest, lvu_follow_up_id: int, payload: LvuFollowUpEndIn
) -> LvuFollowUpOut:
    """End the follow-up after LVU care (21 c §: at most six months)."""
    return LvuFollowUpOut.of(
        act(request, lvu.end_lvu_follow_up, payload, follow_up_id=lvu_follow_up_id)
    )


@router.post("/lvu/measures/{measure_id}/court", response={200: TemporaryBanOut, **ERRORS})
@idempotent(200)
def temporary_ban_court(
    request: HttpRequest, measure_id: int, payload: TemporaryBanCourtIn
) -> TemporaryBanOut:
    """Record a temporary ban's court path: submitted (28 §, 31 e §), confirmed, the application
    for the ban (29 §, 31 f §) and a court-granted extension (31 f §, travel ban only)."""
    return TemporaryBanOut.of(
        act(request, lvu.record_temporary_ban_court_steps, payload, measure_id=measure_id)
    )
