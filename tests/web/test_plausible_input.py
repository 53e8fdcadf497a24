"""Plausible input (issue 10, item 5): a report dated before the child was born, or more than two
years back, asks for confirmation in Swedish (web and API); confirmed, the historical report is
registered and still gets its time limits. Required fields are marked before submitting."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from skyddsnat.accounts.models import ApiToken
from skyddsnat.intake.models import Report
from tests.api.conftest import Api
from tests.cast import pin_for
from tests.web.builders import named_case, opened
from tests.web.test_intake_pages import ANNA, URL, client_for, intake_data

BABY = pin_for(date(2025, 6, 1), "boy", seed=7)


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 20))


def test_a_report_decades_back_asks_for_confirmation_and_then_registers(cast, today):
    client = client_for(cast.ida)
    response = client.post(URL, intake_data(ANNA, received_date="2022-03-20"))
    html = response.content.decode()
    assert response.status_code == 422  # the form again, with the question
    assert not Report.objects.exists()
    assert "mer än 2 år sedan" in html
    assert 'name="confirm_unusual_date"' in html
    assert "Jag bekräftar datumet" in html

    confirmed = intake_data(ANNA, received_date="2022-03-20", confirm_unusual_date="on")
    response = client.post(URL, confirmed)
    assert response.status_code == 302
    assert Report.objects.get().received_at.year == 2022


def test_a_report_before_the_child_was_born_asks_for_confirmation(cast, today):
    response = client_for(cast.ida).post(URL, intake_data(BABY, received_date="2025-05-01"))
    html = response.content.decode()
    assert response.status_code == 422
    assert "innan barnet föddes (2025-06-01)" in html
    assert not Report.objects.exists()


def test_the_confirmation_is_not_offered_for_a_plausible_date(cast, today):
    html = client_for(cast.ida).get(URL).content.decode()
    assert 'name="confirm_unusual_date"' not in html
    response = client_for(cast.ida).post(URL, intake_data(ANNA, received_date="2025-01-10"))
    assert response.status_code == 302


def test_required_fields_are_marked_before_submitting(cast, today):
    html = client_for(cast.ida).get(URL).content.decode()
    assert 'name="received_date"' in html
    assert re.search(r'<input type="date" name="received_date"[^>]* required', html)
    assert html.count("(obligatoriskt)") >= 2  # the date and the time, at least
    assert 'class="required-mark" aria-hidden="true"> *</span>' in html


def report_body(received_at: str, number: str, **more) -> dict:
    return {
        "received_at": received_at,
        "channel": "phone",
        "reporter": {"category": "school"},
        "reasons": ["neglect"],
        "children": [{"personal_identity_number": number}],
        **more,
    }


def test_the_api_refuses_an_unusual_date_unless_confirmed_and_keeps_the_time_limits(cast, today):
    api = Api(ApiToken.issue(cast.ida))
    r = api.post("/reports", report_body("2020-03-02T09:15:00+01:00", ANNA))
    assert r.status_code == 422, r.json()
    (message,) = r.json()["errors"]["confirm_unusual_date"]
    assert "mer än 2 år sedan" in message

    r = api.post("/reports", report_body("2025-05-01T09:15:00+02:00", BABY))
    assert "innan barnet föddes" in r.json()["errors"]["confirm_unusual_date"][0]

    body = report_body("2020-03-02T09:15:00+01:00", ANNA, confirm_unusual_date=True)
    r = api.post("/reports", body)
    assert r.status_code == 201, r.json()
    (case,) = r.json()["cases"]
    obligations = api.get(f"/cases/{case['id']}/obligations", as_of="2026-03-20").json()
    kinds = {o["kind"]: o for o in obligations["obligations"]}
    # The law of the day it came in gives the limits (counted from 2020-03-02, long overdue).
    assert kinds["preliminary_assessment"]["due_date"] == "2020-03-16"
    assert kinds["preliminary_assessment"]["status"] == "overdue"


def test_the_casework_forms_mark_their_required_fields(cast, today):
    case = named_case(cast.alice, date(2026, 2, 2), "Ebba Lindqvist", seed=11)
    opened(cast.alice, case, date(2026, 2, 10))
    html = client_for(cast.alice).get(reverse("web:investigation", args=[case.pk]))
    html = html.content.decode()
    assert re.search(r"<input [^>]* required", html)
    assert 'class="required-mark" aria-hidden="true"> *</span>' in html
