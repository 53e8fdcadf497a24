"""Sök barn: by name or identity number, only among the cases the user may read."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from skyddsnat.people.models import Child
from tests.cast import Cast
from tests.web.builders import named_case

TODAY = date(2026, 3, 11)


@pytest.fixture
def children(cast: Cast, frozen_today):
    frozen_today(TODAY)
    ebba = named_case(cast.alice, date(2026, 3, 1), "Ebba Lindqvist", seed=21)
    saga = named_case(cast.alice, date(2026, 3, 2), "Saga Holm", seed=22, protected=True)
    # A child of the intake unit only: ida sees it (intake reads every case), alice does not.
    otto = named_case(cast.carl, date(2026, 3, 3), "Otto Lindqvist", sex="boy", seed=23)
    return {"ebba": ebba.child, "saga": saga.child, "otto": otto.child}


def _found(user, query: str) -> list[str]:
    html = _html(user, query)
    return re.findall(r'<th scope="row"[^>]*>([^<]+?)\s*(?:<span|</th>)', html)


def _html(user, query: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/sok/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_it_finds_a_child_by_name(cast, children):
    assert _found(cast.alice, "ebba") == ["Ebba Lindqvist"]
    assert _found(cast.alice, "Lindqvist Ebba") == ["Ebba Lindqvist"]


@pytest.mark.parametrize("form", ["12", "12-dash", "10", "10-dash"])
def test_it_finds_a_child_by_identity_number_with_or_without_dash(cast, children, form):
    digits = children["ebba"].personal_identity_number
    query = {
        "12": digits,
        "12-dash": f"{digits[:8]}-{digits[8:]}",
        "10": digits[2:],
        "10-dash": f"{digits[2:8]}-{digits[8:]}",
    }[form]
    assert _found(cast.alice, query) == ["Ebba Lindqvist"]


def test_results_are_limited_to_cases_the_user_may_read(cast, children):
    assert _found(cast.alice, "Lindqvist") == ["Ebba Lindqvist"]
    assert _found(cast.ida, "Lindqvist") == ["Ebba Lindqvist", "Otto Lindqvist"]


def test_another_municipality_finds_nothing(cast, children):
    html = _html(cast.sara, "Lindqvist")
    assert _found(cast.sara, "Lindqvist") == []
    assert "Inga barn hittades." in html
    assert _found(cast.sara, children["ebba"].personal_identity_number) == []


def test_a_child_without_a_case_is_not_found(cast, children):
    Child.objects.create(
        municipality=cast.norrby,
        personal_identity_number="201201019999",
        first_name="Ebba",
        last_name="Utanärende",
    )
    assert _found(cast.ida, "Ebba") == ["Ebba Lindqvist"]


def test_it_marks_protected_identity_and_links_to_the_cases(cast, children):
    html = _html(cast.alice, "Saga")
    assert "Skyddade personuppgifter" in html
    case = children["saga"].cases.get()
    assert f'href="/arenden/{case.pk}/"' in html


def test_it_asks_for_two_characters(cast, children):
    html = _html(cast.alice, "E")
    assert "Skriv minst två tecken för att söka." in html
    assert _found(cast.alice, "E") == []


def test_an_empty_search_shows_only_the_form(cast, children):
    html = _html(cast.alice, "")
    assert "hittades" not in html
    assert 'id="search-q"' in html


@pytest.mark.parametrize("user", ["nils", "ana", "adam"])
def test_roles_without_case_access_may_not_search(cast, user):
    client = Client()
    client.force_login(getattr(cast, user))
    assert client.get("/sok/", {"q": "Ebba"}).status_code == 403
