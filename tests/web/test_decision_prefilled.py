"""The decision after an investigation starts from what the investigation proposed (decision
0037): the web's close form and the API's close endpoint record the proposal, the decision form
shows it, and a closed investigation's proposal cannot be changed."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse

from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.investigations.models import Investigation
from tests.services.flow import close_investigation
from tests.web.casework import investigation_case

TODAY = date(2026, 9, 1)


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(TODAY)
    return investigation_case(cast.alice, TODAY, opened_days_ago=60)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def decide_page(client: Client, case) -> str:
    return client.get(reverse("web:interventions", args=[case.pk])).content.decode()


def selected(html: str, name: str) -> str:
    """Return the value of the option selected in the select ``name`` ("" if none)."""
    select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    for option in select.split("<option")[1:]:
        if " selected" in option.split(">", 1)[0]:
            return option.split('value="', 1)[1].split('"', 1)[0]
    return ""


def test_the_close_form_records_the_proposal_and_the_decision_form_starts_with_it(cast, case):
    alice = client_for(cast.alice)
    response = alice.post(
        reverse("web:investigation_close", args=[case.pk]),
        {
            "close-closed_on": TODAY.isoformat(),
            "close-outcome": "intervention",
            "close-proposed_basis": "sol_voluntary",
            "close-proposed_kind": "family_treatment",
            "close-support_person_offered": "yes",
            "close-child_view_documented": "yes",
            "close-incomplete_reason": "Testflöde.",
            "close-confirm": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    investigation = Investigation.objects.get(case=case)
    assert (investigation.proposed_basis, investigation.proposed_kind) == (
        "sol_voluntary",
        "family_treatment",
    )
    html = decide_page(alice, case)
    assert "Förifyllt från utredningens förslag" in html
    assert selected(html, "decide-basis") == "sol_voluntary"
    assert selected(html, "decide-kind") == "family_treatment"
    closed = client_for(cast.alice).get(reverse("web:investigation", args=[case.pk]))
    assert "Familjebehandling, SoL (frivillig)" in closed.content.decode()


def test_without_a_proposal_the_decision_form_starts_empty(cast, case):
    close_investigation(cast.alice, case, TODAY)
    html = decide_page(client_for(cast.alice), case)
    assert "Förifyllt från utredningens förslag" not in html
    assert selected(html, "decide-basis") == ""
    assert selected(html, "decide-kind") == ""


def test_the_user_may_decide_otherwise_than_proposed(cast, case):
    close_investigation(
        cast.alice, case, TODAY, proposed_basis="sol_voluntary", proposed_kind="contact_person"
    )
    response = client_for(cast.alice).post(
        reverse("web:interventions_decide", args=[case.pk]),
        {
            "decide-decided_on": TODAY.isoformat(),
            "decide-decided_by": "delegate",
            "decide-basis": "sol_voluntary",
            "decide-kind": "contact_family",
            "decide-start": TODAY.isoformat(),
            "decide-guardian_consent": "given",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert case.interventions.get().kind == "contact_family"


def test_a_proposal_belongs_only_to_an_outcome_that_proposes_an_intervention(cast, case):
    with pytest.raises(InvalidInput) as refused:
        close_investigation(
            cast.alice, case, TODAY, outcome="no_intervention", proposed_kind="contact_person"
        )
    assert list(refused.value.errors) == ["proposed_kind"]
    with pytest.raises(InvalidInput) as refused:
        close_investigation(cast.alice, case, TODAY, proposed_kind="help_without_assessment")
    assert list(refused.value.errors) == ["proposed_kind"]
    assert Investigation.objects.get(case=case).closed_on is None


def test_a_closed_investigations_proposal_cannot_be_changed(cast, case):
    close_investigation(cast.alice, case, TODAY, proposed_basis="lvu_2", outcome="lvu_application")
    with pytest.raises(StateConflict):
        close_investigation(cast.alice, case, TODAY, proposed_basis="sol_voluntary")
    with pytest.raises(DatabaseError), transaction.atomic():  # the append-only trigger
        Investigation.objects.filter(case=case).update(proposed_basis="sol_voluntary")
    assert Investigation.objects.get(case=case).proposed_basis == "lvu_2"
