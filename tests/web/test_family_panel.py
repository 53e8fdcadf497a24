"""The family panel of the case page: the child's people shown, added and changed; a refused
save keeps what was typed; protected contact details stay hidden."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.accounts.services import grant_break_glass
from skyddsnat.people.models import GuardianRelation, PersonChange
from tests.cast import local, pin_for
from tests.people.register_family import register_family
from tests.services.flow import case_about, open_investigation, report


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 20))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_panel_shows_the_family_from_the_register(cast, today):
    fam = register_family()
    r = report(cast.ida, local(2026, 3, 18), fam.children)
    case = r.cases.order_by("pk").first()
    html = client_for(cast.ida).get(reverse("web:case", args=[case.pk])).content.decode()
    assert "Alva Lind" in html and "Namn saknas" not in html
    assert "Karin Lind" in html and "vårdnadshavare" in html
    assert "Johan Lind" in html and "utan vårdnad" in html
    assert "Elis Lind" in html and "Öppna barnets ärende" in html
    assert "Storgatan 1, 123 45 Norrby" in html
    assert "Ändringshistorik" in html and "Folkbokföringen" in html


def test_a_person_is_added_and_changed_from_the_panel(cast, today):
    case = case_about(cast.ida, local(2026, 3, 18), pin_for(date(2015, 1, 1), seed=5))
    client = client_for(cast.ida)
    response = client.post(
        reverse("web:family_add", args=[case.pk]),
        {
            "family-add-kind": "contact_person",
            "family-add-first_name": "Eva",
            "family-add-last_name": "Berg",
            "family-add-phone": "070-111 22 33",
        },
    )
    assert response.status_code == 302
    relation = GuardianRelation.objects.get(child=case.child)
    response = client.post(
        reverse("web:family_change", args=[case.pk, relation.pk]),
        {
            f"family-{relation.pk}-kind": "foster_parent",
            f"family-{relation.pk}-first_name": "Eva",
            f"family-{relation.pk}-last_name": "Berg",
            f"family-{relation.pk}-phone": "070-999",
        },
    )
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "familjehemsförälder" in html and "070-999" in html
    change = PersonChange.objects.get(field="phone")
    assert (change.old_value, change.new_value) == ("070-111 22 33", "070-999")


def test_a_refused_save_keeps_what_was_typed(cast, today):
    case = case_about(cast.ida, local(2026, 3, 18), pin_for(date(2015, 1, 1), seed=5))
    response = client_for(cast.ida).post(
        reverse("web:family_add", args=[case.pk]),
        {
            "family-add-kind": "sibling",
            "family-add-personal_identity_number": "19850606-0000",
            "family-add-last_name": "Bergström",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "19850606-0000" in html and "error-summary" in html
    assert 'value="Bergström"' in html
    assert not GuardianRelation.objects.exists()


def test_the_child_registered_without_register_is_filled_from_the_panel(cast, today, settings):
    settings.SKYDDSNAT_POPULATION_REGISTER = "skyddsnat.people.register.NoRegister"
    fam = register_family()
    case = case_about(cast.ida, local(2026, 3, 18), fam.children[0])
    settings.SKYDDSNAT_POPULATION_REGISTER = "skyddsnat.people.register.SyntheticRegister"
    client = client_for(cast.ida)
    assert "Namn saknas" in client.get(reverse("web:case", args=[case.pk])).content.decode()
    response = client.post(reverse("web:family_register", args=[case.pk]))
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "Alva Lind" in html and "Karin Lind" in html


def test_protected_contact_details_are_hidden_in_the_panel_and_its_forms(cast, today):
    fam = register_family(protected=True)
    case = case_about(cast.ida, local(2026, 3, 18), fam.children[0])
    relation = case.child.guardian_relations.first()
    relation.guardian.address = "Hemlig väg 1"
    relation.guardian.save()
    html = client_for(cast.ida).get(reverse("web:case", args=[case.pk])).content.decode()
    assert "Hemlig väg 1" not in html
    assert f'name="family-{relation.pk}-address"' not in html
    # Saving the form without the hidden fields keeps the address as it was.
    client_for(cast.ida).post(
        reverse("web:family_change", args=[case.pk, relation.pk]),
        {
            f"family-{relation.pk}-kind": relation.kind,
            f"family-{relation.pk}-has_custody": "on",
            f"family-{relation.pk}-first_name": "Karin",
            f"family-{relation.pk}-last_name": "Lind",
        },
    )
    relation.guardian.refresh_from_db()
    assert relation.guardian.address == "Hemlig väg 1"


def test_a_reader_who_may_not_change_the_case_sees_no_forms(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    fam = register_family()
    case = case_about(cast.ida, local(2026, 3, 2), fam.children[0])
    open_investigation(cast.ida, case, date(2026, 3, 10))
    # Handed over: intake reads it only through a break-glass access, which never writes.
    grant_break_glass(acting_user=cast.ida, case_id=case.pk, reason="on_call", explanation="Jour")
    html = client_for(cast.ida).get(reverse("web:case", args=[case.pk])).content.decode()
    assert "Karin Lind" in html
    assert "Lägg till närstående" not in html and "family-add" not in html
    response = client_for(cast.ida).post(
        reverse("web:family_add", args=[case.pk]),
        {"family-add-kind": "sibling", "family-add-first_name": "Bo"},
    )
    assert response.status_code == 403


def test_the_investigation_document_names_the_child_and_only_the_guardians(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    fam = register_family()
    case = case_about(cast.alice, local(2026, 3, 2), fam.children[0])
    open_investigation(cast.alice, case, date(2026, 3, 10))
    client = client_for(cast.alice)
    html = client.get(reverse("web:investigation_document", args=[case.pk])).content.decode()
    assert "Alva Lind" in html and "Namn saknas" not in html
    assert "Karin Lind" in html and "Johan Lind" in html
    assert "Elis Lind" not in html  # a sibling is no guardian
    pdf = client.get(reverse("web:investigation_document_pdf", args=[case.pk]))
    assert pdf.content.startswith(b"%PDF")
