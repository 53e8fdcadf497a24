"""``/api/v1/cases/{id}/family``: the child's people read, added and changed, as in the web."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.people.models import PersonChange
from tests.cast import local
from tests.people.register_family import register_family
from tests.services.flow import case_about


@pytest.fixture
def family_case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    fam = register_family()
    return case_about(cast.ida, local(2026, 3, 18), fam.children[0])


def test_it_reads_the_family_with_the_register_history(api_as, cast, family_case):
    response = api_as(cast.ida).get(f"/cases/{family_case.pk}/family")
    assert response.status_code == 200
    body = response.json()
    assert body["child"]["first_name"] == "Alva"
    assert body["child"]["address"] == "Storgatan 1, 123 45 Norrby"
    kinds = {p["person"]["first_name"]: (p["kind"], p["has_custody"]) for p in body["people"]}
    assert kinds == {
        "Karin": ("parent", True),
        "Johan": ("parent", False),
        "Elis": ("sibling", False),
    }
    assert {h["changed_by"] for h in body["history"]} == {"Folkbokföringen"}


def test_it_adds_and_changes_a_person(api_as, cast, family_case):
    api = api_as(cast.ida)
    response = api.post(
        f"/cases/{family_case.pk}/family/people",
        {"kind": "contact_person", "first_name": "Eva", "last_name": "Berg"},
    )
    assert response.status_code == 201, response.json()
    added = next(p for p in response.json()["people"] if p["kind"] == "contact_person")
    response = api.post(
        f"/cases/{family_case.pk}/family/people/{added['relation_id']}",
        {
            "first_name": "Eva",
            "last_name": "Berg",
            "kind": "contact_person",
            "has_custody": False,
            "ended_on": "2026-03-19",
        },
    )
    assert response.status_code == 200
    ended = PersonChange.objects.get(field="ended_on")
    assert (ended.old_value, ended.new_value) == ("", "2026-03-19")


def test_it_changes_the_child_and_keeps_the_address_left_out(api_as, cast, family_case):
    response = api_as(cast.ida).post(
        f"/cases/{family_case.pk}/family/child", {"first_name": "Alva", "last_name": "Lindqvist"}
    )
    assert response.status_code == 200
    child = response.json()["child"]
    assert child["last_name"] == "Lindqvist"
    assert child["address"] == "Storgatan 1, 123 45 Norrby"


def test_bad_input_is_a_swedish_422(api_as, cast, family_case):
    response = api_as(cast.ida).post(
        f"/cases/{family_case.pk}/family/people",
        {"kind": "sibling", "personal_identity_number": "123"},
    )
    assert response.status_code == 422
    assert "personal_identity_number" in response.json()["errors"]


def test_protected_contact_is_null(api_as, cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    fam = register_family(protected=True)
    case = case_about(cast.ida, local(2026, 3, 18), fam.children[0])
    body = api_as(cast.ida).get(f"/cases/{case.pk}/family").json()
    assert body["child"]["address"] is None
    assert all(p["person"]["address"] is None for p in body["people"])
