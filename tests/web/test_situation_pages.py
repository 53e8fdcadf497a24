"""Uppföljning av barnets situation in the browser's pages: decide, see the last day, end."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.followups.models import FollowUp
from tests.cast import pin_for
from tests.services.flow import investigated_case

ANNA = pin_for(date(2012, 5, 17), "girl")


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


@pytest.fixture
def closed_case(cast, frozen_today):
    frozen_today(date(2026, 3, 10))
    return investigated_case(
        cast.alice, ANNA, date(2026, 1, 5), date(2026, 3, 2), "no_intervention"
    )


def test_decide_and_end_a_follow_up_in_the_pages(alice, closed_case):
    page = reverse("web:situation", args=[closed_case.pk])
    shown = alice.get(page)
    assert shown.status_code == 200
    assert "Besluta om uppföljning" in shown.content.decode()
    assert AuditEvent.objects.filter(action="read", case_id=closed_case.pk).exists()
    posted = alice.post(
        reverse("web:situation_decide", args=[closed_case.pk]),
        {
            "decide-basis": "after_investigation",
            "decide-decided_on": "2026-03-09",
            "decide-consent": "consented",
            "decide-purpose": "Skolnärvaron.",
            "decide-planned_end_on": "2026-09-01",
        },
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    closed_case.refresh_from_db()
    assert closed_case.phase == "follow_up"
    body = alice.get(page).content.decode()
    assert "2026-09-02" in body and "23 kap. 5 § SoL (2025:400)" in body
    ended = alice.post(
        reverse("web:situation_end", args=[closed_case.pk]),
        {"end-ended_on": "2026-03-10", "end-outcome": "no_further_action"},
    )
    assert ended.status_code == 302
    assert Case.objects.get(pk=closed_case.pk).phase == "closed"


def test_a_refused_decision_shows_the_swedish_message(alice, closed_case):
    answer = alice.post(
        reverse("web:situation_decide", args=[closed_case.pk]),
        {
            "decide-basis": "after_investigation",
            "decide-decided_on": "2026-03-09",
            "decide-consent": "without_consent",
            "decide-purpose": "Skolnärvaron.",
            "decide-planned_end_on": "2026-10-01",
        },
    )
    assert answer.status_code == 422
    text = answer.content.decode()
    assert "särskilt behov" in text and "23 kap. 5 §" in text
    assert not FollowUp.objects.exists()
