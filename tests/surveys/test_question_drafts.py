"""A survey question's texts are drafts as the organiser types (decision 0036): without a
case, her own, restored on the question pages, removed when the question is saved or dropped;
a sent edition keeps none, another organiser's edition is not found."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from skyddsnat import clock
from skyddsnat.errors import Forbidden, NotFound, StateConflict
from skyddsnat.journal import drafts, jobs
from skyddsnat.journal.models import FormDraft
from skyddsnat.surveys import services as surveys
from tests.web.test_every_text_drafted import WHITESPACE, visible_value

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_new_questions_texts_are_restored_to_their_author_to_the_last_space(
    olle, edition, cast
):
    client = client_for(olle)
    url = f"/enkater/{edition.pk}/fragor/utkast/"
    page = client.get(f"/enkater/{edition.pk}/fragor/").content.decode()
    assert f'hx-post="{url}"' in page and 'id="ny-draft"' in page
    answer = client.post(
        url,
        {
            "ny-text": WHITESPACE,
            "ny-options": "Ja\r\nNej  ",
            "ny-other": " Annat ",
            "ny-kind": "one",
        },
        **HTMX,
    )
    assert answer.status_code == 200 and "Utkast sparat kl." in answer.content.decode()
    draft = FormDraft.objects.get()
    assert draft.case is None and draft.author == olle
    assert draft.form_key == f"survey.{edition.pk}.question"
    # Only the texts: never the kind or the condition.
    assert draft.data == {"text": WHITESPACE, "options": "Ja\r\nNej  ", "other": " Annat "}
    page = client.get(f"/enkater/{edition.pk}/fragor/").content.decode()
    assert visible_value(page, "id_ny-text") == WHITESPACE
    assert visible_value(page, "id_ny-options") == "Ja\r\nNej  "
    assert 'value=" Annat "' in page
    assert "återställt. Bara du ser utkastet" in page
    # Another organiser of the same edition: none in this cast; a caseworker may not write one.
    assert drafts.caseless_draft(cast.alice, draft.form_key) is None
    with pytest.raises(Forbidden):
        drafts.save_caseless_draft(acting_user=cast.alice, form_key=draft.form_key, data={})


def test_the_added_question_removes_its_draft(olle, edition):
    client = client_for(olle)
    client.post(f"/enkater/{edition.pk}/fragor/utkast/", {"ny-text": "Varför?"}, **HTMX)
    assert FormDraft.objects.exists()
    got = client.post(f"/enkater/{edition.pk}/fragor/", {"ny-text": "Varför?", "ny-kind": "text"})
    assert got.status_code == 302, got.content.decode()
    assert not FormDraft.objects.exists()


def test_a_refused_question_keeps_its_draft(olle, edition):
    client = client_for(olle)
    client.post(f"/enkater/{edition.pk}/fragor/utkast/", {"ny-text": "Vilken?"}, **HTMX)
    got = client.post(
        f"/enkater/{edition.pk}/fragor/",
        {"ny-text": "Vilken?", "ny-kind": "one", "ny-options": "Bara ett"},
    )
    assert got.status_code == 422
    assert FormDraft.objects.exists()


def test_a_changed_questions_draft_is_restored_and_removed_by_the_save(olle, edition):
    client = client_for(olle)
    url = f"/enkater/{edition.pk}/fragor/15/utkast/"
    page = client.get(f"/enkater/{edition.pk}/fragor/15/").content.decode()
    assert f'hx-post="{url}"' in page
    client.post(url, {"fraga-text": "Finns en  strategi?\n"}, **HTMX)
    assert FormDraft.objects.get().form_key == f"survey.{edition.pk}.question.15"
    page = client.get(f"/enkater/{edition.pk}/fragor/15/").content.decode()
    assert visible_value(page, "id_fraga-text") == "Finns en  strategi?\n"
    got = client.post(
        f"/enkater/{edition.pk}/fragor/15/",
        {
            "fraga-number": "15",
            "fraga-text": "Finns en strategi?",
            "fraga-kind": "one",
            "fraga-options": "Ja\nNej\nVet inte",
        },
    )
    assert got.status_code == 302, got.content.decode()
    assert not FormDraft.objects.exists()


def test_a_renumbered_question_removes_its_draft(olle, edition):
    client = client_for(olle)
    client.post(f"/enkater/{edition.pk}/fragor/17/utkast/", {"fraga-text": "Ny lydelse"}, **HTMX)
    got = client.post(
        f"/enkater/{edition.pk}/fragor/17/",
        {"fraga-number": "17a", "fraga-text": "Ny lydelse", "fraga-kind": "text"},
    )
    assert got.status_code == 302, got.content.decode()
    assert not FormDraft.objects.exists()


def test_the_dropped_question_takes_its_drafts_with_it(olle, edition):
    client = client_for(olle)
    client.post(f"/enkater/{edition.pk}/fragor/17/utkast/", {"fraga-text": "Ny lydelse"}, **HTMX)
    client.post(f"/enkater/{edition.pk}/fragor/utkast/", {"ny-text": "En ny"}, **HTMX)
    assert client.post(f"/enkater/{edition.pk}/fragor/17/ta-bort/").status_code == 302
    assert list(FormDraft.objects.values_list("form_key", flat=True)) == [
        f"survey.{edition.pk}.question"
    ]


def test_a_sent_edition_refuses_a_draft(olle, edition):
    surveys.import_response(
        acting_user=olle, edition_id=edition.pk, respondent="Gävle", answers={"1": "Alltid"}
    )
    answer = client_for(olle).post(
        f"/enkater/{edition.pk}/fragor/utkast/", {"ny-text": "Sent"}, **HTMX
    )
    assert answer.status_code == 200
    assert "Enkäten är redan skickad" in answer.content.decode()
    assert not FormDraft.objects.exists()
    with pytest.raises(StateConflict):
        drafts.save_caseless_draft(
            acting_user=olle, form_key=f"survey.{edition.pk}.question.1", data={"text": "x"}
        )


def test_another_organisers_edition_and_an_unknown_question_are_not_found(otto, olle, edition):
    client = client_for(otto)
    assert client.post(f"/enkater/{edition.pk}/fragor/utkast/", {"ny-text": "x"}).status_code == 404
    url = f"/enkater/{edition.pk}/fragor/1/utkast/"
    assert client.post(url, {"fraga-text": "x"}).status_code == 404
    with pytest.raises(NotFound):
        drafts.save_caseless_draft(
            acting_user=olle, form_key=f"survey.{edition.pk}.question.99", data={"text": "x"}
        )
    with pytest.raises(NotFound):
        drafts.save_caseless_draft(acting_user=olle, form_key="survey.x.question", data={})
    assert not FormDraft.objects.exists()


def test_a_logged_out_organiser_is_told_and_keeps_her_text(edition):
    answer = Client().post(f"/enkater/{edition.pk}/fragor/utkast/", {"ny-text": "x"}, **HTMX)
    assert answer.status_code == 200 and "du är utloggad" in answer.content.decode()


def test_the_nightly_cleanup_removes_an_old_question_draft(olle, edition):
    drafts.save_caseless_draft(
        acting_user=olle, form_key=f"survey.{edition.pk}.question", data={"text": "Gammal"}
    )
    FormDraft.objects.update(saved_at=clock.now() - timedelta(days=jobs.CASELESS_DRAFT_DAYS + 1))
    jobs.remove_old_caseless_drafts()
    assert not FormDraft.objects.exists()
