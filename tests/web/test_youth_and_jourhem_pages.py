"""Insatser: the jourhem stay on a jourhem placement's card (22 kap. 4 § SoL) with the
committee's decision to let the child stay longer, and the youth-offending section: the
prosecutor's request for a statement (11 § LUL) and youth community service (18 kap. 8 § SoL)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.interventions.models import LulStatement, StayExtension, YouthService
from tests.services.flow import decide
from tests.web.casework import placement_case

TODAY = date(2026, 9, 1)


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(TODAY)
    return placement_case(cast.alice, TODAY)[0]


def url(name: str, case_id: int, *args) -> str:
    return reverse(f"web:interventions{name}", args=[case_id, *args])


def test_the_jourhem_stay_and_its_extension_on_the_card(cast, alice, case):
    jourhem = decide(cast.alice, case, TODAY - timedelta(days=30), kind="emergency_foster_home")
    html = alice.get(url("", case.pk)).content.decode()
    assert "Tid i jourhem (22 kap. 4 § SoL)" in html
    assert "2026-09-13" in html  # closed 2026-07-13 + two months
    prefix = f"jourhem_extension-{jourhem.pk}"
    response = alice.post(
        url("_jourhem_extension", case.pk, jourhem.pk),
        {
            f"{prefix}-decided_on": "2026-08-31",
            f"{prefix}-extended_to": "2026-10-31",
            f"{prefix}-reasons": "Familjehemmet kan ta emot barnet i oktober.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert StayExtension.objects.get().extended_to == date(2026, 10, 31)
    html = alice.get(url("", case.pk)).content.decode()
    assert "2026-10-31" in html


def test_a_jourhem_extension_without_reasons_is_refused_in_swedish(cast, alice, case):
    jourhem = decide(cast.alice, case, TODAY - timedelta(days=30), kind="emergency_foster_home")
    prefix = f"jourhem_extension-{jourhem.pk}"
    response = alice.post(
        url("_jourhem_extension", case.pk, jourhem.pk),
        {f"{prefix}-decided_on": "2026-08-31", f"{prefix}-extended_to": "2026-10-31"},
    )
    assert response.status_code == 422
    assert "Ange de särskilda skälen." in response.content.decode()


def test_the_lul_statement_and_youth_service_on_the_page(alice, case):
    html = alice.get(url("", case.pk)).content.decode()
    assert "Yttrande till åklagaren (11 § LUL)" in html
    response = alice.post(
        url("_lul_request", case.pk),
        {"lul_request-requested_on": "2026-08-25", "lul_request-due_on": "2026-09-15"},
    )
    assert response.status_code == 302, response.content.decode()
    statement = LulStatement.objects.get()
    assert "2026-09-15" in alice.get(url("", case.pk)).content.decode()
    prefix = f"lul_submitted-{statement.pk}"
    response = alice.post(
        url("_lul_submitted", case.pk, statement.pk),
        {f"{prefix}-submitted_on": "2026-09-01", f"{prefix}-planned_measures": "Kontaktperson."},
    )
    assert response.status_code == 302, response.content.decode()
    statement.refresh_from_db()
    assert statement.submitted_on == TODAY
    response = alice.post(
        url("_youth_service", case.pk),
        {"youth_service-final_on": "2026-08-20", "youth_service-hours": "30"},
    )
    assert response.status_code == 302, response.content.decode()
    service = YouthService.objects.get()
    assert "2026-10-20" in alice.get(url("", case.pk)).content.decode()
    prefix = f"youth_service_started-{service.pk}"
    response = alice.post(
        url("_youth_service_started", case.pk, service.pk),
        {
            f"{prefix}-started_on": "2026-09-01",
            f"{prefix}-supervisor": "",
            f"{prefix}-work_plan": "",
        },
    )
    assert response.status_code == 422
    assert "Skriv arbetsplanen." in response.content.decode()


def test_special_reasons_for_a_later_start_meet_the_duty_on_the_page(alice, case):
    """18 kap. 8 § första stycket SoL: the special reasons are recorded and shown; the duty to
    start within two months is then met by the exception, not overdue."""
    response = alice.post(
        url("_youth_service", case.pk),
        {"youth_service-final_on": "2026-06-20", "youth_service-hours": "30"},
    )
    assert response.status_code == 302, response.content.decode()
    service = YouthService.objects.get()
    assert (
        'Försenad</span> senast <time datetime="2026-08-20">'
        in alice.get(url("", case.pk)).content.decode()
    )
    prefix = f"youth_service_reasons-{service.pk}"
    refused = alice.post(
        url("_youth_service_reasons", case.pk, service.pk),
        {f"{prefix}-recorded_on": "2026-09-01", f"{prefix}-special_reasons": " "},
    )
    assert refused.status_code == 422
    assert "Ange de särskilda skälen." in refused.content.decode()
    response = alice.post(
        url("_youth_service_reasons", case.pk, service.pk),
        {
            f"{prefix}-recorded_on": "2026-08-10",
            f"{prefix}-special_reasons": "Den unge vårdas på sjukhus till oktober.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    service.refresh_from_db()
    assert service.special_reasons_on == date(2026, 8, 10)
    html = alice.get(url("", case.pk)).content.decode()
    assert "Den unge vårdas på sjukhus till oktober." in html
    assert "Registrera särskilda skäl för en senare start" not in html
    assert "Inte ännu: särskilda skäl för en senare start" in html
