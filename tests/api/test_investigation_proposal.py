"""The API's close endpoint records what the investigation proposes (decision 0037)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from skyddsnat.investigations.models import Investigation
from tests.web.casework import investigation_case

TODAY = date(2026, 9, 1)


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(TODAY)
    return investigation_case(cast.alice, TODAY, opened_days_ago=60)


def test_the_api_closes_with_a_proposal(cast, case, api_as):
    api = api_as(cast.alice)
    body = {
        "closed_at": (TODAY - timedelta(days=1)).isoformat(),
        "outcome": "intervention",
        "incomplete_reason": "Test.",
        "proposed_basis": "sol_voluntary",
        "proposed_kind": "foster_home",
    }
    r = api.post(f"/cases/{case.pk}/investigation/close", body)
    assert r.status_code == 200, r.json()
    assert (r.json()["proposed_basis"], r.json()["proposed_kind"]) == (
        "sol_voluntary",
        "foster_home",
    )
    again = api.post(f"/cases/{case.pk}/investigation/close", {**body, "proposed_kind": "hvb"})
    assert again.status_code == 422  # not a kind
    changed = api.post(
        f"/cases/{case.pk}/investigation/close", {**body, "proposed_kind": "contact_person"}
    )
    assert changed.status_code == 409
    assert Investigation.objects.get(case=case).proposed_kind == "foster_home"


def test_the_api_refuses_a_proposal_with_an_outcome_that_proposes_none(cast, case, api_as):
    r = api_as(cast.alice).post(
        f"/cases/{case.pk}/investigation/close",
        {
            "closed_at": TODAY.isoformat(),
            "outcome": "no_intervention",
            "incomplete_reason": "Test.",
            "proposed_basis": "sol_voluntary",
        },
    )
    assert r.status_code == 422
    assert list(r.json()["errors"]) == ["proposed_basis"]
