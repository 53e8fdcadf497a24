"""Utredning: the investigation workspace — each form saves through its service, a failed save
shows a Swedish message next to the field, keeps the input and stores nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.cases.facts import case_obligations
from skyddsnat.investigations import bbic
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import (
    ChildConversation,
    Communication,
    Extension,
    ExternalRequest,
    Investigation,
    OpeningInformation,
    TriangleAssessment,
)
from tests.web.casework import investigation_case

TODAY = date(2026, 3, 2)
HEALTH = "child_development.health"


@pytest.fixture
def case(cast, frozen_today):
    """Alice's case; the investigation opened 30 days ago (due 2026-05-31)."""
    frozen_today(TODAY)
    return investigation_case(cast.alice, TODAY)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice(cast) -> Client:
    return client_for(cast.alice)


def url(name: str, case, *args) -> str:
    return reverse(f"web:investigation{name}", args=[case.pk, *args])


def inv(case) -> Investigation:
    return Investigation.objects.get(case=case)


# --- the page ---------------------------------------------------------------------------------


def test_it_lays_out_the_triangle_by_side_and_sub_area(alice, case):
    response = alice.get(url("", case))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Barnets utveckling", "Föräldrarnas förmåga", "Familj och miljö"):
        assert heading in html
    for area in ("Hälsa", "Grundläggande omsorg", "Lokalsamhälle och social integrering"):
        assert area in html
    assert 'id="area-child_development-health"' in html
    assert "Utredningsplan" in html and "Avsluta och signera utredningen" in html


def test_it_shows_another_municipalitys_case_as_not_found(cast, case):
    sara = client_for(cast.sara)
    assert sara.get(url("", case)).status_code == 404
    response = sara.post(url("_plan", case), {"plan-questions": "x", "plan-version": "1"})
    assert response.status_code == 404
    assert inv(case).plan_questions == ""


def test_it_shows_a_colleague_the_investigation_read_only(cast, case):
    bob = client_for(cast.bob)
    html = bob.get(url("", case)).content.decode()
    assert "Du kan läsa utredningen men inte ändra den" in html
    assert "Spara planen" not in html
    assert bob.post(url("_plan", case), {"plan-questions": "x"}).status_code == 403


# --- plan -------------------------------------------------------------------------------------


def test_it_saves_the_plan_and_returns_to_it(alice, case):
    response = alice.post(
        url("_plan", case),
        {
            "plan-questions": "Hur har Anna det i skolan?",
            "plan-contacts": "Skolan, BUP",
            "plan-child_participation": "Samtal i skolan.",
            "plan-version": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/utredning/#plan")
    investigation = inv(case)
    assert investigation.plan_questions == "Hur har Anna det i skolan?"
    assert investigation.version == 2


def test_it_refuses_a_stale_plan_and_keeps_what_was_typed(alice, case):
    alice.post(url("_plan", case), {"plan-questions": "Först", "plan-version": "1"})
    response = alice.post(url("_plan", case), {"plan-questions": "Sent", "plan-version": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "har ändrats av någon annan" in html
    assert "Sent" in html
    assert inv(case).plan_questions == "Först"


# --- triangle ---------------------------------------------------------------------------------


def area_data(text="Frisk, går på BVC.", rating="strength", sources=("child", "health_care")):
    prefix = "area-child_development-health"
    data = {f"{prefix}-text": text, f"{prefix}-sources": list(sources), f"{prefix}-version": ""}
    if rating:
        data[f"{prefix}-rating"] = rating
    return data


def test_it_saves_one_sub_area_in_place_with_htmx(alice, case):
    response = alice.post(url("_area", case, HEALTH), area_data(), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<article") and 'id="area-child_development-health"' in html
    assert "Området är sparat." in html and "Styrka" in html
    row = TriangleAssessment.objects.get(investigation__case=case, area=HEALTH)
    assert (row.text, row.rating, row.sources) == (
        "Frisk, går på BVC.",
        "strength",
        ["child", "health_care"],
    )


def test_it_saves_a_sub_area_without_javascript(alice, case):
    response = alice.post(url("_area", case, HEALTH), area_data(rating="concern"))
    assert response.status_code == 302
    assert response["Location"].endswith("#area-child_development-health")
    page = alice.get(response["Location"]).content.decode()
    assert "Området är sparat." in page and "checked" in page


def test_it_asks_for_a_rating_next_to_the_field_and_stores_nothing(alice, case):
    response = alice.post(url("_area", case, HEALTH), area_data(rating=""), HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_area-child_development-health-rating_error"' in html
    assert "Välj bedömning: styrka, oro eller inte utrett." in html
    assert 'aria-describedby="id_area-child_development-health-rating_error"' in html
    assert "Frisk, går på BVC." in html
    assert not TriangleAssessment.objects.exists()


def test_it_does_not_know_a_sub_area_outside_the_triangle(alice, case):
    assert alice.post(url("_area", case, "child_development.magic"), area_data()).status_code == 404


# --- child conversations ----------------------------------------------------------------------


def conversation(alone="yes", held_on=TODAY, view="Jag vill bo kvar hemma.", present=""):
    return {
        "conversation-held_on": held_on.isoformat(),
        "conversation-alone": alone,
        "conversation-present": present,
        "conversation-child_view": view,
    }


def test_it_records_a_conversation_and_shows_the_childs_view(alice, case):
    response = alice.post(url("_conversation", case), conversation(), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<blockquote>Jag vill bo kvar hemma.</blockquote>" in html
    assert "enskilt med barnet" in html
    assert ChildConversation.objects.get().is_signed


def test_it_refuses_a_conversation_in_the_future_and_keeps_the_childs_words(alice, case):
    data = conversation(held_on=TODAY + timedelta(days=1), alone="no")
    response = alice.post(url("_conversation", case), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Datumet kan inte ligga i framtiden." in html
    assert "Ange vem som var med i samtalet." in html
    assert "Jag vill bo kvar hemma." in html
    assert not ChildConversation.objects.exists()


# --- requests to other actors -----------------------------------------------------------------


def test_it_shows_how_long_a_request_has_waited_and_registers_the_answer(alice, case):
    sent = TODAY - timedelta(days=12)
    alice.post(url("_request", case), {"request-actor": "school", "request-sent_on": sent})
    request = ExternalRequest.objects.get()
    html = alice.get(url("", case)).content.decode()
    assert "väntar sedan 12 dagar" in html and "Registrera svar" in html
    response = alice.post(
        url("_answer", case, request.pk),
        {f"answer-{request.pk}-answered_on": TODAY.isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "svar efter 12 dagar" in response.content.decode()
    request.refresh_from_db()
    assert request.answered_on == TODAY


def test_it_refuses_an_answer_before_the_request(alice, case):
    sent = TODAY - timedelta(days=3)
    alice.post(url("_request", case), {"request-actor": "police", "request-sent_on": sent})
    request = ExternalRequest.objects.get()
    before = (sent - timedelta(days=1)).isoformat()
    response = alice.post(
        url("_answer", case, request.pk), {f"answer-{request.pk}-answered_on": before}
    )
    assert response.status_code == 422
    assert "Svaret kan inte komma före begäran." in response.content.decode()
    request.refresh_from_db()
    assert request.answered_on is None


def test_it_asks_whom_a_request_went_to(alice, case):
    response = alice.post(url("_request", case), {"request-sent_on": TODAY.isoformat()})
    assert response.status_code == 422
    assert 'id="id_request-actor_error"' in response.content.decode()
    assert not ExternalRequest.objects.exists()


# --- communication and extension --------------------------------------------------------------


def test_it_records_the_communication_and_asks_with_whom(alice, case):
    day = TODAY.isoformat()
    bad = alice.post(url("_communication", case), {"communication-communicated_on": day})
    assert bad.status_code == 422 and not Communication.objects.exists()
    ok = alice.post(
        url("_communication", case),
        {"communication-communicated_on": day, "communication-party": "Vårdnadshavare"},
    )
    assert ok.status_code == 302
    assert inv(case).communicated_on == TODAY


def extension(decided_on, new_due, reason="Väntar på BUP."):
    return {
        "extension-decided_on": decided_on.isoformat(),
        "extension-decided_by": "committee",
        "extension-reason": reason,
        "extension-new_due_date": new_due.isoformat(),
    }


def test_it_records_an_extension_that_moves_the_due_date(alice, case):
    html = alice.get(url("", case)).content.decode()
    assert "2026-05-31" in html and "innan sista dag har passerat" in html
    response = alice.post(url("_extension", case), extension(TODAY, date(2026, 7, 31)))
    assert response.status_code == 302
    assert "2026-07-31" in alice.get(url("", case)).content.decode()


def test_it_explains_an_extension_that_does_not_move_the_due_date(alice, case):
    response = alice.post(url("_extension", case), extension(TODAY, date(2026, 5, 1), reason=""))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Det nya slutdatumet måste vara senare än det nuvarande (2026-05-31)." in html
    assert not Extension.objects.exists()


# --- closing ----------------------------------------------------------------------------------


def closing(closed_on=TODAY, **extra):
    return {
        "close-closed_on": closed_on.isoformat(),
        "close-outcome": "intervention",
        "close-analysis": "Anna behöver stöd.",
        "close-support_person_offered": "no",
        "close-child_view_documented": "yes",
        "close-incomplete_reason": "Familjen har flyttat.",
        "close-confirm": "on",
        **extra,
    }


def test_it_says_what_is_missing_before_closing_and_asks_why_and_for_confirmation(alice, case):
    html = alice.get(url("", case)).content.decode()
    missing = html.split('id="close-missing"', 1)[1].split("</div>", 1)[0]
    assert "12 av 12 områden i BBIC-triangeln saknar beskrivning: Hälsa, Utbildning" in missing
    assert "Materialet har inte kommunicerats med parterna." in missing
    no_reason = {k: v for k, v in closing().items() if k != "close-incomplete_reason"}
    response = alice.post(url("_close", case), no_reason)
    assert response.status_code == 422
    assert "Skriv varför utredningen ändå avslutas." in response.content.decode()
    unconfirmed = {k: v for k, v in closing().items() if k != "close-confirm"}
    response = alice.post(url("_close", case), unconfirmed)
    assert response.status_code == 422
    assert "Bekräfta att du vill avsluta och signera utredningen." in response.content.decode()
    assert inv(case).closed_on is None
    # With a reason and the confirmation it closes, and the reason is part of the record.
    assert alice.post(url("_close", case), closing()).status_code == 302
    assert inv(case).closed_incomplete_reason == "Familjen har flyttat."
    assert "Familjen har flyttat." in alice.get(url("", case)).content.decode()


def test_a_complete_investigation_closes_without_a_reason(alice, cast, case):
    investigation = inv(case)
    for area in bbic.area_codes(investigation.bbic_version):
        investigations.assess_triangle_area(
            acting_user=cast.alice, case_id=case.pk, area=area, text="Beskrivet.", rating="strength"
        )
    investigations.record_communication(
        acting_user=cast.alice, case_id=case.pk, communicated_on=TODAY, party="Vårdnadshavare"
    )
    html = alice.get(url("", case)).content.decode()
    assert "Innan utredningen avslutas saknas" not in html
    assert "Varför utredningen avslutas ändå" not in html
    data = {k: v for k, v in closing().items() if k != "close-incomplete_reason"}
    assert alice.post(url("_close", case), data).status_code == 302
    assert inv(case).closed_incomplete_reason == ""


def test_it_closes_the_investigation_and_then_shows_it_read_only(alice, case):
    response = alice.post(url("_close", case), closing())
    assert response.status_code == 302
    investigation = inv(case)
    assert investigation.is_signed and investigation.outcome == "intervention"
    html = alice.get(url("", case)).content.decode()
    assert "Utredningen är avslutad och signerad." in html
    assert (
        "Spara planen" not in html
        and "<form" not in html.split('id="plan"')[1].split("</section>")[0]
    )
    assert "Anna behöver stöd." in html


def test_it_asks_for_the_delay_reasons_when_closing_late(alice, cast, frozen_today):
    late_today = date(2026, 7, 1)
    frozen_today(late_today)
    case = investigation_case(cast.alice, late_today, opened_days_ago=150)
    html = alice.get(url("", case)).content.decode()
    assert "Avslutas den i dag är den" in html and "dagar sen" in html
    response = alice.post(url("_close", case), closing(late_today))
    assert response.status_code == 422
    assert "Ange skälen till förseningen." in response.content.decode()
    response = alice.post(
        url("_close", case), closing(late_today, **{"close-delay_reasons": "other"})
    )
    assert "Beskriv det andra skälet." in response.content.decode()
    assert not inv(case).is_signed


def test_it_asks_why_the_childs_view_is_not_documented(alice, case):
    response = alice.post(url("_close", case), closing(**{"close-child_view_documented": "no"}))
    assert response.status_code == 422
    assert "Skriv varför barnets inställning inte är dokumenterad." in response.content.decode()
    assert inv(case).closed_on is None


def test_it_changes_nothing_in_a_closed_investigation(alice, case):
    alice.post(url("_close", case), closing())
    before = inv(case)
    response = alice.post(url("_plan", case), {"plan-questions": "Ändrat", "plan-version": "2"})
    assert response.status_code == 409
    assert "Utredningen är avslutad och kan inte ändras." in response.content.decode()
    response = alice.post(url("_area", case, HEALTH), area_data(), HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "Utredningen är avslutad och kan inte ändras." in response.content.decode()
    after = inv(case)
    assert (after.plan_questions, after.version) == (before.plan_questions, before.version)
    assert not TriangleAssessment.objects.exists()


# --- the information that the investigation was opened (20 kap. 4 § SoL 2025:400) ---------------


def information_duty(case) -> list[str]:
    return [
        o.status.value
        for o in case_obligations(case, TODAY)
        if o.kind == "investigation_information"
    ]


def test_the_caseworker_records_the_opening_information_and_the_duty_is_met(alice, case):
    opened = inv(case).opened_on
    assert information_duty(case) == ["overdue"]
    html = alice.get(url("", case)).content.decode()
    assert 'id="information"' in html and "Ingen information är registrerad." in html
    bad = alice.post(
        url("_information", case),
        {"information-recipient": "guardians", "information-informed_on": opened.isoformat()},
    )
    assert bad.status_code == 422 and not OpeningInformation.objects.exists()
    assert "Ange hur informationen lämnades" in bad.content.decode()
    ok = alice.post(
        url("_information", case),
        {
            "information-recipient": "guardians",
            "information-informed_on": opened.isoformat(),
            "information-method": "Telefonsamtal med mamma och pappa",
        },
    )
    assert ok.status_code == 302
    html = alice.get(url("", case)).content.decode()
    assert "Telefonsamtal med mamma och pappa" in html
    reason = "Barnet informeras efter samtalet med föräldrarna, enligt skolkuratorns råd."
    ok = alice.post(
        url("_information", case),
        {
            "information-recipient": "child",
            "information-informed_on": opened.isoformat(),
            "information-withheld_reason": reason,
        },
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 200 and reason in ok.content.decode()
    assert information_duty(case) == ["met"]
    assert OpeningInformation.objects.filter(signed_by=case.responsible).count() == 2
    html = alice.get(url("", case)).content.decode()
    assert "information-save" not in html  # both recorded: no form


def test_the_opening_information_cannot_be_recorded_twice(alice, case):
    data = {
        "information-recipient": "guardians",
        "information-informed_on": TODAY.isoformat(),
        "information-method": "Brev",
    }
    assert alice.post(url("_information", case), data).status_code == 302
    again = alice.post(url("_information", case), data)
    assert again.status_code == 409
    assert "Informationen är redan registrerad." in again.content.decode()
    assert OpeningInformation.objects.count() == 1
