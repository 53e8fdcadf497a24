"""``GET /api/v1/staff``: the staff register. A manager reads her units' employment periods and
her caseworkers' caseload today; the administrator her municipality's periods and no caseload;
everyone else 403. The read is audited."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.accounts.models import EmploymentPeriod
from skyddsnat.audit.models import AuditEvent
from tests.cast import local, pin_for
from tests.services.flow import case_about, open_investigation

D = date.fromisoformat


@pytest.fixture
def register(cast, frozen_today):
    def period(user, unit, start, end=None, reason=""):
        return EmploymentPeriod.objects.create(
            user=user,
            unit=unit,
            role=user.role,
            started_on=D(start),
            ended_on=D(end) if end else None,
            reason_for_leaving=reason,
        )

    period(cast.alice, cast.inv_unit, "2024-01-01")
    period(cast.bob, cast.inv_unit, "2020-01-01", "2025-12-31", "resigned")
    period(cast.carl, cast.intake_unit, "2023-01-01")
    period(cast.sara, cast.soderby_unit, "2023-01-01")
    frozen_today(D("2026-03-02"))
    case = case_about(cast.alice, local(2026, 3, 2, 9), pin_for(D("2014-02-02")))
    frozen_today(D("2026-03-03"))
    open_investigation(cast.alice, case, D("2026-03-03"))
    cast.inv_unit.caseload_target = 1
    cast.inv_unit.save()


def _periods(body):
    return sorted((p["username"], p["unit_name"], p["started_on"], p["ended_on"]) for p in body)


def test_a_manager_reads_her_units_periods_and_caseload(cast, api_as, register):
    response = api_as(cast.maja).get("/staff")
    assert response.status_code == 200
    body = response.json()
    assert _periods(body["periods"]) == [
        ("alice", "Utredning barn", "2024-01-01", None),
        ("bob", "Utredning barn", "2020-01-01", "2025-12-31"),
    ]
    [unit] = body["caseload"]
    assert (unit["unit_name"], unit["caseload_target"], unit["on"]) == (
        "Utredning barn",
        1,
        "2026-03-03",
    )
    loads = {c["name"]: c for c in unit["caseworkers"]}
    # Members today: Alice and Bob (Bob's period has ended, but he is still a member).
    assert sorted(loads) == ["Alice Testsson", "Bob Testsson"]
    alice = loads["Alice Testsson"]
    assert (alice["open_cases"], alice["open_investigations"], alice["placed_children"]) == (
        1,
        1,
        0,
    )
    assert alice["over_target"] is False
    [read] = AuditEvent.objects.filter(action="read", detail__startswith="employment=register")
    assert (read.actor, read.detail) == (cast.maja, "employment=register;unit=-;rows=2")


def test_the_administrator_reads_her_municipalitys_periods_without_caseload(cast, api_as, register):
    body = api_as(cast.adam).get("/staff").json()
    assert [p[0] for p in _periods(body["periods"])] == ["alice", "bob", "carl"]
    assert body["caseload"] is None
    only = api_as(cast.adam).get("/staff", unit_id=cast.intake_unit.pk).json()
    assert [p["username"] for p in only["periods"]] == ["carl"]


@pytest.mark.parametrize("who", ["alice", "bob", "carl", "ida", "nils", "ana", "sara"])
def test_everyone_else_is_refused(cast, api_as, register, who):
    response = api_as(getattr(cast, who)).get("/staff")
    assert response.status_code == 403
    assert "enhetschefer" in response.json()["detail"]


def test_without_a_token_it_is_401(api_as, register):
    assert api_as(None).get("/staff").status_code == 401
