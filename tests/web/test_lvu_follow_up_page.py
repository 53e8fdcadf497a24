"""Insatser: the follow-up after LVU care (21 b–21 c §§ LVU) on the ended care's card: started
with a drafted note, shown with its due dates, and ended."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.interventions.models import LvuFollowUp
from tests.cast import pin_for
from tests.services.flow import decide, end, investigated_case

ANNA = pin_for(date(2015, 5, 17), "girl")


@pytest.fixture
def care(cast, frozen_today):
    frozen_today(date(2026, 9, 2))
    case = investigated_case(cast.alice, ANNA, date(2026, 3, 2), date(2026, 5, 29))
    care = decide(
        cast.alice,
        case,
        date(2026, 6, 1),
        basis="lvu_3",
        guardian_consent="refused",
        child_consent="under_15",
    )
    end(cast.alice, care, date(2026, 8, 1))
    return care


def url(name: str, case_id: int, *args) -> str:
    return reverse(f"web:interventions{name}", args=[case_id, *args])


def test_the_follow_up_after_lvu_care_is_started_and_ended_on_the_card(cast, care):
    client = Client()
    client.force_login(cast.alice)
    case_id = care.case_id
    html = client.get(url("", case_id)).content.decode()
    assert "Uppföljning efter LVU-vård (21 b–21 c §§ LVU)" in html
    assert "Inled uppföljning efter LVU-vården" in html
    prefix = f"lvu_follow_up-{care.pk}"
    refused = client.post(
        url("_lvu_follow_up", case_id, care.pk),
        {f"{prefix}-started_on": "2026-07-01", f"{prefix}-note": ""},
    )
    assert refused.status_code == 422
    assert "Uppföljningen kan inte inledas före vårdens slut." in refused.content.decode()
    response = client.post(
        url("_lvu_follow_up", case_id, care.pk),
        {f"{prefix}-started_on": "2026-08-20", f"{prefix}-note": "Samtal med Anna varje månad."},
    )
    assert response.status_code == 302, response.content.decode()
    follow_up = LvuFollowUp.objects.get(intervention=care)
    assert follow_up.note == "Samtal med Anna varje månad."
    html = client.get(url("", case_id)).content.decode()
    assert "Inledd 2026-08-20." in html and "Samtal med Anna varje månad." in html
    assert "Inled uppföljning efter LVU-vården" not in html
    assert "Avsluta uppföljningen efter LVU-vården" in html
    prefix = f"lvu_follow_up_end-{care.pk}"
    response = client.post(
        url("_lvu_follow_up_end", case_id, care.pk), {f"{prefix}-ended_on": "2026-09-01"}
    )
    assert response.status_code == 302, response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.ended_on == date(2026, 9, 1)
    assert "Avslutad 2026-09-01." in client.get(url("", case_id)).content.decode()
