"""The temporary LVU bans' court path (``POST /lvu/measures/{id}/court``) and protected housing
without consent (``/cases/{id}/protected-housing``, lag 2024:79) through the API; the new kinds
in ``/cases/{id}/obligations``."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.people.models import Guardian, GuardianRelation
from tests.cast import pin_for
from tests.services.flow import decide, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 9, 2))
    return investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))


def _obligations(api, case_id: int) -> dict[str, dict]:
    answer = api.get(f"/cases/{case_id}/obligations").json()["obligations"]
    return {o["kind"]: o for o in answer}


def test_a_temporary_travel_ban_through_the_api(cast, api_as, case):
    api = api_as(cast.alice)
    decided = api.post(
        f"/cases/{case.pk}/lvu/measures",
        {"kind": "temporary_travel_ban", "decided_at": "2026-08-20"},
    )
    assert decided.status_code == 201, decided.content
    measure = decided.json()["id"]
    submission = _obligations(api, case.pk)["lvu_temporary_travel_ban_submission"]
    assert (submission["due_date"], submission["status"]) == ("2026-08-27", "overdue")
    court = api.post(
        f"/lvu/measures/{measure}/court",
        {"court_submitted_at": "2026-08-24", "confirmed_at": "2026-08-28"},
    )
    assert court.status_code == 200, court.content
    assert court.json()["confirmed_at"] == "2026-08-28"
    obligations = _obligations(api, case.pk)
    assert obligations["lvu_temporary_travel_ban_submission"]["status"] == "met"
    assert obligations["lvu_travel_ban_application"]["due_date"] == "2026-09-25"
    refused = api.post(f"/lvu/measures/{measure}/court", {"court_submitted_at": "2026-08-25"})
    assert refused.status_code == 422
    shown = api.get(f"/cases/{case.pk}/lvu").json()["measures"]
    assert shown[0]["court_submitted_at"] == "2026-08-24"


def test_protected_housing_without_consent_through_the_api(cast, api_as, case):
    api = api_as(cast.alice)
    guardians = []
    for first, sex in (("Lena", "girl"), ("Per", "boy")):
        guardian = Guardian.objects.create(
            municipality=case.municipality,
            personal_identity_number=pin_for(date(1984, 2, 2), sex),
            first_name=first,
            last_name="Förälder",
        )
        GuardianRelation.objects.create(child=case.child, guardian=guardian)
        guardians.append(guardian)
    placement = decide(
        cast.alice, case, date(2026, 6, 5), kind="protected_housing", guardian_consent="refused"
    )
    recorded = api.post(
        f"/cases/{case.pk}/protected-housing",
        {
            "non_consenting_guardian_id": guardians[1].pk,
            "immediate_decided_at": "2026-06-05",
            "intervention_id": placement.pk,
        },
    )
    assert recorded.status_code == 201, recorded.content
    order = recorded.json()
    assert order["placement_started_at"] == "2026-06-05"
    court = api.post(
        f"/protected-housing/{order['id']}/court",
        {"court_submitted_at": "2026-06-08", "confirmed_at": "2026-06-11"},
    )
    assert court.status_code == 200, court.content
    obligations = _obligations(api, case.pk)
    assert obligations["protected_housing_submission"]["status"] == "met"
    assert obligations["protected_housing_application"]["due_date"] == "2026-07-17"
    assert obligations["protected_housing_consideration"]["due_date"] == "2026-12-05"
    assert "protected_housing_review" not in obligations
    considered = api.post(
        f"/protected-housing/{order['id']}/considerations",
        {"held_at": "2026-09-01", "continues": True},
    )
    assert considered.status_code == 201, considered.content
    assert considered.json()["signed"] is True
    shown = api.get(f"/cases/{case.pk}/protected-housing").json()
    assert [x["held_at"] for x in shown["considerations"]] == ["2026-09-01"]
