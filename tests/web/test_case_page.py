"""Ärende – översikt: the report, the child, the timeline, and the actions of intake."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.intake.models import FollowUpContact, PreliminaryAssessment, ReporterFeedback
from skyddsnat.people.services import register_guardian
from tests.cast import local, pin_for
from tests.services.flow import ACCOUNT, case_about, decide_preliminary

ANNA = pin_for(date(2015, 5, 17), "girl")
GUARDIAN = pin_for(date(1985, 1, 2), "girl", seed=3)


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return case_about(cast.ida, local(2026, 3, 18), ANNA)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(case) -> str:
    return reverse("web:case", args=[case.pk])


def preliminary(case, **fields) -> dict:
    prefix = f"preliminary-{case.pk}"
    data = {"form_key": "preliminary", f"{prefix}-decided_on": "2026-03-20"}
    data.update({f"{prefix}-{k}": v for k, v in fields.items()})
    return data


def test_it_shows_the_report_the_timeline_and_the_forms(cast, case):
    html = client_for(cast.ida).get(url(case)).content.decode()
    assert "Rektor Testsson" in html and ACCOUNT in html
    assert "Brister i omsorgen" in html
    assert "Orosanmälan registrerad (Skola)." in html
    assert "Besluta förhandsbedömning" in html and "Spara skyddsbedömning" in html
    assert 'aria-current="page"' in html  # the Översikt tab


def test_it_opens_the_investigation_when_the_outcome_is_opened(cast, case):
    response = client_for(cast.ida).post(
        url(case), preliminary(case, outcome="opened", child_heard="yes")
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == "investigation"
    assert hasattr(case, "investigation")


def test_the_decider_may_name_the_caseworker_who_investigates(cast, case):
    html = client_for(cast.ida).get(url(case)).content.decode()
    field = f'name="preliminary-{case.pk}-caseworker"'
    assert field in html and "Handläggare som utreder" in html
    options = html.split(field, 1)[1].split("</select>", 1)[0]
    # The investigation units' caseworkers only: not Carl (intake unit), nor Maja (manager).
    assert "Alice Testsson" in options and "Bob Testsson" in options
    assert "Carl" not in options and "Maja" not in options
    response = client_for(cast.ida).post(
        url(case), preliminary(case, outcome="opened", child_heard="yes", caseworker=cast.bob.pk)
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.unit, case.responsible) == (cast.inv_unit, cast.bob)


def test_without_a_named_caseworker_the_case_waits_in_the_unit_queue(cast, case):
    response = client_for(cast.ida).post(
        url(case), preliminary(case, outcome="opened", child_heard="yes")
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.unit, case.responsible) == (cast.inv_unit, None)


def test_a_caseworker_of_another_unit_is_refused_with_a_message(cast, case):
    response = client_for(cast.ida).post(
        url(case), preliminary(case, outcome="opened", child_heard="yes", caseworker=cast.carl.pk)
    )
    assert response.status_code in (400, 422)
    assert "Välj en handläggare i en utredningsenhet." in response.content.decode()
    assert not PreliminaryAssessment.objects.filter(case=case).exists()


def test_it_asks_why_the_child_was_not_heard_and_keeps_the_answers(cast, case):
    response = client_for(cast.ida).post(
        url(case), preliminary(case, outcome="opened", child_heard="no", note="Min motivering")
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Skriv varför barnet inte kom till tals. Det ska alltid dokumenteras." in html
    assert f'id="id_preliminary-{case.pk}-child_not_heard_reason_error"' in html
    assert f'href="#id_preliminary-{case.pk}-child_not_heard_reason"' in html
    assert "Min motivering" in html
    assert (
        f'value="no" class="choices" required id="id_preliminary-{case.pk}-child_heard_1" checked'
        in html
    )
    assert not PreliminaryAssessment.objects.exists()


def test_it_asks_whether_the_child_was_heard(cast, case):
    html = (
        client_for(cast.ida).post(url(case), preliminary(case, outcome="opened")).content.decode()
    )
    assert "Ange om barnet har kommit till tals." in html
    assert not PreliminaryAssessment.objects.exists()


def test_it_asks_for_the_protective_action(cast, case):
    prefix = f"protective-{case.pk}"
    data = {
        "form_key": "protective",
        f"{prefix}-made_date": "2026-03-20",
        f"{prefix}-made_time": "08:00",
        f"{prefix}-outcome": "immediate_need",
    }
    refused = client_for(cast.ida).post(url(case), data)
    assert refused.status_code == 422
    assert "Ange vilken skyddsåtgärd som vidtogs." in refused.content.decode()
    data[f"{prefix}-action"] = "other_protective_action"
    assert client_for(cast.ida).post(url(case), data).status_code == 302
    again = client_for(cast.ida).post(url(case), data)
    assert again.status_code == 409
    assert "Åtgärden går inte längre att göra i ärendet." in again.content.decode()


def test_it_records_reporter_feedback_and_follow_up_after_the_decision(cast, case):
    decide_preliminary(
        cast.ida, case, date(2026, 3, 20), "not_opened", reason="no_concern_confirmed"
    )
    client = client_for(cast.ida)
    html = client.get(url(case)).content.decode()
    assert "Registrera återkoppling" in html and "Registrera uppföljande kontakt" in html
    feedback = {"form_key": "feedback", f"feedback-{case.pk}-sent_on": "2026-03-20"}
    assert client.post(url(case), feedback).status_code == 302
    followup = {"form_key": "followup", f"followup-{case.pk}-contacted_on": "2026-03-20"}
    assert client.post(url(case), followup).status_code == 302
    assert ReporterFeedback.objects.filter(case=case).exists()
    assert FollowUpContact.objects.filter(case=case).exists()
    assert "Registrera återkoppling" not in client.get(url(case)).content.decode()


def test_feedback_not_given_as_inappropriate_on_the_case_page(cast, case):
    """19 kap. 6 § andra stycket SoL: the reason is required; the case page then says so."""
    decide_preliminary(
        cast.ida, case, date(2026, 3, 20), "not_opened", reason="no_concern_confirmed"
    )
    client = client_for(cast.ida)
    prefix = f"feedback_withheld-{case.pk}"
    data = {"form_key": "feedback_withheld", f"{prefix}-decided_on": "2026-03-20"}
    refused = client.post(url(case), {**data, f"{prefix}-withheld_reason": ""})
    assert refused.status_code == 422
    assert "Ange varför återkoppling vore olämplig" in refused.content.decode()
    reason = "Anmälaren är part i en vårdnadstvist om barnet."
    assert client.post(url(case), {**data, f"{prefix}-withheld_reason": reason}).status_code == 302
    html = client.get(url(case)).content.decode()
    assert "Återkoppling lämnas inte till anmälaren" in html and reason in html
    assert "Registrera återkoppling" not in html


def test_it_records_a_later_request_for_feedback_once(cast, frozen_today):
    """The school asks after the report came in (19 kap. 6 § SoL): recorded on the case page."""
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.ida, local(2026, 3, 18), ANNA, feedback_requested=False)
    client = client_for(cast.ida)
    assert "Registrera begäran" in client.get(url(case)).content.decode()
    asked = {
        "form_key": "feedback_request",
        f"feedback_request-{case.pk}-requested_on": "2026-03-19",
    }
    assert client.post(url(case), asked).status_code == 302
    assert case.report.feedback_request.requested_on == date(2026, 3, 19)
    assert "Registrera begäran" not in client.get(url(case)).content.decode()


def test_it_hides_another_municipalitys_case(cast, case):
    assert client_for(cast.sara).get(url(case)).status_code == 404
    assert client_for(cast.sara).post(url(case), preliminary(case)).status_code == 404


@pytest.mark.parametrize("who", ["nils", "ana"])
def test_it_refuses_the_committee_and_the_analyst(cast, case, who):
    assert client_for(getattr(cast, who)).get(url(case)).status_code == 403


def test_it_lets_a_colleague_read_but_not_decide(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 18), ANNA)
    html = client_for(cast.bob).get(url(case)).content.decode()
    assert "Besluta förhandsbedömning" not in html
    data = preliminary(case, outcome="opened", child_heard="yes")
    assert client_for(cast.bob).post(url(case), data).status_code == 403
    assert not PreliminaryAssessment.objects.exists()


def _with_addresses(cast, case, protected: bool) -> None:
    child = case.child
    child.address, child.phone, child.protected_identity = "Lönngatan 7", "070-1234567", protected
    child.save()
    relation = register_guardian(
        acting_user=cast.ida, child=child, personal_identity_number=GUARDIAN, first_name="Mia"
    )
    relation.guardian.address = "Lönngatan 7"
    relation.guardian.phone = "070-7654321"
    relation.guardian.save()


def test_it_never_shows_addresses_of_a_child_with_protected_identity(cast, case):
    _with_addresses(cast, case, protected=True)
    html = client_for(cast.ida).get(url(case)).content.decode()
    assert "Skyddade personuppgifter" in html
    assert "Lönngatan" not in html and "070-" not in html


def test_it_shows_addresses_when_the_identity_is_not_protected(cast, case):
    _with_addresses(cast, case, protected=False)
    html = client_for(cast.ida).get(url(case)).content.decode()
    assert "Lönngatan 7" in html and "070-7654321" in html


def test_each_timeline_item_is_headed_by_what_happened(cast, case):
    html = client_for(cast.ida).get(url(case)).content.decode()
    timeline = html.split('id="timeline-heading"', 1)[1].split("</section>", 1)[0]
    headings = re.findall(r'<h3 class="entry-title">([^<]+)</h3>', timeline)
    assert headings == ["Anmälan registrerad"]
    # The preliminary assessment decided and the case handed over: newest first.
    client_for(cast.ida).post(url(case), preliminary(case, outcome="opened", child_heard="yes"))
    # Handed over, the case is the investigating unit's (intake no longer reads it: 0035).
    html = client_for(cast.maja).get(url(case)).content.decode()
    timeline = html.split('id="timeline-heading"', 1)[1].split("</section>", 1)[0]
    headings = re.findall(r'<h3 class="entry-title">([^<]+)</h3>', timeline)
    assert headings[:2] == ["Överlämnat till utredning", "Förhandsbedömning beslutad"]
    assert headings[-1] == "Anmälan registrerad"
    assert "Händelse" not in headings


def test_every_event_a_service_appends_has_a_heading():
    """A new event code without a heading would show as *Händelse* in every timeline."""
    from skyddsnat.journal.events import EVENT_TITLES

    source = Path(__file__).resolve().parents[2] / "src" / "skyddsnat"
    codes = {
        code
        for path in source.rglob("*.py")
        for code in re.findall(r'event="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
    # Codes built from a kind (plans/services.py: f"plan.{kind}.saved") are listed by hand.
    from skyddsnat.plans.choices import PlanKind

    codes |= {f"plan.{kind}.{step}" for kind in PlanKind.values for step in ("saved", "signed")}
    assert len(codes) > 15
    assert sorted(codes - EVENT_TITLES.keys()) == []
