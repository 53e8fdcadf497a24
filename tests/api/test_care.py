"""The jourhem, LUL and youth-service endpoints (decision 0034), and their duties in
``/cases/{id}/obligations``."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cast import pin_for
from tests.services.flow import decide, investigated_case

EMIL = pin_for(date(2010, 2, 3), "boy")


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 9, 2))
    return investigated_case(cast.alice, EMIL, date(2026, 3, 2), date(2026, 5, 29))


def _obligations(api, case_id: int) -> dict[str, dict]:
    answer = api.get(f"/cases/{case_id}/obligations").json()["obligations"]
    return {o["kind"]: o for o in answer}


def test_a_jourhem_stay_extended_through_the_api(cast, api_as, case):
    api = api_as(cast.alice)
    placement = decide(cast.alice, case, date(2026, 6, 1), kind="emergency_foster_home")
    assert _obligations(api, case.pk)["emergency_foster_home_stay"]["due_date"] == "2026-07-29"
    answer = api.post(
        f"/interventions/{placement.pk}/jourhem-extensions",
        {"decided_at": "2026-07-20", "extended_to": "2026-10-31", "reasons": "Familjehem klart."},
    )
    assert answer.status_code == 201, answer.content
    stay = _obligations(api, case.pk)["emergency_foster_home_stay"]
    assert (stay["due_date"], stay["status"]) == ("2026-10-31", "open")
    assert stay["legal_reference"] == "22 kap. 4 § andra stycket SoL (2025:400)"


def test_the_lul_statement_and_youth_service_through_the_api(cast, api_as, case):
    api = api_as(cast.alice)
    requested = api.post(
        f"/cases/{case.pk}/lul-statements",
        {"requested_at": "2026-08-20", "due_at": "2026-09-10", "prosecutor_reference": "AM-1"},
    )
    assert requested.status_code == 201, requested.content
    assert _obligations(api, case.pk)["lul_statement"]["due_date"] == "2026-09-10"
    sent = api.post(
        f"/lul-statements/{requested.json()['id']}/submitted",
        {"submitted_at": "2026-09-01", "planned_measures": "Ungdomstjänst lämplig."},
    )
    assert sent.status_code == 200, sent.content
    assert _obligations(api, case.pk)["lul_statement"]["status"] == "met"
    service = api.post(f"/cases/{case.pk}/youth-services", {"final_at": "2026-08-01", "hours": 30})
    assert service.status_code == 201, service.content
    assert _obligations(api, case.pk)["youth_service_start"]["due_date"] == "2026-10-01"
    bad = api.post(
        f"/youth-services/{service.json()['id']}/started",
        {"started_at": "2026-09-01", "supervisor": "", "work_plan": ""},
    )
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"supervisor", "work_plan"}
    shown = api.get(f"/cases/{case.pk}/youth-and-emergency").json()
    assert [s["hours"] for s in shown["youth_services"]] == [30]
    assert [s["submitted_at"] for s in shown["lul_statements"]] == ["2026-09-01"]


def test_special_reasons_meet_the_youth_service_start_through_the_api(cast, api_as, case):
    """18 kap. 8 § första stycket SoL: the special reasons meet the duty and are explained."""
    api = api_as(cast.alice)
    service = api.post(f"/cases/{case.pk}/youth-services", {"final_at": "2026-06-01", "hours": 30})
    assert _obligations(api, case.pk)["youth_service_start"]["status"] == "overdue"
    answer = api.post(
        f"/youth-services/{service.json()['id']}/special-reasons",
        {"recorded_at": "2026-07-20", "special_reasons": "Den unge vårdas på sjukhus."},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["special_reasons_at"] == "2026-07-20"
    duty = _obligations(api, case.pk)["youth_service_start"]
    assert (duty["status"], duty["met_at"]) == ("met", "2026-07-20")
    assert "Den unge vårdas på sjukhus." in duty["explanation"]
    assert duty["days_text"] == "undantag registrerat"
    again = api.post(
        f"/youth-services/{service.json()['id']}/special-reasons",
        {"recorded_at": "2026-07-21", "special_reasons": "Igen."},
    )
    assert again.status_code == 409


def test_another_municipality_sees_nothing(cast, api_as, case):
    api = api_as(cast.sara)
    assert api.get(f"/cases/{case.pk}/youth-and-emergency").status_code == 404
    answer = api.post(
        f"/cases/{case.pk}/lul-statements", {"requested_at": "2026-08-20", "due_at": "2026-09-10"}
    )
    assert answer.status_code == 404
