"""The journal page: drafts saved as the author types, signing, corrections."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from tests.cast import local, pin_for
from tests.services.flow import case_about

ANNA = pin_for(date(2015, 5, 17), "girl")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return case_about(cast.alice, local(2026, 3, 18), ANNA)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(case) -> str:
    return reverse("web:journal", args=[case.pk])


def draft_url(case) -> str:
    return reverse("web:journal_draft", args=[case.pk])


def visible(html: str) -> str:
    """Return the text a reader sees: no tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def notes():
    return JournalEntry.objects.filter(kind="note")


def test_it_autosaves_the_draft_and_says_when(cast, case):
    client = client_for(cast.alice)
    first = client.post(draft_url(case), {"text": "Ringde mamma"}, **HTMX)
    draft = notes().get()
    html = first.content.decode()
    assert "Utkast sparat kl. 12:00:00" in visible(html)
    assert f'id="id_draft_id" value="{draft.pk}" hx-swap-oob="true"' in html
    client.post(draft_url(case), {"text": "Ringde mamma i dag", "draft_id": draft.pk}, **HTMX)
    draft = notes().get()
    assert (draft.text, draft.author, draft.is_signed) == ("Ringde mamma i dag", cast.alice, False)


def test_it_wires_the_textarea_to_the_draft_endpoint(cast, case):
    html = client_for(cast.alice).get(page(case)).content.decode()
    assert f'hx-post="{draft_url(case)}"' in html
    assert 'hx-trigger="keyup changed delay:2s, blur"' in html
    assert 'id="draft-status" class="draft-status" role="status"' in html


def test_it_restores_the_draft_for_its_author_only(cast, case):
    journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Hemligt halvt utkast")
    mine = client_for(cast.alice).get(page(case)).content.decode()
    assert "Hemligt halvt utkast" in mine and "Utkast sparat kl. 12:00:00" in visible(mine)
    theirs = client_for(cast.maja).get(page(case)).content.decode()
    assert "Hemligt halvt utkast" not in theirs
    overview = client_for(cast.alice).get(reverse("web:case", args=[case.pk])).content.decode()
    assert "Hemligt halvt utkast" not in overview  # drafts are never documentation


def test_it_never_lets_another_user_write_into_a_draft(cast, case):
    draft = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Alices utkast")
    response = client_for(cast.maja).post(
        draft_url(case), {"text": "Majas text", "draft_id": draft.pk}, **HTMX
    )
    assert "Utkastet finns inte." in response.content.decode()
    assert JournalEntry.objects.get(pk=draft.pk).text == "Alices utkast"


def test_it_refuses_drafts_from_users_without_write_access(cast, case):
    response = client_for(cast.bob).post(draft_url(case), {"text": "Bob"}, **HTMX)
    assert response.status_code == 403
    assert client_for(cast.sara).post(draft_url(case), {"text": "x"}, **HTMX).status_code == 404
    assert not notes().exists()


def test_it_tells_a_logged_out_author_that_nothing_was_saved(cast, case):
    response = Client().post(draft_url(case), {"text": "Halv"}, **HTMX)
    assert response.status_code == 200
    assert "Inte sparat: du är utloggad." in response.content.decode()
    assert not notes().exists()


def test_it_saves_a_draft_without_javascript(cast, case):
    response = client_for(cast.alice).post(draft_url(case), {"text": "Utan JS"})
    assert response.status_code == 302
    assert notes().get().text == "Utan JS"


def test_it_signs_the_draft(cast, case):
    draft = journal.save_draft(acting_user=cast.alice, case_id=case.pk, text="Halv")
    response = client_for(cast.alice).post(
        reverse("web:journal_sign", args=[case.pk]), {"text": "Hel", "draft_id": draft.pk}
    )
    assert response.status_code == 302
    entry = notes().get()
    assert (entry.pk, entry.text, entry.is_signed) == (draft.pk, "Hel", True)
    html = client_for(cast.maja).get(page(case)).content.decode()
    assert "Hel" in html


def test_it_refuses_to_sign_an_empty_note(cast, case):
    response = client_for(cast.alice).post(reverse("web:journal_sign", args=[case.pk]), {})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Skriv anteckningen innan du signerar." in html
    assert 'id="id_text_error"' in html
    assert not notes().exists()


def test_it_corrects_a_signed_entry_with_a_new_one(cast, case):
    original = journal.write_note(acting_user=cast.alice, case_id=case.pk, text="Pappa var där.")
    client = client_for(cast.alice)
    form = client.get(page(case), {"ratta": original.pk}).content.decode()
    assert f'action="{reverse("web:journal_correct", args=[case.pk, original.pk])}"' in form
    url = reverse("web:journal_correct", args=[case.pk, original.pk])
    refused = client.post(url, {"correction-text": " "})
    assert refused.status_code == 422
    assert "Skriv vad som rättas." in refused.content.decode()
    assert client.post(url, {"correction-text": "Det var morfar."}).status_code == 302
    correction = JournalEntry.objects.get(kind="correction")
    assert correction.corrects == original and correction.is_signed
    original.refresh_from_db()
    assert original.text == "Pappa var där."
    html = client.get(page(case)).content.decode()
    assert f'href="#entry-{original.pk}"' in html and f'href="#entry-{correction.pk}"' in html


def test_it_sends_htmx_to_a_fresh_journal_page_after_signing(cast, case):
    response = client_for(cast.alice).post(
        reverse("web:journal_sign", args=[case.pk]), {"text": "Klar"}, **HTMX
    )
    assert response["HX-Redirect"] == page(case)
    assert notes().get().is_signed


def test_htmx_gets_the_page_with_the_message_when_signing_is_refused(cast, case):
    response = client_for(cast.alice).post(
        reverse("web:journal_sign", args=[case.pk]), {"text": " "}, **HTMX
    )
    assert response.status_code == 422  # swapped by htmx (web/base.html's htmx-config)
    assert "Skriv anteckningen innan du signerar." in response.content.decode()
    assert not notes().exists()
