"""Users of this installation invited to answer: Mina enkäter, the same form, no link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from skyddsnat import clock
from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.surveys import editing
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.models import Respondent, Response


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def schedule(olle, edition, start):
    surveys.set_schedule(
        acting_user=olle,
        edition_id=edition.pk,
        sent_on=start,
        reminders_on=[],
        closes_on=start + timedelta(days=20),
    )


@pytest.fixture
def invited(cast, olle, edition):
    schedule(olle, edition, clock.today())
    return surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="maja")


def test_a_user_is_invited_for_their_municipality(cast, invited):
    assert (invited.name, invited.user, invited.municipality) == ("Norrby", cast.maja, cast.norrby)
    assert invited.token_digest == ""  # no link


def test_a_municipality_answers_once_and_an_unknown_user_is_refused(cast, olle, edition, invited):
    with pytest.raises(StateConflict):
        surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="maja")
    with pytest.raises(StateConflict):
        surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="alice")
    with pytest.raises(InvalidInput) as refused:
        surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="okänd")
    assert refused.value.errors["user"] == [
        "Det finns ingen aktiv användare med det användarnamnet."
    ]


def test_mina_enkater_lists_it_and_the_user_answers_through_the_same_form(cast, invited):
    client = client_for(cast.maja)
    page = client.get("/mina-enkater/").content.decode()
    assert "Barnbarometern 2026" in page and "Inte påbörjad" in page
    form = client.get(f"/mina-enkater/{invited.pk}/")
    assert form.status_code == 200
    assert f'hx-post="/mina-enkater/{invited.pk}/spara/"' in form.content.decode()
    saved = client.post(f"/mina-enkater/{invited.pk}/spara/", {"q-1": "Alltid"})
    assert saved.status_code == 200
    assert "Påbörjad" in client.get("/mina-enkater/").content.decode()
    sent = client.post(f"/mina-enkater/{invited.pk}/", {"q-1": "Sällan", "action": "submit"})
    assert sent.status_code == 302
    response = Response.objects.get(respondent=invited)
    assert response.submitted_at is not None and response.source == "user"
    assert response.answers.get().options.get().text == "Sällan"
    assert "Tack för era svar" in client.get(f"/mina-enkater/{invited.pk}/").content.decode()


def test_only_the_invited_user_sees_the_invitation(cast, invited):
    for other in (cast.alice, cast.sara):
        client = client_for(other)
        assert "Barnbarometern" not in client.get("/mina-enkater/").content.decode()
        assert client.get(f"/mina-enkater/{invited.pk}/").status_code == 404
        assert (
            client.post(f"/mina-enkater/{invited.pk}/spara/", {"q-1": "Alltid"}).status_code == 404
        )
    assert not Response.objects.exists()
    assert Client().get("/mina-enkater/").status_code == 302  # to the login


def test_the_invitation_shows_from_the_sending_day_and_then_fixes_the_questions(
    cast, olle, edition
):
    schedule(olle, edition, clock.today() + timedelta(days=3))
    respondent = surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="maja")
    assert surveys.my_surveys(acting_user=cast.maja) == []
    assert not editing.is_sent(edition)
    schedule(olle, edition, clock.today())
    assert surveys.my_surveys(acting_user=cast.maja) == [respondent]
    edition.refresh_from_db()
    assert editing.is_sent(edition)


def test_the_organiser_invites_a_user_on_the_sending_page(cast, olle, edition):
    client = client_for(olle)
    got = client.post(f"/enkater/{edition.pk}/utskick/", {"anvandare-user": "sara"})
    assert got.status_code == 302
    assert Respondent.objects.get(edition=edition, user=cast.sara).name == "Söderby"
    page = client.get(f"/enkater/{edition.pk}/utskick/").content.decode()
    assert "Sara Testsson" in page
    bad = client.post(f"/enkater/{edition.pk}/utskick/", {"anvandare-user": "ingen"})
    assert bad.status_code == 422
    assert "Det finns ingen aktiv användare" in bad.content.decode()


def test_the_api_invites_a_user_or_an_email(api_as, olle, edition, cast):
    api = api_as(olle)
    got = api.post(f"/surveys/{edition.pk}/invitations", {"user": "maja"})
    assert got.status_code == 201, got.json()
    assert got.json()["respondent"] == "Norrby" and got.json()["user"] == "maja"
    again = api.post(f"/surveys/{edition.pk}/invitations", {"user": "maja"})
    assert again.status_code == 409
    by_mail = api.post(
        f"/surveys/{edition.pk}/invitations",
        {"name": "Gävle kommun", "code": "2180", "email": "ifo@gavle.invalid"},
    )
    assert by_mail.status_code == 201, by_mail.json()
    assert by_mail.json()["user"] == "" and by_mail.json()["email"] == "ifo@gavle.invalid"
    bad = api.post(f"/surveys/{edition.pk}/invitations", {"name": "Gävle"})
    assert bad.status_code == 422
    assert bad.json()["errors"]["email"] == ["Ange en användare eller en giltig e-postadress."]
    assert (
        api_as(cast.maja).post(f"/surveys/{edition.pk}/invitations", {"user": "maja"}).status_code
        == 403
    )
