"""The reporter's request for feedback through the API (docs/spec/api.md; 19 kap. 6 § SoL)."""

from __future__ import annotations

from datetime import date

from tests.cast import pin_for


def report(api, seed: int, category: str = "school", **reporter) -> dict:
    body = {
        "received_at": "2026-03-02T09:15:00+01:00",
        "channel": "phone",
        "reporter": {"category": category, **reporter},
        "reasons": ["neglect"],
        "children": [{"personal_identity_number": pin_for(date(2015, 5, 17), seed=seed)}],
    }
    return api.post("/reports", body)


def feedback(api, case_id: int, as_of: str) -> list[dict]:
    body = api.get(f"/cases/{case_id}/obligations", as_of=as_of).json()
    return [o for o in body["obligations"] if o["kind"] == "reporter_feedback"]


def test_a_request_in_the_report_or_later_makes_the_feedback_due(cast, frozen_today, api_as):
    api = api_as(cast.alice)
    frozen_today(date(2026, 3, 2))
    asked = report(api, 1, feedback_requested=True)
    assert asked.status_code == 201, asked.json()
    silent = report(api, 2)
    assert silent.status_code == 201, silent.json()
    got = api.get(f"/reports/{asked.json()['id']}").json()["reporter"]
    assert got["feedback_requested_on"] == "2026-03-02"
    assert (
        api.get(f"/reports/{silent.json()['id']}").json()["reporter"]["feedback_requested_on"]
        is None
    )

    frozen_today(date(2026, 3, 12))
    decision = {
        "decided_at": "2026-03-10",
        "outcome": "not_opened",
        "reason": "no_concern_confirmed",
        "child_heard": True,
    }
    (asked_case,) = asked.json()["cases"]
    (silent_case,) = silent.json()["cases"]
    for case in (asked_case, silent_case):
        r = api.post(f"/cases/{case['id']}/preliminary-assessment", decision)
        assert r.status_code == 201, r.json()
    (due,) = feedback(api, asked_case["id"], "2026-03-12")
    assert due["due_date"] == "2026-03-17"  # a week from the decision
    assert feedback(api, silent_case["id"], "2026-03-12") == []

    r = api.post(
        f"/cases/{silent_case['id']}/reporter-feedback-request", {"requested_at": "2026-03-12"}
    )
    assert r.status_code == 201, r.json()
    assert r.json()["requested_at"] == "2026-03-12"
    (due,) = feedback(api, silent_case["id"], "2026-03-12")
    assert due["due_date"] == "2026-03-12"  # asked after the decision: at once
    again = api.post(
        f"/cases/{silent_case['id']}/reporter-feedback-request", {"requested_at": "2026-03-12"}
    )
    assert again.status_code == 409


def test_only_a_mandatory_reporter_can_ask(cast, frozen_today, api_as):
    api = api_as(cast.alice)
    frozen_today(date(2026, 3, 2))
    r = report(api, 3, category="relative", feedback_requested=True)
    assert r.status_code == 422
    assert list(r.json()["errors"]) == ["reporter.feedback_requested"]


def test_feedback_found_inappropriate_meets_the_duty(cast, frozen_today, api_as):
    """19 kap. 6 § andra stycket SoL: met by the exception, with the reason, not overdue."""
    api = api_as(cast.alice)
    frozen_today(date(2026, 3, 2))
    asked = report(api, 4, feedback_requested=True)
    (case,) = asked.json()["cases"]
    frozen_today(date(2026, 3, 20))
    decision = {
        "decided_at": "2026-03-10",
        "outcome": "not_opened",
        "reason": "no_concern_confirmed",
        "child_heard": True,
    }
    assert api.post(f"/cases/{case['id']}/preliminary-assessment", decision).status_code == 201
    (due,) = feedback(api, case["id"], "2026-03-20")
    assert due["status"] == "overdue"
    url = f"/cases/{case['id']}/reporter-feedback-withheld"
    refused = api.post(url, {"decided_at": "2026-03-12", "withheld_reason": ""})
    assert refused.status_code == 422
    assert list(refused.json()["errors"]) == ["withheld_reason"]
    r = api.post(url, {"decided_at": "2026-03-12", "withheld_reason": "Skyddad identitet."})
    assert r.status_code == 201, r.json()
    assert r.json()["withheld_reason"] == "Skyddad identitet."
    (met,) = feedback(api, case["id"], "2026-03-20")
    assert (met["status"], met["met_at"], met["days_text"]) == (
        "met",
        "2026-03-12",
        "undantag registrerat",
    )
    assert "Skyddad identitet." in met["explanation"]
    again = api.post(f"/cases/{case['id']}/reporter-feedback", {"sent_at": "2026-03-13"})
    assert again.status_code == 409
