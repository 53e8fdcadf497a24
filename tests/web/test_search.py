"""Sök barn: by name or identity number, only among the cases the user may read."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from skyddsnat.audit.models import AuditEvent
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


def _search(client: Client, query: str):
    """Post the search as the form does and follow the browser to the results."""
    return client.post("/sok/", {"q": query}, follow=True)


def _html(user, query: str, status: int = 200) -> str:
    client = Client()
    client.force_login(user)
    response = _search(client, query)
    assert response.status_code == status
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
    html = _html(cast.alice, "E", status=422)
    assert "Skriv minst två tecken för att söka." in html
    assert "hittades" not in html


def test_the_search_page_shows_only_the_form(cast, children):
    client = Client()
    client.force_login(cast.alice)
    html = client.get("/sok/").content.decode()
    assert "hittades" not in html
    assert 'id="search-q"' in html


@pytest.mark.parametrize("user", ["nils", "ana", "adam"])
def test_roles_without_case_access_may_not_search(cast, user):
    client = Client()
    client.force_login(getattr(cast, user))
    assert client.get("/sok/").status_code == 403
    assert client.post("/sok/", {"q": "Ebba"}).status_code == 403


# --- the query stays out of addresses and logs; the search is audited ----------------------------


def test_the_identity_number_never_appears_in_an_address(cast, children):
    """Searching from the header of any page (with its CSRF token) shows the child, and no
    address the browser visits holds the number, in any of the forms it may be typed in."""
    digits = children["ebba"].personal_identity_number
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice)
    home = client.get("/", follow=True).content.decode()
    header = re.search(r'<form class="search"[^>]*method="post"[^>]*>(.*?)</form>', home, re.S)
    assert header is not None, "the header's search form posts"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', header.group(1)).group(1)
    response = client.post(
        "/sok/", {"q": f"{digits[2:8]}-{digits[8:]}", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 303
    results = client.get(response["Location"])
    assert "Ebba Lindqvist" in results.content.decode()
    for address in (response["Location"], results.request["QUERY_STRING"]):
        compact = re.sub(r"\D", "", address)
        assert digits[2:] not in compact and digits[2:8] not in compact, address


def test_an_address_with_the_query_in_it_is_not_searched(cast, children):
    client = Client()
    client.force_login(cast.alice)
    html = client.get("/sok/", {"q": "Ebba"}).content.decode()
    assert "Ebba Lindqvist" not in html and "hittades" not in html


def test_the_results_come_back_on_reload_and_back_but_only_in_the_same_session(cast, children):
    client = Client()
    client.force_login(cast.alice)
    results = client.post("/sok/", {"q": "Lindqvist"})["Location"]
    assert "Ebba Lindqvist" in client.get(results).content.decode()
    client.get("/")  # elsewhere, then back (or reload)
    assert "Ebba Lindqvist" in client.get(results).content.decode()
    other = Client()
    other.force_login(cast.bob)
    html = other.get(results).content.decode()
    assert "Ebba Lindqvist" not in html
    assert "Sökningen finns inte längre. Sök igen." in html


def test_a_search_is_audited_with_the_children_found_never_the_query(cast, children):
    digits = children["ebba"].personal_identity_number
    client = Client()
    client.force_login(cast.alice)
    before = AuditEvent.objects.count()
    _search(client, digits)
    _search(client, "Nobody")
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(r.action, r.actor_id, r.child_id, r.detail) for r in rows] == [
        ("search", cast.alice.pk, children["ebba"].pk, "hits=1"),
        ("search", cast.alice.pk, None, "hits=0"),
    ]
    for row in rows:
        values = " ".join(str(getattr(row, f.attname)) for f in AuditEvent._meta.concrete_fields)
        assert digits not in values and digits[2:] not in values and "Nobody" not in values
    # The manager sees in Ebba's log that Alice found her by a search.
    manager = Client()
    manager.force_login(cast.maja)
    html = manager.get(f"/enhet/logg/?barn={children['ebba'].pk}").content.decode()
    assert re.search(r"Alice Testsson</td><td>Sökning \(1 barn visades\)", html)
