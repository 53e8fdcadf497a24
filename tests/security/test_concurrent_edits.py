"""Two people save the same thing from pages they opened at the same time: the second is told,
in Swedish, that someone else changed it, and nothing the first saved is overwritten."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.investigations.models import Investigation, TriangleAssessment
from tests.web.casework import investigation_case

TODAY = date(2026, 3, 2)
CONFLICT = "har ändrats av någon annan"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(TODAY)
    return investigation_case(cast.alice, TODAY)


def test_the_second_save_of_the_plan_gets_a_conflict_and_overwrites_nothing(cast, case):
    alice, maja = client_for(cast.alice), client_for(cast.maja)
    version = str(Investigation.objects.get(case=case).version)  # both open the page now
    url = reverse("web:investigation_plan", args=[case.pk])
    first = maja.post(url, {"plan-questions": "Chefens frågor", "plan-version": version})
    assert first.status_code == 302
    second = alice.post(url, {"plan-questions": "Handläggarens frågor", "plan-version": version})
    assert second.status_code == 409
    assert CONFLICT in second.content.decode()
    assert Investigation.objects.get(case=case).plan_questions == "Chefens frågor"


def test_the_second_save_of_a_triangle_area_gets_a_conflict(cast, case):
    alice, maja = client_for(cast.alice), client_for(cast.maja)
    area = "child_development.health"
    url = reverse("web:investigation_area", args=[case.pk, area])
    prefix = "area-child_development-health"

    def data(text: str, version: str) -> dict:
        return {
            f"{prefix}-text": text,
            f"{prefix}-rating": "strength",
            f"{prefix}-version": version,
        }

    assert maja.post(url, data("Först", "")).status_code == 302
    version = str(TriangleAssessment.objects.get(investigation__case=case, area=area).version)
    assert alice.post(url, data("Alice andra", version)).status_code == 302
    stale = maja.post(url, data("Majas andra", version))
    assert stale.status_code == 409
    assert CONFLICT in stale.content.decode()
    row = TriangleAssessment.objects.get(investigation__case=case, area=area)
    assert row.text == "Alice andra"
