"""``Idempotency-Key``: a retried POST returns the first answer and creates nothing twice."""

from __future__ import annotations

import json
from datetime import date

import pytest

from skyddsnat.cases.models import Case
from skyddsnat.intake.models import Report
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report


@pytest.fixture
def body():
    return {
        "received_at": "2026-03-02T09:15:00+01:00",
        "channel": "phone",
        "reporter": {"category": "school"},
        "reasons": ["neglect"],
        "children": [{"personal_identity_number": pin_for(date(2015, 5, 17))}],
    }


@pytest.fixture(autouse=True)
def _today(frozen_today):
    frozen_today(date(2026, 3, 20))


def test_the_same_key_and_body_replay_the_first_answer(cast, api_as, body):
    api = api_as(cast.ida)
    first = api.post("/reports", body, key="rapport-1")
    again = api.post("/reports", body, key="rapport-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == 1
    assert Case.objects.count() == 1


def test_the_body_is_compared_as_json_not_as_bytes(cast, api_as, body):
    api = api_as(cast.ida)
    first = api.post("/reports", body, key="k")
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=2)
    again = api.client.post(
        "/api/v1/reports", reordered, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert again.json()["id"] == first.json()["id"]
    assert Report.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(cast, api_as, body):
    api = api_as(cast.ida)
    api.post("/reports", body, key="k")
    r = api.post("/reports", {**body, "channel": "letter"}, key="k")
    assert r.status_code == 422
    assert "Nyckeln har redan använts" in r.json()["errors"]["Idempotency-Key"][0]
    assert Report.objects.count() == 1


def test_the_key_belongs_to_the_user(cast, api_as, body):
    api_as(cast.ida).post("/reports", body, key="k")
    assert api_as(cast.carl).post("/reports", body, key="k").status_code == 201
    assert Report.objects.count() == 2


def test_a_failed_request_does_not_use_up_the_key(cast, api_as, body):
    api = api_as(cast.ida)
    assert api.post("/reports", {**body, "reasons": []}, key="k").status_code == 422
    assert api.post("/reports", body, key="k").status_code == 201
    assert Report.objects.count() == 1


def test_a_retried_close_replays_instead_of_409(cast, api_as):
    case = report(cast.alice, local(2026, 3, 2), [pin_for(date(2014, 1, 2))]).cases.get()
    open_investigation(cast.alice, case, date(2026, 3, 10))
    api = api_as(cast.alice)
    body = {"closed_at": "2026-03-20", "outcome": "no_intervention", "incomplete_reason": "Test."}
    first = api.post(f"/cases/{case.pk}/investigation/close", body, key="close-1")
    again = api.post(f"/cases/{case.pk}/investigation/close", body, key="close-1")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert api.post(f"/cases/{case.pk}/investigation/close", body).status_code == 409


def test_an_overlong_key_is_refused(cast, api_as, body):
    r = api_as(cast.ida).post("/reports", body, key="x" * 300)
    assert r.status_code == 422
    assert "Idempotency-Key" in r.json()["errors"]
    assert Report.objects.count() == 0
