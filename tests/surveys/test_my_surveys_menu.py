"""'Mina enkäter' is in the menu of a user with an invitation still to answer (decision 0039):
kept in the session at login, set again by the list and the submission, looked up again when
old; no other page asks the database."""

from __future__ import annotations

import time
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skyddsnat import clock
from skyddsnat.surveys import services as surveys
from skyddsnat.web.context import MY_SURVEYS_REFRESH_SECONDS, MY_SURVEYS_SESSION_KEY

MENU_LINK = 'href="/mina-enkater/"'


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


def test_shown_to_the_invited_user_from_the_sending_day_until_she_submits(cast, olle, edition):
    schedule(olle, edition, clock.today() + timedelta(days=3))
    invited = surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="maja")
    # Not yet sent out: nothing to answer, no entry.
    assert MENU_LINK not in client_for(cast.maja).get("/", follow=True).content.decode()
    schedule(olle, edition, clock.today())
    maja = client_for(cast.maja)  # logs in again
    assert MENU_LINK in maja.get("/", follow=True).content.decode()
    assert MENU_LINK not in client_for(cast.alice).get("/", follow=True).content.decode()
    sent = maja.post(f"/mina-enkater/{invited.pk}/", {"q-1": "Sällan", "action": "submit"})
    assert sent.status_code == 302
    assert MENU_LINK not in maja.get("/", follow=True).content.decode()
    # The list is still reachable at its address, and says what she answered.
    assert "Barnbarometern 2026" in maja.get("/mina-enkater/").content.decode()


def test_an_invitation_made_during_the_session_appears_when_the_flag_is_old(cast, olle, edition):
    maja = client_for(cast.maja)
    assert MENU_LINK not in maja.get("/", follow=True).content.decode()
    schedule(olle, edition, clock.today())
    surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="maja")
    assert MENU_LINK not in maja.get("/", follow=True).content.decode()  # kept in the session
    session = maja.session
    session[MY_SURVEYS_SESSION_KEY] = {
        "open": False,
        "at": time.time() - MY_SURVEYS_REFRESH_SECONDS - 1,
    }
    session.save()
    assert MENU_LINK in maja.get("/", follow=True).content.decode()


def test_viewing_the_list_sets_the_entry(cast, olle, edition):
    maja = client_for(cast.maja)
    schedule(olle, edition, clock.today())
    surveys.invite_user(acting_user=olle, edition_id=edition.pk, username="maja")
    assert MENU_LINK in maja.get("/mina-enkater/").content.decode()


def test_a_caseworkers_pages_ask_nothing_about_surveys(cast):
    alice = client_for(cast.alice)
    for url in ("/arenden/", "/mottagning/"):
        with CaptureQueriesContext(connection) as captured:
            assert alice.get(url).status_code == 200
        assert not [q for q in captured if "surveys_" in q["sql"]], url
