"""The organiser edits an unsent edition's questions on the web (``/enkater/<id>/fragor/``)."""

from __future__ import annotations

from django.test import Client

from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.models import Question


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_the_questions_and_the_forms(olle, edition):
    page = client_for(olle).get(f"/enkater/{edition.pk}/fragor/").content.decode()
    assert "17 frågor" in page
    assert "Besvaras av dem som svarat Ja i fråga 14." in page
    assert "Lägg till en fråga" in page
    assert f"/enkater/{edition.pk}/fragor/16/" in page


def test_a_question_is_added_with_options_other_and_a_condition(olle, edition):
    got = client_for(olle).post(
        f"/enkater/{edition.pk}/fragor/",
        {
            "ny-text": "Varför inte?",
            "ny-kind": "many",
            "ny-options": "Tid\r\nPolicy\r\n",
            "ny-other": "Annat, nämligen:",
            "ny-condition": ["14:Nej"],
        },
    )
    assert got.status_code == 302, got.content.decode()
    added = Question.objects.get(edition=edition, number="18")
    assert [o.text for o in added.options.all()] == ["Tid", "Policy", "Annat, nämligen:"]
    assert added.condition_text == "Besvaras av dem som svarat Nej i fråga 14."


def test_a_bad_question_is_refused_in_swedish_beside_its_fields(olle, edition):
    got = client_for(olle).post(
        f"/enkater/{edition.pk}/fragor/",
        {
            "ny-text": "Vilken?",
            "ny-kind": "one",
            "ny-options": "Bara ett",
            "ny-condition": ["14:Nej", "15:Ja"],
        },
    )
    assert got.status_code == 422
    page = got.content.decode()
    assert "Ett villkor kan bara gälla svaren i en fråga." in page
    got = client_for(olle).post(
        f"/enkater/{edition.pk}/fragor/",
        {"ny-text": "Vilken?", "ny-kind": "one", "ny-options": "Bara ett"},
    )
    assert got.status_code == 422
    assert "Ange minst två svarsalternativ." in got.content.decode()
    assert not Question.objects.filter(edition=edition, number="18").exists()


def test_a_changed_question_keeps_its_identity(olle, edition):
    url = f"/enkater/{edition.pk}/fragor/15/"
    page = client_for(olle).get(url).content.decode()
    assert "Ändra fråga 15" in page
    assert "Har socialförvaltningen en strategi" in page
    got = client_for(olle).post(
        url,
        {
            "fraga-number": "15",
            "fraga-text": "Finns en strategi?",
            "fraga-kind": "one",
            "fraga-options": "Ja\nNej\nVet inte",
        },
    )
    assert got.status_code == 302, got.content.decode()
    changed = Question.objects.get(edition=edition, number="15")
    assert (changed.key, changed.text) == ("social-media-strategy", "Finns en strategi?")
    assert [o.key for o in changed.options.all()] == ["o1", "o2", "o3"]


def test_a_question_is_dropped_and_a_needed_one_is_not(olle, edition):
    client = client_for(olle)
    refused = client.post(f"/enkater/{edition.pk}/fragor/14/ta-bort/")
    assert refused.status_code == 422
    assert "Ändra villkoret i fråga 16 först." in refused.content.decode()
    assert client.post(f"/enkater/{edition.pk}/fragor/17/ta-bort/").status_code == 302
    assert not Question.objects.filter(edition=edition, number="17").exists()


def test_a_sent_edition_says_so_and_refuses_changes(olle, edition):
    surveys.import_response(
        acting_user=olle, edition_id=edition.pk, respondent="Gävle", answers={"1": "Alltid"}
    )
    client = client_for(olle)
    page = client.get(f"/enkater/{edition.pk}/fragor/").content.decode()
    assert "Enkäten är redan skickad" in page
    assert "Lägg till en fråga" not in page
    got = client.post(f"/enkater/{edition.pk}/fragor/", {"ny-text": "Ny?", "ny-kind": "text"})
    assert got.status_code == 409
    assert "Enkäten är redan skickad" in got.content.decode()
    got = client.post(f"/enkater/{edition.pk}/fragor/1/ta-bort/")
    assert got.status_code == 409
    assert Question.objects.filter(edition=edition).count() == 17


def test_another_organisers_questions_are_not_found(otto, edition):
    assert client_for(otto).get(f"/enkater/{edition.pk}/fragor/").status_code == 404
    assert client_for(otto).post(f"/enkater/{edition.pk}/fragor/1/ta-bort/").status_code == 404
