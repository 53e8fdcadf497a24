"""Registering a report by identity number: the population register names the child, offers
the siblings, and the report's children get their names and family everywhere (PDF included)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.audit.models import AuditEvent
from skyddsnat.intake.models import Report
from tests.people.register_family import register_family
from tests.web.test_intake_pages import URL, intake_data


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 20))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def dashed(number: str) -> str:
    return f"{number[:8]}-{number[8:]}"


def test_the_lookup_names_the_child_and_offers_the_siblings(cast, today):
    fam = register_family()
    response = client_for(cast.ida).post(
        reverse("web:intake_child"), {"children-0-personal_identity_number": fam.children[0]}
    )
    html = response.content.decode()
    assert "I folkbokföringen:" in html and "Alva Lind" in html
    assert f'name="add_sibling" value="{dashed(fam.children[1])}"' in html
    assert "Lägg till Elis Lind" in html
    assert fam.children[0] not in "".join(
        e.detail for e in AuditEvent.objects.filter(object_type="people.register")
    )


def test_a_sibling_offered_is_added_as_a_row_once(cast, today):
    fam = register_family()
    client = client_for(cast.ida)
    data = intake_data(dashed(fam.children[0]), add_sibling=dashed(fam.children[1]))
    html = client.post(URL, data).content.decode()
    assert f'value="{dashed(fam.children[1])}"' in html
    assert 'name="children-1-personal_identity_number"' in html
    data = intake_data(
        dashed(fam.children[0]), fam.children[1], add_sibling=dashed(fam.children[1])
    )
    html = client.post(URL, data).content.decode()
    assert 'name="children-2-personal_identity_number"' not in html


def test_the_report_names_the_children_everywhere_and_in_the_pdf(cast, today):
    fam = register_family()
    client = client_for(cast.ida)
    response = client.post(URL, intake_data(*(dashed(n) for n in fam.children)))
    assert response.status_code == 302
    report = Report.objects.get()
    html = client.get(response.url).content.decode()
    assert "Alva Lind" in html and "Elis Lind" in html and "Namn saknas" not in html
    case = report.cases.order_by("pk").first()
    page = client.get(reverse("web:case", args=[case.pk])).content.decode()
    assert "Alva Lind" in page and "Karin Lind" in page
