"""Utredningsdokument: generated from what was registered, with BBIC's headings; PDF export."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.audit.models import AuditEvent
from skyddsnat.investigations import services as investigations
from skyddsnat.people.models import Child
from tests.services.flow import ACCOUNT, close_investigation
from tests.web.casework import investigation_case

TODAY = date(2026, 3, 2)
ADDRESS = "Hemliga gatan 7, 123 45 Norrby"
HEADINGS = (
    "Bakgrund och aktualisering",
    "Utredningsplan",
    "Barnets utveckling",
    "Föräldrarnas förmåga",
    "Familj och miljö",
    "Barnets inställning",
    "Uppgifter från andra",
    "Kommunicering",
    "Bedömning",
    "Beslut och förslag",
)


@pytest.fixture
def case(cast, frozen_today):
    """A closed investigation with a plan, one rated sub-area and a conversation."""
    frozen_today(TODAY)
    case = investigation_case(cast.alice, TODAY)
    alice = cast.alice
    investigations.update_plan(
        acting_user=alice,
        case_id=case.pk,
        questions="Hur är omsorgen?",
        contacts="Skolan",
        child_participation="Samtal i skolan",
    )
    investigations.assess_triangle_area(
        acting_user=alice,
        case_id=case.pk,
        area="parenting_capacity.basic_care",
        text="Mat saknas ofta hemma.",
        rating="concern",
        sources=["school", "vårdnadshavare"],
    )
    investigations.record_child_conversation(
        acting_user=alice,
        case_id=case.pk,
        held_on=TODAY - timedelta(days=3),
        alone=True,
        child_view="Jag är hungrig på morgonen.",
    )
    investigations.record_external_request(
        acting_user=alice, case_id=case.pk, actor="school", sent_on=TODAY - timedelta(days=20)
    )
    close_investigation(alice, case, TODAY, analysis="Omsorgen brister.")
    return case


@pytest.fixture
def alice(cast) -> Client:
    client = Client()
    client.force_login(cast.alice)
    return client


def document(client: Client, case, **params):
    return client.get(reverse("web:investigation_document", args=[case.pk]), params)


def test_it_writes_the_document_with_bbics_headings_from_what_was_registered(alice, case):
    response = document(alice, case)
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    for registered in (
        ACCOUNT,
        "Hur är omsorgen?",
        "Mat saknas ofta hemma.",
        "Oro",
        "Vårdnadshavare, Skola",
        "Jag är hungrig på morgonen.",
        "Omsorgen brister.",
        "Insats",
    ):
        assert registered in html


def test_it_audits_reading_the_document(alice, case):
    document(alice, case)
    assert AuditEvent.objects.filter(action="read", case_id=case.pk).exists()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_it_shows_the_address_of_a_child_without_protection(alice, case):
    Child.objects.filter(pk=case.child_id).update(address=ADDRESS)
    assert ADDRESS in document(alice, case).content.decode()


def test_it_leaves_out_a_protected_childs_address(alice, case):
    Child.objects.filter(pk=case.child_id).update(address=ADDRESS, protected_identity=True)
    html = document(alice, case).content.decode()
    assert ADDRESS not in html and "Hemliga gatan" not in html
    assert "Skyddade personuppgifter" in html


def test_it_exports_a_pdf_and_audits_the_export(alice, case):
    response = alice.get(reverse("web:investigation_document_pdf", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="utredning-{case.pk}.pdf"'
    assert response.content.startswith(b"%PDF")
    export = AuditEvent.objects.get(action="export")
    assert (export.case_id, export.object_id, export.actor_id) == (
        case.pk,
        str(case.pk),
        response.wsgi_request.user.pk,
    )


def test_it_exports_with_the_format_parameter_too(alice, case):
    response = document(alice, case, format="pdf")
    assert response.content.startswith(b"%PDF")


def test_it_hides_the_document_from_another_municipality(cast, case):
    sara = Client()
    sara.force_login(cast.sara)
    assert document(sara, case).status_code == 404
    assert sara.get(reverse("web:investigation_document_pdf", args=[case.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize(
    ("today", "reference"),
    [
        # opened 30 days before ``today``: the version of the law in force on the opening day
        (date(2024, 6, 1), "11 kap. 2 § SoL (2001:453)"),
        (date(2025, 7, 31), "20 kap. 3 § SoL (2025:400)"),  # opened 2025-07-01
    ],
)
def test_the_investigation_cites_the_law_in_force_on_the_day_it_was_opened(
    cast, alice, frozen_today, today, reference
):
    """An investigation opened in 2024 ran under SoL (2001:453), not SoL (2025:400)."""
    frozen_today(today)
    case = investigation_case(cast.alice, today)
    opened = case.investigation.opened_on
    html = document(alice, case).content.decode()
    assert f"{opened:%Y-%m-%d} ({reference})" in html
    page = alice.get(reverse("web:investigation", args=[case.pk])).content.decode()
    assert f"({reference})" in page
    assert case.investigation.legal_basis == reference
