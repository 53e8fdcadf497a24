"""Siblings together on the report page: one protective and one preliminary assessment form for
the children of a report, each child's own record, all or nothing (decision 0025)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.cases.models import Case
from skyddsnat.intake.models import PreliminaryAssessment, ProtectiveAssessment, ReporterFeedback
from tests.cast import local, pin_for
from tests.services.flow import report

ANNA = pin_for(date(2015, 5, 17), "girl")
OLLE = pin_for(date(2017, 9, 3), "boy", seed=2)


@pytest.fixture
def siblings(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    r = report(cast.ida, local(2026, 3, 20, 9), [ANNA, OLLE])
    return r, list(r.cases.order_by("pk"))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(r) -> str:
    return reverse("web:intake_siblings", args=[r.pk])


def protective(cases, **own) -> dict:
    p = f"siblings_protective-r{cases[0].report_id}"
    data = {
        "form_key": "siblings_protective",
        "case": [c.pk for c in cases],
        f"{p}-made_date": "2026-03-20",
        f"{p}-made_time": "10:00",
    }
    for c in cases:
        data[f"{p}-include_{c.pk}"] = "on"
        data[f"{p}-outcome_{c.pk}"] = "no_immediate_need"
    data.update({f"{p}-{k}": v for k, v in own.items()})
    return data


def preliminary(cases, **own) -> dict:
    p = f"siblings_preliminary-r{cases[0].report_id}"
    data = {
        "form_key": "siblings_preliminary",
        "case": [c.pk for c in cases],
        f"{p}-decided_on": "2026-03-20",
        f"{p}-chronology_considered": "on",
    }
    for c in cases:
        data[f"{p}-include_{c.pk}"] = "on"
        data[f"{p}-outcome_{c.pk}"] = "opened"
        data[f"{p}-child_heard_{c.pk}"] = "yes"
    data.update({f"{p}-{k}": v for k, v in own.items()})
    return data


def test_the_report_page_offers_one_form_per_decision_for_the_siblings(cast, siblings):
    r, (anna, olle) = siblings
    html = client_for(cast.ida).get(reverse("web:intake_result", args=[r.pk])).content.decode()
    assert "Skyddsbedömning för syskonen" in html and "Förhandsbedömning för syskonen" in html
    assert f'id="siblings_preliminary-r{r.pk}-case-{olle.pk}"' in html
    assert f'name="siblings_protective-r{r.pk}-include_{anna.pk}" id=' in html
    # The single forms are not offered beside the joint ones.
    assert "Spara skyddsbedömning<" not in html


def test_the_reporters_request_for_feedback_is_offered_once_for_the_report(cast, siblings):
    r = report(
        cast.ida,
        local(2026, 3, 20, 10),
        [pin_for(date(2019, 1, 1), "boy", 5), ANNA],
        feedback_requested=False,
    )
    html = client_for(cast.ida).get(reverse("web:intake_result", args=[r.pk])).content.decode()
    assert html.count("Registrera begäran") == 1


def test_one_post_decides_both_protective_assessments(cast, siblings):
    r, cases = siblings
    anna, olle = cases
    response = client_for(cast.ida).post(
        url(r), protective(cases, **{f"note_{olle.pk}": "Olle hos mormor."})
    )
    assert response.status_code == 302
    assert ProtectiveAssessment.objects.filter(case__in=cases).count() == 2
    assert ProtectiveAssessment.objects.get(case=olle).note == "Olle hos mormor."
    assert ProtectiveAssessment.objects.get(case=anna).note == ""


def test_an_error_for_one_child_is_shown_at_that_childs_field_and_nothing_is_saved(cast, siblings):
    r, cases = siblings
    anna, olle = cases
    response = client_for(cast.ida).post(
        url(r),
        preliminary(
            cases,
            **{f"child_heard_{olle.pk}": "no", f"outcome_{anna.pk}": "not_opened"},
        ),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Skriv varför barnet inte kom till tals." in html
    assert "Ange skälet till att utredning inte inleds." in html
    # The summary names the child whose field is wrong.
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert "Varför inte?" in summary and "– " in summary
    assert f'href="#id_siblings_preliminary-r{r.pk}-child_not_heard_reason_{olle.pk}"' in html
    assert not PreliminaryAssessment.objects.exists()
    assert {c.phase for c in Case.objects.filter(report=r)} == {"assessment"}


def test_one_post_opens_both_investigations(cast, siblings):
    r, cases = siblings
    response = client_for(cast.ida).post(url(r), preliminary(cases))
    assert response.status_code == 302
    assert {c.phase for c in Case.objects.filter(report=r)} == {"investigation"}
    assert all(a.chronology_considered for a in PreliminaryAssessment.objects.all())


def test_a_child_not_ticked_is_left_for_later(cast, siblings):
    r, cases = siblings
    anna, olle = cases
    data = preliminary(cases)
    del data[f"siblings_preliminary-r{r.pk}-include_{olle.pk}"]
    assert client_for(cast.ida).post(url(r), data).status_code == 302
    anna.refresh_from_db()
    olle.refresh_from_db()
    assert (anna.phase, olle.phase) == ("investigation", "assessment")
    # Olle alone is now offered the single form.
    html = client_for(cast.ida).get(reverse("web:intake_result", args=[r.pk])).content.decode()
    assert f'id="preliminary-{olle.pk}"' in html


def test_no_child_ticked_is_a_clear_error(cast, siblings):
    r, cases = siblings
    data = preliminary(cases)
    for c in cases:
        del data[f"siblings_preliminary-r{r.pk}-include_{c.pk}"]
    response = client_for(cast.ida).post(url(r), data)
    assert response.status_code == 422
    assert "Välj minst ett barn som beslutet gäller." in response.content.decode()


def test_a_decision_already_made_is_a_conflict(cast, siblings):
    r, cases = siblings
    client = client_for(cast.ida)
    assert client.post(url(r), protective(cases)).status_code == 302
    assert client.post(url(r), protective(cases)).status_code == 409


def test_a_caseworker_who_may_not_change_one_childs_case_is_refused(cast, siblings):
    r, (anna, olle) = siblings
    olle.unit, olle.responsible = cast.inv_unit, cast.alice
    olle.save(update_fields=["unit", "responsible"])
    response = client_for(cast.alice).post(url(r), protective([anna, olle]))
    assert response.status_code == 403
    assert not ProtectiveAssessment.objects.exists()


def test_a_case_of_another_report_is_not_found(cast, siblings):
    r, (anna, _) = siblings
    other = report(cast.ida, local(2026, 3, 20, 10), [pin_for(date(2019, 1, 1), "boy", 5)])
    data = protective([anna])
    data["case"] = [anna.pk, other.cases.get().pk]
    assert client_for(cast.ida).post(url(r), data).status_code == 404


def test_the_reporter_feedback_is_given_once_for_both(cast, siblings):
    r, cases = siblings
    client = client_for(cast.ida)
    data = preliminary(cases)
    p = f"siblings_preliminary-r{r.pk}"
    for c in cases:
        data[f"{p}-outcome_{c.pk}"] = "not_opened"
        data[f"{p}-reason_{c.pk}"] = "no_concern_confirmed"
    assert client.post(url(r), data).status_code == 302
    html = client.get(reverse("web:intake_result", args=[r.pk])).content.decode()
    assert html.count("Registrera återkopplingen") == 1
    assert "Registrera återkoppling<" not in html
    feedback = {
        "form_key": "siblings_feedback",
        "case": [c.pk for c in cases],
        f"siblings_feedback-r{r.pk}-sent_on": "2026-03-20",
        **{f"siblings_feedback-r{r.pk}-include_{c.pk}": "on" for c in cases},
    }
    assert client.post(url(r), feedback).status_code == 302
    assert ReporterFeedback.objects.filter(case__in=cases).count() == 2


def test_the_page_answers_get_with_405(cast, siblings):
    r, _ = siblings
    assert client_for(cast.ida).get(url(r)).status_code == 405
