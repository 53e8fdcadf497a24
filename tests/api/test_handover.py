"""The hand-over from intake through the API: the queue "Att fördela" or a named caseworker."""

from __future__ import annotations

from datetime import date

from tests.api.test_feedback_request import report

OPENED = {"decided_at": "2026-03-10", "outcome": "opened", "child_heard": True}


def test_an_opened_investigation_goes_to_the_queue_or_the_named_caseworker(
    cast, frozen_today, api_as
):
    api = api_as(cast.ida)
    frozen_today(date(2026, 3, 12))
    (queued,) = report(api, 1).json()["cases"]
    (named,) = report(api, 2).json()["cases"]

    r = api.post(f"/cases/{queued['id']}/preliminary-assessment", OPENED)
    assert r.status_code == 201, r.json()
    assert (r.json()["unit_id"], r.json()["responsible_id"]) == (cast.inv_unit.pk, None)

    body = {**OPENED, "caseworker_id": cast.bob.pk}
    r = api.post(f"/cases/{named['id']}/preliminary-assessment", body)
    assert r.status_code == 201, r.json()
    assert (r.json()["unit_id"], r.json()["responsible_id"]) == (cast.inv_unit.pk, cast.bob.pk)


def test_a_caseworker_outside_the_investigation_units_is_refused(cast, frozen_today, api_as):
    api = api_as(cast.ida)
    frozen_today(date(2026, 3, 12))
    (case,) = report(api, 1).json()["cases"]
    body = {**OPENED, "caseworker_id": cast.carl.pk}
    r = api.post(f"/cases/{case['id']}/preliminary-assessment", body)
    assert r.status_code == 422, r.json()
    assert r.json()["errors"]["caseworker"] == [
        "Välj en aktiv handläggare i en utredningsenhet i din kommun."
    ]
