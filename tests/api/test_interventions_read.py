"""``GET /cases/{id}/interventions``: the case's interventions with their visits, reviews and
custody-transfer considerations, each with its note as typed (issue 10 item 3)."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from tests.cast import pin_for
from tests.services.flow import decide, investigated_case

ANNA = pin_for(date(2013, 6, 11), "girl")
NOTE = "Anna visade sitt rum.\n\n  Hon vill börja på fotboll.\nFamiljehemmet är positivt."


@pytest.fixture
def placement(cast, frozen_today):
    frozen_today(date(2026, 8, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 2, 2), date(2026, 4, 1))
    return decide(cast.alice, case, date(2026, 4, 1), kind="foster_home")


def test_the_interventions_are_read_back_with_their_notes(cast, api_as, placement):
    api = api_as(cast.alice)
    path = f"/interventions/{placement.pk}"
    visited = api.post(
        f"{path}/visits", {"visited_at": "2026-07-01", "child_talked_alone": True, "note": NOTE}
    )
    assert visited.status_code == 201, visited.content
    assert visited.json()["note"] == NOTE
    reviewed = api.post(f"{path}/reviews", {"held_at": "2026-07-15", "outcome": "continue"})
    assert reviewed.status_code == 201, reviewed.content
    considered = api.post(
        f"{path}/custody-considerations",
        {"considered_at": "2026-07-30", "transfer_proposed": False, "note": "Inte aktuellt."},
    )
    assert considered.status_code == 201, considered.content

    answer = api.get(f"/cases/{placement.case_id}/interventions")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["case_id"] == placement.case_id
    [shown] = body["interventions"]
    assert (shown["id"], shown["kind"], shown["start"]) == (
        placement.pk,
        "foster_home",
        "2026-04-01",
    )
    assert shown["visits"] == [
        {
            "id": visited.json()["id"],
            "intervention_id": placement.pk,
            "visited_at": "2026-07-01",
            "child_talked_alone": True,
            "visited_by_id": cast.alice.pk,
            "note": NOTE,
        }
    ]
    assert [(r["held_at"], r["outcome"], r["note"]) for r in shown["reviews"]] == [
        ("2026-07-15", "continue", "")
    ]
    assert [(c["transfer_proposed"], c["note"]) for c in shown["custody_considerations"]] == [
        (False, "Inte aktuellt.")
    ]
    read = AuditEvent.objects.filter(actor=cast.alice, action="read", case_id=placement.case_id)
    assert read.filter(channel="api").exists()


def test_a_case_without_interventions_answers_an_empty_list(cast, api_as, frozen_today):
    frozen_today(date(2026, 8, 1))
    case = investigated_case(cast.alice, ANNA, date(2026, 2, 2), date(2026, 4, 1))
    answer = api_as(cast.alice).get(f"/cases/{case.pk}/interventions")
    assert answer.status_code == 200
    assert answer.json() == {"case_id": case.pk, "interventions": []}


def test_another_unit_is_refused_and_another_municipality_finds_nothing(cast, api_as, placement):
    path = f"/cases/{placement.case_id}/interventions"
    assert api_as(cast.carl).get(path).status_code == 403
    assert api_as(cast.sara).get(path).status_code == 404
    assert api_as(cast.sara).get("/cases/999999/interventions").status_code == 404
    assert api_as(None).get(path).status_code == 401
