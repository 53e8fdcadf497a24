"""Protected identity: address and contact only with the explicit permission; never in documents."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from skyddsnat.accounts import policy
from skyddsnat.people.models import Child
from tests.web.builders import named_case

ADDRESS = "Hemliga vägen 7, Norrby"


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    case = named_case(cast.alice, date(2026, 3, 10), "Saga Holm", seed=13, protected=True)
    Child.objects.filter(pk=case.child_id).update(address=ADDRESS, phone="070-000 00 00")
    return case


def page_of(user, case) -> str:
    client = Client()
    client.force_login(user)
    answer = client.get(f"/arenden/{case.pk}/")
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_case_page_hides_a_protected_childs_address(cast, case):
    html = page_of(cast.alice, case)
    assert ADDRESS not in html
    assert "Skyddade personuppgifter" in html


def test_the_explicit_permission_shows_it(cast, case):
    cast.alice.user_permissions.add(Permission.objects.get(codename="view_protected_address"))
    alice = type(cast.alice).objects.get(pk=cast.alice.pk)  # a fresh permission cache
    assert ADDRESS in page_of(alice, case)


def test_a_document_never_carries_a_protected_address_whoever_prints_it(cast, case):
    child = Child.objects.get(pk=case.child_id)
    assert not policy.contact_in_documents(child)
    child.protected_identity = False
    assert policy.contact_in_documents(child)


def test_an_unprotected_childs_address_is_shown(cast, case):
    Child.objects.filter(pk=case.child_id).update(protected_identity=False)
    assert ADDRESS in page_of(cast.alice, case)


def test_the_work_list_shows_the_marker(cast, case):
    client = Client()
    client.force_login(cast.alice)
    assert "Skyddade personuppgifter" in client.get("/arenden/").content.decode()
