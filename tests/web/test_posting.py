"""The web's one form pipeline: a service that will not let the user act is a 404 or 403 page,
not a form error; and a post asks the service's own question before it reads the form."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import Client
from django.urls import reverse

from skyddsnat.audit.models import AuditEvent
from skyddsnat.cases.models import Case
from skyddsnat.errors import Forbidden, InvalidInput, NotFound
from skyddsnat.journal.models import JournalEntry
from skyddsnat.web import posting
from tests.cast import local, pin_for
from tests.services.flow import case_about

ANNA = pin_for(date(2015, 5, 17), "girl")


class OneField(forms.Form):
    text = forms.CharField(required=False)


def refusing(exc: Exception):
    def call(data):
        raise exc

    return call


def test_a_service_that_finds_nothing_is_the_404_page():
    with pytest.raises(Http404):
        posting.save(OneField({"text": "x"}), refusing(NotFound("Ärendet finns inte.")))


def test_a_service_that_refuses_the_user_is_the_403_page_with_its_message():
    refusal = Forbidden("Du har inte behörighet att ändra i ärendet.")
    with pytest.raises(PermissionDenied) as raised:
        posting.save(OneField({"text": "x"}), refusing(refusal))
    assert str(raised.value) == refusal.message


def test_other_refusals_stay_on_the_form():
    form = OneField({"text": "x"})
    result = posting.save(form, refusing(InvalidInput.field("text", "Skriv något.")))
    assert (result.saved, result.status) == (False, 422)
    assert form.errors["text"] == ["Skriv något."]


def post_as_bob(cast, frozen_today, name: str, data) -> tuple[HttpResponse, Case]:
    """Post ``data`` to the page ``name`` of Alice's case as Bob, who may read it, not write it."""
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 18), ANNA)
    client = Client()
    client.force_login(cast.bob)
    return client.post(reverse(name, args=[case.pk]), data(case)), case


def test_when_the_service_refuses_after_the_door_let_the_post_in_it_is_the_403_page(
    cast, frozen_today, monkeypatch
):
    # Were the door's question ever to let Bob through (his rights changed between the two),
    # the service's own refusal answers.
    monkeypatch.setattr("skyddsnat.web.access.admit", lambda user, case, services: None)
    response, _ = post_as_bob(cast, frozen_today, "web:journal_sign", lambda c: {"text": "Bob"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Ingen behörighet</h1>" in html  # the 403 page, not the journal with an error
    assert "Du har inte behörighet att ändra i ärendet." in html
    assert not JournalEntry.objects.filter(kind="note").exists()


def test_a_post_that_does_not_validate_is_refused_before_the_form_is_read(cast, frozen_today):
    # The service never sees this post (its date is not a date): the door asks the service's
    # question first, so a reader without the right gets 403, not the page with the errors.
    response, case = post_as_bob(
        cast,
        frozen_today,
        "web:case",
        lambda c: {"form_key": "preliminary", f"preliminary-{c.pk}-decided_on": "i morgon"},
    )
    assert response.status_code == 403
    assert "Du har inte behörighet att ändra i ärendet." in response.content.decode()
    assert not AuditEvent.objects.filter(case_id=case.pk, actor=cast.bob).exists()
