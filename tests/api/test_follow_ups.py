"""``/cases/{id}/follow-ups`` and ``/follow-ups/{id}/end``: the follow-up of a child's situation
through the API (SoL 2025:400 23 kap.), and its last day in ``/cases/{id}/obligations``."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from tests.cast import pin_for
from tests.services.flow import investigated_case

ANNA = pin_for(date(2012, 5, 17), "girl")

BODY = {
    "basis": "after_investigation",
    "decided_at": "2026-03-09",
    "consent": "consented",
    "purpose": "Skolnärvaron och kontakten med BUP.",
    "planned_end_at": "2026-09-01",
    "guardians_informed_at": "2026-03-09",
}


@pytest.fixture
def closed_case(cast, frozen_today):
    frozen_today(date(2026, 3, 10))
    return investigated_case(
        cast.alice, ANNA, date(2026, 1, 5), date(2026, 3, 2), "no_intervention"
    )


def test_decide_list_and_end_a_follow_up(cast, api_as, closed_case):
    api = api_as(cast.alice)
    decided = api.post(f"/cases/{closed_case.pk}/follow-ups", BODY, key="f1")
    assert decided.status_code == 201, decided.content
    body = decided.json()
    assert (body["started_from"], body["planned_end_at"], body["end"]) == (
        "2026-03-02",
        "2026-09-01",
        None,
    )
    assert api.get(f"/cases/{closed_case.pk}").json()["phase"] == "follow_up"
    obligations = api.get(f"/cases/{closed_case.pk}/obligations").json()["obligations"]
    follow = [o for o in obligations if o["kind"] == "follow_up"]
    assert [(o["due_date"], o["status"], o["legal_reference"]) for o in follow] == [
        ("2026-09-02", "open", "23 kap. 5 § SoL (2025:400)")
    ]
    ended = api.post(
        f"/follow-ups/{body['id']}/end",
        {"ended_at": "2026-03-10", "outcome": "no_further_action"},
        key="f2",
    )
    assert ended.status_code == 201, ended.content
    listed = api.get(f"/cases/{closed_case.pk}/follow-ups").json()
    assert listed["follow_ups"][0]["end"]["outcome"] == "no_further_action"
    assert api.get(f"/cases/{closed_case.pk}").json()["phase"] == "closed"
    assert AuditEvent.objects.filter(object_type="followups.followup", action="create").exists()


def test_bad_input_is_a_422_in_swedish(cast, api_as, closed_case):
    api = api_as(cast.alice)
    refused = api.post(
        f"/cases/{closed_case.pk}/follow-ups", {**BODY, "consent": "without_consent"}, key="f3"
    )
    assert refused.status_code == 422
    assert "särskilt behov" in refused.content.decode()


def test_who_may_not_write_gets_403_and_another_municipality_404(cast, api_as, closed_case):
    assert api_as(cast.carl).post(f"/cases/{closed_case.pk}/follow-ups", BODY).status_code == 403
    assert api_as(cast.sara).post(f"/cases/{closed_case.pk}/follow-ups", BODY).status_code == 404
    assert api_as(cast.sara).get(f"/cases/{closed_case.pk}/follow-ups").status_code == 404


def test_best_interests_and_opening_information_through_the_api(cast, api_as, frozen_today):
    from tests.services.flow import decide

    frozen_today(date(2026, 7, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    decision = decide(cast.alice, case, date(2026, 6, 1)).decision
    api = api_as(cast.alice)
    body = {
        "child_view": "Vill bo kvar.",
        "weighing": "Väger tungt.",
        "conclusion": "Fortsatt vård.",
    }
    made = api.post(f"/decisions/{decision.pk}/best-interests", body, key="b1")
    assert made.status_code == 201, made.content
    assert made.json()["signed_at"]
    assert api.post(f"/decisions/{decision.pk}/best-interests", body, key="b2").status_code == 409
    told = api.post(
        f"/cases/{case.pk}/investigation/opening-information",
        {"recipient": "guardians", "informed_at": "2026-03-02", "method": "Brev"},
        key="i1",
    )
    assert told.status_code == 201, told.content
    assert (
        api_as(cast.carl).post(f"/decisions/{decision.pk}/best-interests", body).status_code == 403
    )
