"""Insatser, the LVU section: the application for care, the judgment and care started
(LVU 4–5 §§), a court-granted extension of the 8 § time, LVU measures and their
considerations, and the consent on the decision form (LVU 1 §)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.interventions.models import (
    Decision,
    EmergencyCustody,
    LvuCourtCase,
    LvuMeasure,
)
from tests.web.casework import placement_case

TODAY = date(2026, 9, 1)


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


@pytest.fixture
def placement(cast, frozen_today):
    frozen_today(TODAY)
    return placement_case(cast.alice, TODAY)[1]


def url(name: str, case_id: int, *args) -> str:
    return reverse(f"web:interventions{name}", args=[case_id, *args])


def test_the_court_path_on_the_page(alice, placement):
    case_id = placement.case_id
    html = alice.get(url("", case_id)).content.decode()
    assert "LVU: förvaltningsrätten och åtgärder" in html
    response = alice.post(
        url("_lvu_apply", case_id),
        {"lvu_apply-applied_on": "2026-08-03", "lvu_apply-basis": "lvu_2"},
    )
    assert response.status_code == 302, response.content.decode()
    court_case = LvuCourtCase.objects.get()
    prefix = f"lvu_judgment-{court_case.pk}"
    response = alice.post(
        url("_lvu_judgment", case_id, court_case.pk),
        {
            f"{prefix}-judgment_on": "2026-08-20",
            f"{prefix}-granted": "yes",
            f"{prefix}-appealed": "no",
            f"{prefix}-final_on": "2026-08-31",
        },
    )
    assert response.status_code == 302
    html = alice.get(url("", case_id)).content.decode()
    assert "2026-09-28" in html  # care to start within four weeks of 2026-08-31 (5 §)
    response = alice.post(
        url("_lvu_care_started", case_id, court_case.pk),
        {f"lvu_care_started-{court_case.pk}-started_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    court_case.refresh_from_db()
    assert court_case.care_started_on == TODAY


def test_a_bad_judgment_is_shown_with_its_swedish_error(alice, placement):
    case_id = placement.case_id
    alice.post(
        url("_lvu_apply", case_id),
        {"lvu_apply-applied_on": "2026-08-03", "lvu_apply-basis": "lvu_3"},
    )
    court_case = LvuCourtCase.objects.get()
    prefix = f"lvu_judgment-{court_case.pk}"
    response = alice.post(
        url("_lvu_judgment", case_id, court_case.pk),
        {
            f"{prefix}-judgment_on": "2026-08-20",
            f"{prefix}-granted": "yes",
            f"{prefix}-final_on": "2026-08-19",
        },
    )
    assert response.status_code == 422
    assert "Domen kan inte ha vunnit laga kraft före den meddelades." in response.content.decode()


def test_a_measure_and_its_consideration_on_the_page(alice, placement):
    case_id = placement.case_id
    response = alice.post(
        url("_lvu_measure", case_id),
        {
            "lvu_measure-kind": "contact_restriction",
            "lvu_measure-decided_on": "2026-08-10",
        },
    )
    assert response.status_code == 302
    measure = LvuMeasure.objects.get()
    html = alice.get(url("", case_id)).content.decode()
    assert "Umgängesbegränsning" in html and "2026-11-10" in html
    response = alice.post(
        url("_lvu_measure_review", case_id, measure.pk),
        {
            f"lvu_measure_review-{measure.pk}-held_on": TODAY.isoformat(),
            f"lvu_measure_review-{measure.pk}-still_needed": "no",
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.ended_on == TODAY


def test_a_court_granted_extension_on_the_page(cast, alice, placement):
    custody = EmergencyCustody.objects.create(
        case=placement.case,
        decided_on=TODAY - timedelta(days=20),
        carried_out_on=TODAY - timedelta(days=20),
        decided_by=cast.alice,
    )
    prefix = f"application_extension-{custody.pk}"
    response = alice.post(
        url("_application_extension", placement.case_id, custody.pk),
        {f"{prefix}-granted_on": TODAY.isoformat(), f"{prefix}-extended_to": "2026-10-01"},
    )
    assert response.status_code == 302
    html = alice.get(url("", placement.case_id)).content.decode()
    assert "ny sista dag 2026-10-01" in html


def test_the_decision_form_asks_whose_consent_it_rests_on(alice, placement):
    html = alice.get(url("", placement.case_id)).content.decode()
    assert "Vårdnadshavarnas samtycke" in html and "Barnets samtycke" in html
    assert Decision.objects.count() == 1
