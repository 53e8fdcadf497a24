"""The API writes a family sub-area for the siblings of a report (decision 0037)."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.investigations.models import TriangleAssessment
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report


@pytest.fixture
def siblings(cast, frozen_today):
    frozen_today(date(2026, 2, 10))
    numbers = [pin_for(date(2015, 5, 17), "girl"), pin_for(date(2017, 3, 2), "boy", seed=2)]
    cases = list(report(cast.alice, local(2026, 1, 20), numbers).cases.order_by("pk"))
    for case in cases:
        open_investigation(cast.alice, case, date(2026, 1, 31))
    return cases


def test_the_api_writes_the_familys_area_for_the_siblings(cast, siblings, api_as):
    anna, bo = siblings
    body = {
        "area": "family_environment.housing_finances",
        "text": "Trångbott men stabilt.",
        "rating": "concern",
        "for_siblings": True,
    }
    r = api_as(cast.alice).post(f"/cases/{anna.pk}/investigation/triangle", body)
    assert r.status_code == 200, r.json()
    assert r.json()["shared"] is True
    copy = TriangleAssessment.objects.get(investigation__case=bo, area=body["area"])
    assert (copy.text, copy.shared) == ("Trångbott men stabilt.", True)


def test_the_api_refuses_to_share_the_childs_own_development(cast, siblings, api_as):
    anna, _ = siblings
    body = {"area": "child_development.health", "rating": "strength", "for_siblings": True}
    r = api_as(cast.alice).post(f"/cases/{anna.pk}/investigation/triangle", body)
    assert r.status_code == 422
    assert list(r.json()["errors"]) == ["for_siblings"]
