"""``/cases/{id}/lvu`` and the LVU endpoints: the court path, a court-granted extension of the
LVU 8 § time, measures and their reviews, the follow-up after LVU care; the new duties in
``/cases/{id}/obligations``."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.interventions.models import LvuCourtCase, LvuMeasure
from tests.cast import pin_for
from tests.services.flow import decide, end, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 9, 2))
    return investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))


def _obligations(api, case_id: int) -> dict[str, dict]:
    answer = api.get(f"/cases/{case_id}/obligations").json()["obligations"]
    return {o["kind"]: o for o in answer}


def test_the_court_path_through_the_api(cast, api_as, case):
    api = api_as(cast.alice)
    applied = api.post(
        f"/cases/{case.pk}/lvu/court-cases", {"applied_at": "2026-06-02", "basis": "lvu_2"}
    )
    assert applied.status_code == 201, applied.content
    court_case = applied.json()["id"]
    judged = api.post(
        f"/lvu/court-cases/{court_case}/judgment",
        {"judgment_at": "2026-07-01", "granted": True, "final_at": "2026-07-22"},
    )
    assert judged.status_code == 200, judged.content
    assert _obligations(api, case.pk)["lvu_care_start"]["due_date"] == "2026-08-19"
    started = api.post(f"/lvu/court-cases/{court_case}/care-started", {"started_at": "2026-08-01"})
    assert started.json()["care_started_at"] == "2026-08-01"
    assert _obligations(api, case.pk)["lvu_care_start"]["status"] == "met"
    shown = api.get(f"/cases/{case.pk}/lvu").json()
    assert [c["final_at"] for c in shown["court_cases"]] == ["2026-07-22"]


def test_measures_and_their_reviews_through_the_api(cast, api_as, case):
    api = api_as(cast.alice)
    decided = api.post(
        f"/cases/{case.pk}/lvu/measures",
        {"kind": "removal_ban", "decided_at": "2026-06-10", "by_court": True},
    )
    assert decided.status_code == 201, decided.content
    measure = decided.json()["id"]
    assert _obligations(api, case.pk)["lvu_removal_ban_review"]["due_date"] == "2026-09-10"
    reviewed = api.post(
        f"/lvu/measures/{measure}/reviews", {"held_at": "2026-09-01", "still_needed": True}
    )
    assert reviewed.status_code == 201
    assert _obligations(api, case.pk)["lvu_removal_ban_review"]["due_date"] == "2026-12-01"
    ended = api.post(f"/lvu/measures/{measure}/end", {"ended_at": "2026-09-02"})
    assert ended.json()["ended_at"] == "2026-09-02"


def test_the_follow_up_after_lvu_care_through_the_api(cast, api_as, case):
    care = decide(
        cast.alice,
        case,
        date(2026, 6, 1),
        basis="lvu_3",
        guardian_consent="refused",
        child_consent="under_15",
    )
    end(cast.alice, care, date(2026, 8, 1))
    api = api_as(cast.alice)
    assert _obligations(api, case.pk)["lvu_follow_up"]["status"] == "overdue"
    started = api.post(f"/interventions/{care.pk}/lvu-follow-up", {"started_at": "2026-08-20"})
    assert started.status_code == 201, started.content
    assert _obligations(api, case.pk)["lvu_follow_up_end"]["due_date"] == "2027-02-20"
    ended = api.post(f"/lvu/follow-ups/{started.json()['id']}/end", {"ended_at": "2026-09-01"})
    assert ended.status_code == 200


def test_the_decision_takes_its_consent_through_the_api(cast, api_as, case):
    api = api_as(cast.alice)
    body = {
        "decided_at": "2026-06-01",
        "basis": "sol_voluntary",
        "kind": "foster_home",
        "start": "2026-06-01",
        "health_exam_before": True,
        "guardian_consent": "refused",
        "child_consent": "under_15",
    }
    refused = api.post(f"/cases/{case.pk}/interventions", body)
    assert refused.status_code == 422
    assert "LVU" in " ".join(refused.json()["errors"]["guardian_consent"])


def test_errors_and_access(cast, api_as, case):
    api = api_as(cast.alice)
    bad = api.post(
        f"/cases/{case.pk}/lvu/court-cases", {"applied_at": "2026-06-02", "basis": "sol_voluntary"}
    )
    assert bad.status_code == 422 and "basis" in bad.json()["errors"]
    assert api_as(cast.sara).get(f"/cases/{case.pk}/lvu").status_code == 404
    forbidden = api_as(cast.ida).post(
        f"/cases/{case.pk}/lvu/measures",
        {"kind": "compulsory_support", "decided_at": "2026-06-10"},
    )
    assert forbidden.status_code == 403
    assert not LvuMeasure.objects.exists() and not LvuCourtCase.objects.exists()
