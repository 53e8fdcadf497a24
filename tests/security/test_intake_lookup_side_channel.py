"""The intake identity lookup follows the visibility rule of search: a user who cannot see a
child learns nothing about the child from it (no name, no protected identity, no number of
reports): the answer is the one for a number nobody knows."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.cases.models import Case
from skyddsnat.people.models import Child
from skyddsnat.web.views.search import find_children
from tests.cast import local, pin_for
from tests.services.flow import case_about

BORN = date(2015, 5, 17)
KNOWN = pin_for(BORN, "girl", seed=41)
UNKNOWN = next(n for seed in range(42, 80) if (n := pin_for(BORN, "girl", seed=seed)) != KNOWN)
ROLES = ["alice", "bob", "carl", "ida", "maja", "nils", "ana", "adam", "sara"]


@pytest.fixture
def child(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.carl, local(2026, 3, 2), KNOWN)
    Case.objects.filter(pk=case.pk).update(unit=cast.intake_unit, responsible=cast.carl)
    Child.objects.filter(pk=case.child_id).update(
        first_name="Hemlig", last_name="Person", protected_identity=True
    )
    return case.child


def lookup(user, number: str) -> tuple[int, str]:
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("web:intake_child"), {"children-0-personal_identity_number": number}
    )
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_lookup_shows_a_child_only_to_those_whom_search_shows_it(cast, child, role):
    user = getattr(cast, role)
    status, html = lookup(user, KNOWN)
    if status == 403:  # no case role: neither search nor intake
        assert role in {"nils", "ana", "adam"}
        return
    found = find_children(user, KNOWN).exists()
    if found:
        assert "Hemlig Person" in html and "Skyddade personuppgifter" in html
        assert "1 tidigare anmälan" in html
    else:
        _, unknown = lookup(user, UNKNOWN)
        assert html == unknown
        assert "Hemlig" not in html and "anmälan" not in html.replace("anmälningar", "")


def test_the_rule_is_exercised_both_ways(cast, child):
    assert find_children(cast.ida, KNOWN).exists()
    assert not find_children(cast.alice, KNOWN).exists()
