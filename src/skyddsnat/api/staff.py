"""The staff register (*personalregistret*): employment periods and current caseload, read only.

``GET /staff`` (optionally ``?unit_id=``): for a manager, the employment periods of her units
and, per unit, each caseworker's caseload today (open cases, open investigations, placed
children, as ``indicators.caseload`` counts them) with the unit's target; for an administrator,
the periods of her municipality (the accounts they follow are hers; decision 0040) and no
caseload (``caseload`` is ``null``: she reads no figures drawn from cases). Everyone else 403.
The read is audited (``accounts.employment.staff_register``). A handful of rows per unit: not
paginated.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router

from skyddsnat import clock
from skyddsnat.accounts import employment, policy
from skyddsnat.api.auth import current_user
from skyddsnat.api.schemas import ERRORS, Out
from skyddsnat.indicators import caseload

router = Router(tags=["Personal / Staff"])


class EmploymentPeriodOut(Out):
    id: int
    user_id: int
    username: str = Field(validation_alias="user.username")
    name: str
    unit_id: int
    unit_name: str = Field(validation_alias="unit.name")
    role: str
    started_on: date
    ended_on: date | None
    reason_for_leaving: str


class CaseloadOut(Out):
    user_id: int
    name: str
    open_cases: int
    open_investigations: int
    placed_children: int
    over_target: bool


class UnitCaseloadOut(Out):
    unit_id: int
    unit_name: str
    caseload_target: int | None
    on: date
    caseworkers: list[CaseloadOut]


class StaffOut(Out):
    periods: list[EmploymentPeriodOut]
    caseload: list[UnitCaseloadOut] | None


def _name(user: object) -> str:
    return user.get_full_name() or user.username  # type: ignore[attr-defined]


@router.get("/staff", response={200: StaffOut, **ERRORS})
def staff(request: HttpRequest, unit_id: int | None = None) -> StaffOut:
    """Return the staff register the caller reads, and (for a manager) the caseload today."""
    user = current_user(request)
    periods = employment.staff_register(acting_user=user, unit_id=unit_id)
    loads = None
    if policy.sees_staff_caseload(user):
        today = clock.today()
        units = [u for u in employment.own_units(user) if unit_id is None or u.pk == unit_id]
        loads = [
            UnitCaseloadOut(
                unit_id=h.unit.pk,
                unit_name=h.unit.name,
                caseload_target=h.target,
                on=today,
                caseworkers=[
                    CaseloadOut(
                        user_id=row.caseworker.pk,
                        name=_name(row.caseworker),
                        open_cases=row.loads[0].cases,
                        open_investigations=row.loads[0].investigations,
                        placed_children=row.loads[0].placed_children,
                        over_target=row.over_target(h.target)[0],
                    )
                    for row in h.rows
                ],
            )
            for h in caseload.unit_histories(units, today, days=[today])
        ]
    return StaffOut(
        periods=[EmploymentPeriodOut.of(p, name=_name(p.user)) for p in periods],
        caseload=loads,
    )
