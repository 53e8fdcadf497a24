"""Answering through a personal link: no account, saved as you go, resumable, submitted once."""

from __future__ import annotations

import pytest
from django.test import Client

from skyddsnat.audit.models import AuditEvent
from skyddsnat.surveys import services as surveys
from skyddsnat.surveys.models import Answer, Respondent, Response


@pytest.fixture
def link(olle, edition):
    _respondent, token = surveys.invite(
        acting_user=olle, edition_id=edition.pk, name="Gävle kommun", email="ifo@gavle.invalid"
    )
    return token


def test_only_the_tokens_digest_is_stored(link):
    respondent = Respondent.objects.get(name="Gävle kommun")
    assert respondent.token_digest == Respondent.digest_of(link)
    assert link not in respondent.token_digest


def test_an_unknown_link_is_not_found(edition):
    assert Client().get("/enkat/ingen-sadan-lank/").status_code == 404


def test_the_form_shows_the_questions_without_an_account(link):
    page = Client().get(f"/enkat/{link}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Svar för Gävle kommun" in html
    assert "Besvaras av dem som svarat Ja i fråga 14." in html
    assert 'name="q-9" value="Annan anledning, nämligen:"' in html


def test_it_saves_as_the_respondent_goes_and_resumes(link):
    client = Client()
    saved = client.post(f"/enkat/{link}/spara/", {"q-1": "Sällan", "q-7": "11-20 procent"})
    assert saved.status_code == 200
    assert "Sparat kl." in saved.content.decode()
    response = Response.objects.get()
    assert response.submitted_at is None
    again = Client().get(f"/enkat/{link}/").content.decode()
    assert 'value="Sällan" checked' in again


def test_a_draft_keeps_what_is_valid_and_says_what_is_not(link):
    saved = Client().post(f"/enkat/{link}/spara/", {"q-1": "Alltid", "q-2": "Ofta"})
    assert "”Ofta” är inget svarsalternativ på fråga 2." in saved.content.decode()
    assert Answer.objects.get().question.number == "1"


def test_an_answer_to_16_is_left_out_when_14_is_no(link):
    Client().post(f"/enkat/{link}/spara/", {"q-14": "Nej", "q-16": "För informationsspridning"})
    assert [a.question.number for a in Answer.objects.all()] == ["14"]


def test_it_submits_once_with_a_receipt(link):
    client = Client()
    sent = client.post(f"/enkat/{link}/", {"q-1": "Alltid", "action": "submit"})
    assert sent.status_code == 302
    receipt = client.get(f"/enkat/{link}/").content.decode()
    response = Response.objects.get()
    assert response.submitted_at is not None
    assert response.receipt in receipt
    assert "Tack för era svar" in receipt
    # Nothing changes afterwards.
    client.post(f"/enkat/{link}/", {"q-1": "Aldrig", "action": "submit"})
    assert client.post(f"/enkat/{link}/spara/", {"q-1": "Aldrig"}).status_code == 409
    assert Answer.objects.get().options.get().text == "Alltid"


def test_submitting_asks_for_the_other_text_in_swedish(link):
    page = Client().post(
        f"/enkat/{link}/", {"q-9": ["Annan anledning, nämligen:"], "action": "submit"}
    )
    assert page.status_code == 422
    assert "Fråga 9: skriv vad ”Annan anledning, nämligen:” avser." in page.content.decode()
    assert not Response.objects.filter(submitted_at__isnull=False).exists()


def test_the_link_reads_and_writes_are_audited(link):
    Client().get(f"/enkat/{link}/")
    Client().post(f"/enkat/{link}/spara/", {"q-1": "Alltid"})
    rows = AuditEvent.objects.filter(object_type__startswith="surveys.", actor=None)
    assert {r.action for r in rows} >= {"read", "update"}
