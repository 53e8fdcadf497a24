"""The administration pages: the administrator sees her own municipality only, the user list is
searched and paged at a constant cost, and the log says in Swedish who did what to whom."""

from __future__ import annotations

import pytest
from django.test import Client

from skyddsnat.accounts import administration
from skyddsnat.accounts.models import Role, User


@pytest.fixture
def admin_client(cast) -> Client:
    client = Client()
    client.force_login(cast.adam)
    return client


def test_the_administrator_starts_on_the_administration(cast, admin_client):
    assert admin_client.get("/")["Location"] == "/administration/"


def test_the_user_list_shows_only_her_municipality(cast, admin_client):
    page = admin_client.get("/administration/anvandare/").content.decode()
    assert "Alice Testsson" in page
    assert "Sara" not in page


def test_the_user_list_is_searched(cast, admin_client):
    page = admin_client.get("/administration/anvandare/", {"q": "maj"}).content.decode()
    assert "Maja Testsson" in page
    assert "Alice Testsson" not in page


def test_the_user_list_costs_the_same_for_many_users(
    cast, admin_client, django_assert_max_num_queries
):
    for n in range(30):
        User.objects.create_user(
            username=f"extra{n}", municipality=cast.norrby, role=Role.CASEWORKER
        ).units.add(cast.inv_unit)
    with django_assert_max_num_queries(12):
        page = admin_client.get("/administration/anvandare/")
    assert "Sida 1 av 2" in page.content.decode()
    assert "Sida 2 av 2" in admin_client.get("/administration/anvandare/?sida=2").content.decode()


def test_creating_a_user_through_the_form(cast, admin_client):
    answer = admin_client.post(
        "/administration/anvandare/ny/",
        {
            "username": "vera",
            "first_name": "Vera",
            "last_name": "Exempelsson",
            "role": Role.CASEWORKER,
            "units": [cast.inv_unit.pk],
        },
    )
    vera = User.objects.get(username="vera")
    assert answer["Location"] == f"/administration/anvandare/{vera.pk}/"
    assert not vera.has_usable_password()


def test_a_bad_form_is_answered_in_swedish_with_422(cast, admin_client):
    answer = admin_client.post("/administration/anvandare/ny/", {"username": "Åsa Ö"})
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "Uppgifterna kunde inte sparas. Rätta fälten nedan." in page
    assert "Detta fält måste fyllas i." in page


def test_the_password_link_is_shown_once(cast, admin_client):
    page = admin_client.post(f"/administration/anvandare/{cast.bob.pk}/losenordslank/")
    assert "/login/nytt-losenord/" in page.content.decode()


def test_an_issued_token_is_shown_once(cast, admin_client):
    page = admin_client.post(
        f"/administration/anvandare/{cast.bob.pk}/api-nycklar/", {"days": "30", "label": "X"}
    ).content.decode()
    assert 'id="new-token">sn_' in page
    again = admin_client.get(f"/administration/anvandare/{cast.bob.pk}/").content.decode()
    assert "sn_" not in again


def test_the_log_names_who_did_what_to_whom(cast, admin_client):
    administration.deactivate_user(acting_user=cast.adam, user_id=cast.bob.pk)
    page = admin_client.get("/administration/logg/").content.decode()
    assert "Användare inaktiverad" in page
    assert "Adam Testsson (adam)" in page
    assert "Användare: Bob Testsson (bob)" in page


def test_the_sso_identity_is_set_on_the_users_page(cast, admin_client):
    page = admin_client.get(f"/administration/anvandare/{cast.alice.pk}/").content.decode()
    assert "SSO-identitet" in page
    answer = admin_client.post(
        f"/administration/anvandare/{cast.alice.pk}/",
        {
            "first_name": "Alice",
            "last_name": "Testsson",
            "role": Role.CASEWORKER,
            "units": [cast.inv_unit.pk],
            "sso_subject": "alice@norrby.example",
        },
    )
    assert answer.status_code == 302
    cast.alice.refresh_from_db()
    assert cast.alice.sso_subject == "alice@norrby.example"
