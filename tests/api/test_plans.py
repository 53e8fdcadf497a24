"""``/interventions/{id}/plans``: save, sign and revise a placement's plans through the API; the
plans' duties in ``/cases/{id}/obligations``."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.plans.models import Plan
from tests.cast import pin_for
from tests.services.flow import decide, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def placement(cast, frozen_today):
    frozen_today(date(2026, 7, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    return decide(cast.alice, case, date(2026, 6, 1))


BODY = {
    "drawn_up_at": "2026-06-01",
    "review_at": "2026-12-01",
    "goals": {"child_development.health": "Tandläkarbesök före jul."},
    "child_view": "Vill ha eget rum.",
    "responsibilities": "Regionen: tandvård. Familjehemmet: följer med.",
    "child_participated": True,
}


def test_save_sign_and_revise_through_the_api(cast, api_as, placement):
    api = api_as(cast.alice)
    path = f"/interventions/{placement.pk}/plans"
    saved = api.post(f"{path}/care_plan", BODY, key="k1")
    assert saved.status_code == 200, saved.content
    assert saved.json()["number"] == 1 and saved.json()["signed_at"] is None
    signed = api.post(f"{path}/care_plan/sign", {"expected_version": 1}, key="k2")
    assert signed.status_code == 200 and signed.json()["signed_at"]
    revision = api.post(f"{path}/care_plan", {**BODY, "child_view": "Nöjd."}, key="k3")
    assert revision.json()["number"] == 2
    listed = api.get(path).json()
    assert [(p["kind"], p["number"], bool(p["signed_at"])) for p in listed["plans"]] == [
        ("care_plan", 1, True),
        ("care_plan", 2, False),
    ]


def test_the_plans_duties_are_in_the_obligations(cast, api_as, placement):
    api = api_as(cast.alice)
    kinds = {
        o["kind"]: o
        for o in api.get(f"/cases/{placement.case_id}/obligations").json()["obligations"]
    }
    assert kinds["care_plan"]["status"] == "overdue"
    assert "9 kap. 12 §" in kinds["care_plan"]["legal_reference"]
    assert kinds["implementation_plan"]["due_date"] == "2026-07-01"
    assert kinds["care_plan_revision"]["due_date"] == "2028-06-01"


def test_errors_are_the_contracts_json(cast, api_as, placement):
    api = api_as(cast.alice)
    path = f"/interventions/{placement.pk}/plans"
    bad = api.post(f"{path}/care_plan", {**BODY, "review_at": "2026-05-01"})
    assert bad.status_code == 422
    assert "review_on" in bad.json()["errors"] or "review_at" in bad.json()["errors"]
    assert api.post(f"{path}/care_plan/sign", {}).status_code == 409  # nothing to sign
    assert api.post(f"{path}/nonsense", BODY).status_code == 422
    assert api_as(cast.sara).get(path).status_code == 404
    assert api_as(cast.ida).post(f"{path}/care_plan", BODY).status_code == 403
    assert not Plan.objects.exists()
