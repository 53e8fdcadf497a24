"""The new report's draft (decision 0036): no case exists yet, so the draft is its author's
alone, without a case; restored on the intake page, removed by the registration or by hand."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, NotFound
from skyddsnat.intake.models import Report
from skyddsnat.journal import drafts
from skyddsnat.journal.models import FormDraft
from tests.web.test_every_text_drafted import WHITESPACE, visible_value
from tests.web.test_intake_pages import ANNA, URL, intake_data

KEY = "intake.report"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def today(frozen_today):
    frozen_today(date(2026, 3, 20))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def save(client: Client, **texts: str):
    return client.post(reverse("web:intake_draft"), texts, **HTMX)


def test_the_account_is_saved_and_restored_to_its_author_to_the_last_space(cast):
    ida = client_for(cast.ida)
    html = ida.get(URL).content.decode()
    assert f'hx-post="{reverse("web:intake_draft")}"' in html
    assert "Kasta utkastet" not in html
    answer = save(
        ida,
        account=WHITESPACE,
        reporter_name="Rektor Rask",
        reporter_contact="070-000 00 00",
        **{"children-0-personal_identity_number": ANNA},
    )
    assert answer.status_code == 200 and "Utkast sparat kl." in answer.content.decode()
    draft = FormDraft.objects.get()
    assert draft.case is None and draft.author == cast.ida
    # Only the texts: never the child's number.
    assert draft.data == {
        "account": WHITESPACE,
        "reporter_name": "Rektor Rask",
        "reporter_organisation": "",
        "reporter_contact": "070-000 00 00",
    }
    html = ida.get(URL).content.decode()
    assert visible_value(html, "id_account") == WHITESPACE
    assert 'value="Rektor Rask"' in html and 'value="070-000 00 00"' in html
    assert "återställt" in html and "Kasta utkastet" in html
    assert ANNA not in html
    # Nobody else sees it.
    carl = client_for(cast.carl).get(URL).content.decode()
    assert "Första raden" not in carl and "Rektor Rask" not in carl


def test_saving_is_audited_once_and_a_second_author_has_her_own(cast):
    ida, carl = client_for(cast.ida), client_for(cast.carl)
    save(ida, account="Idas text")
    save(ida, account="Idas text, längre")
    save(carl, account="Carls text")
    assert FormDraft.objects.count() == 2
    assert drafts.caseless_draft(cast.ida, KEY).data["account"] == "Idas text, längre"
    assert drafts.caseless_draft(cast.carl, KEY).data["account"] == "Carls text"
    audited = AuditEvent.objects.filter(action="create", object_type="journal.formdraft")
    assert sorted(a.actor.username for a in audited) == ["carl", "ida"]
    assert all(a.case_id is None and a.child_id is None for a in audited)
    assert "Idas" not in "".join(a.detail for a in audited)  # never the text


def test_an_empty_draft_is_removed(cast):
    ida = client_for(cast.ida)
    save(ida, account="Något")
    answer = save(ida, account="   ")
    assert "Tomt utkast" in answer.content.decode()
    assert not FormDraft.objects.exists()


def test_the_registration_removes_the_draft(cast):
    ida = client_for(cast.ida)
    save(ida, account="Syskonen kommer till skolan utan mat.")
    save(client_for(cast.carl), account="Carls egen")
    response = ida.post(URL, intake_data(ANNA))
    assert response.status_code == 302 and Report.objects.count() == 1
    assert drafts.caseless_draft(cast.ida, KEY) is None
    assert drafts.caseless_draft(cast.carl, KEY) is not None  # hers stays
    assert "Syskonen" not in ida.get(URL).content.decode()


def test_a_refused_registration_keeps_the_draft(cast):
    ida = client_for(cast.ida)
    save(ida, account="Kvar")
    response = ida.post(URL, intake_data("19990101-0000"))
    assert response.status_code >= 400
    assert drafts.caseless_draft(cast.ida, KEY) is not None


def test_the_draft_is_thrown_away_by_hand_and_audited(cast):
    ida = client_for(cast.ida)
    save(ida, account="Fel anmälan")
    draft_id = FormDraft.objects.get().pk
    response = ida.post(reverse("web:intake_draft_discard"))
    assert response.status_code == 302 and response["Location"] == URL
    assert not FormDraft.objects.exists()
    assert AuditEvent.objects.filter(
        action="update", object_type="journal.formdraft", object_id=str(draft_id)
    ).exists()
    assert "Fel anmälan" not in ida.get(URL).content.decode()


@pytest.mark.parametrize("user", ["nils", "ana", "adam"])
def test_roles_that_register_no_reports_keep_no_draft(cast, user):
    client = client_for(getattr(cast, user))
    assert save(client, account="x").status_code == 403
    assert client.post(reverse("web:intake_draft_discard")).status_code == 403
    assert not FormDraft.objects.exists()
    with pytest.raises(Forbidden):
        drafts.save_caseless_draft(acting_user=getattr(cast, user), form_key=KEY, data={})


def test_a_logged_out_writer_is_told_and_nothing_is_saved(cast):
    answer = Client().post(reverse("web:intake_draft"), {"account": "x"}, **HTMX)
    assert answer.status_code == 200 and "du är utloggad" in answer.content.decode()
    assert not FormDraft.objects.exists()


def test_only_a_form_without_a_case_is_kept_without_one(cast):
    with pytest.raises(NotFound):
        drafts.save_caseless_draft(acting_user=cast.ida, form_key="protective", data={"note": "x"})


def test_the_database_keeps_one_caseless_draft_per_author_and_form(cast):
    FormDraft.objects.create(author=cast.ida, form_key=KEY, saved_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        FormDraft.objects.create(author=cast.ida, form_key=KEY, saved_at=timezone.now())
    FormDraft.objects.create(author=cast.carl, form_key=KEY, saved_at=timezone.now())
