"""Emergency placements and youth offending (decision 0034): the committee's decisions that a
child may stay longer in a jourhem (22 kap. 4 § SoL 2025:400), the prosecutor's requests for a
statement and the statements sent (11 § LUL), youth community service (18 kap. 8 §).
``GET /cases/{id}/youth-and-emergency`` shows them; the duties are in ``/cases/{id}/obligations``.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router

from skyddsnat.api.access import act, readable_case
from skyddsnat.api.idempotency import idempotent
from skyddsnat.api.schemas import ERRORS, In, Out
from skyddsnat.interventions import care
from skyddsnat.interventions.models import StayExtension

router = Router(tags=["Jourhem och ungdomsärenden"])


class StayExtensionIn(In):
    decided_at: date
    extended_to: date
    reasons: str


class StayExtensionOut(Out):
    id: int
    intervention_id: int
    decided_at: date
    extended_to: date
    reasons: str


class LulRequestIn(In):
    requested_at: date
    due_at: date
    prosecutor_reference: str = ""


class LulSubmittedIn(In):
    submitted_at: date
    planned_measures: str
    expected_version: int | None = None


class LulStatementOut(Out):
    id: int
    case_id: int
    requested_at: date
    due_at: date
    prosecutor_reference: str
    submitted_at: date | None
    planned_measures: str
    version: int


class YouthServiceIn(In):
    final_at: date
    hours: int
    supervisor: str = ""
    work_plan: str = ""


class YouthServiceStartIn(In):
    started_at: date
    supervisor: str
    work_plan: str
    expected_version: int | None = None


class YouthServiceReasonsIn(In):
    recorded_at: date
    special_reasons: str
    expected_version: int | None = None


class YouthServiceOut(Out):
    id: int
    case_id: int
    final_at: date
    hours: int
    supervisor: str
    work_plan: str
    started_at: date | None
    ended_at: date | None
    special_reasons: str
    special_reasons_at: date | None
    version: int


class YouthAndEmergencyOut(Out):
    case_id: int
    stay_extensions: list[StayExtensionOut]
    lul_statements: list[LulStatementOut]
    youth_services: list[YouthServiceOut]


@router.get("/cases/{case_id}/youth-and-emergency", response={200: YouthAndEmergencyOut, **ERRORS})
def youth_and_emergency(request: HttpRequest, case_id: int) -> YouthAndEmergencyOut:
    """The case's jourhem extensions, LUL statements and youth community services."""
    case = readable_case(request, case_id)
    return YouthAndEmergencyOut(
        case_id=case.pk,
        stay_extensions=[
            StayExtensionOut.of(x)
            for x in StayExtension.objects.filter(intervention__case=case).order_by(
                "decided_on", "pk"
            )
        ],
        lul_statements=[LulStatementOut.of(x) for x in case.lul_statements.all()],
        youth_services=[YouthServiceOut.of(x) for x in case.youth_services.all()],
    )


@router.post(
    "/interventions/{intervention_id}/jourhem-extensions",
    response={201: StayExtensionOut, **ERRORS},
)
@idempotent(201)
def extend_jourhem_stay(
    request: HttpRequest, intervention_id: int, payload: StayExtensionIn
) -> StayExtensionOut:
    """Record that the child may stay longer in the jourhem, for special reasons (22 kap. 4 §)."""
    return StayExtensionOut.of(
        act(request, care.extend_jourhem_stay, payload, intervention_id=intervention_id)
    )


@router.post("/cases/{case_id}/lul-statements", response={201: LulStatementOut, **ERRORS})
@idempotent(201)
def register_lul_request(
    request: HttpRequest, case_id: int, payload: LulRequestIn
) -> LulStatementOut:
    """Record the prosecutor's request for a statement (11 § LUL) and the prosecutor's last day."""
    return LulStatementOut.of(act(request, care.register_lul_request, payload, case_id=case_id))


@router.post("/lul-statements/{statement_id}/submitted", response={200: LulStatementOut, **ERRORS})
@idempotent(200)
def submit_lul_statement(
    request: HttpRequest, statement_id: int, payload: LulSubmittedIn
) -> LulStatementOut:
    """Record that the statement was sent, with the measures the committee plans."""
    return LulStatementOut.of(
        act(request, care.submit_lul_statement, payload, statement_id=statement_id)
    )


@router.post("/cases/{case_id}/youth-services", response={201: YouthServiceOut, **ERRORS})
@idempotent(201)
def register_youth_service(
    request: HttpRequest, case_id: int, payload: YouthServiceIn
) -> YouthServiceOut:
    """Record a judgment of youth community service that became final (18 kap. 8 §)."""
    return YouthServiceOut.of(act(request, care.register_youth_service, payload, case_id=case_id))


@router.post("/youth-services/{service_id}/started", response={200: YouthServiceOut, **ERRORS})
@idempotent(200)
def start_youth_service(
    request: HttpRequest, service_id: int, payload: YouthServiceStartIn
) -> YouthServiceOut:
    """Record that the service started, with its work plan and supervisor."""
    return YouthServiceOut.of(
        act(request, care.start_youth_service, payload, service_id=service_id)
    )


@router.post(
    "/youth-services/{service_id}/special-reasons", response={200: YouthServiceOut, **ERRORS}
)
@idempotent(200)
def record_youth_service_special_reasons(
    request: HttpRequest, service_id: int, payload: YouthServiceReasonsIn
) -> YouthServiceOut:
    """Record the special reasons against starting within two months (18 kap. 8 § första
    stycket): the duty to start is then met by the law's exception."""
    return YouthServiceOut.of(
        act(request, care.record_youth_service_special_reasons, payload, service_id=service_id)
    )
