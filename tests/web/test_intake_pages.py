"""Mottagning: the intake form, its lookups, and the result page with chronology and assessments."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from skyddsnat.cases.models import Case
from skyddsnat.intake.models import Report
from skyddsnat.people.models import Child
from tests.cast import local, pin_for
from tests.services.flow import case_about

ANNA = pin_for(date(2015, 5, 17), "girl")
OLLE = pin_for(date(2017, 9, 3), "boy", seed=2)
BAD = ANNA[:-1] + str((int(ANNA[-1]) + 1) % 10)  # right shape, wrong check digit
URL = "/mottagning/"


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 20))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def intake_data(*numbers: str, **overrides: str) -> dict:
    data = {
        "children-TOTAL_FORMS": str(len(numbers)),
        "children-INITIAL_FORMS": "0",
        "received_date": "2026-03-20",
        "received_time": "09:15",
        "channel": "phone",
        "reporter_category": "school",
        "reporter_name": "Rektor Rask",
        "reasons": ["neglect"],
        "account": "Syskonen kommer till skolan utan mat.",
        "urgency": "normal",
    }
    for i, number in enumerate(numbers):
        data[f"children-{i}-personal_identity_number"] = number
    data.update(overrides)
    return data


def test_it_shows_the_empty_form_with_defaults(cast, today):
    response = client_for(cast.ida).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2026-03-20"' in html
    assert '<option value="phone" selected>' in html
    assert 'id="id_urgency_2" checked' in html
    assert 'name="children-0-personal_identity_number"' in html
    assert "autofocus" in html


def test_it_registers_one_report_with_two_siblings(cast, today):
    response = client_for(cast.ida).post(URL, intake_data(ANNA, OLLE))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:intake_result", args=[report.pk])
    assert report.cases.count() == 2
    assert report.reporter_mandatory  # school: derived from the category
    assert report.received_at == local(2026, 3, 20, 9, 15)
    assert {c.child.personal_identity_number for c in report.cases.all()} == {ANNA, OLLE}


def test_it_registers_a_child_without_a_number(cast, today):
    data = intake_data(
        "", **{"children-0-name": "Lisa Lind", "children-0-birth_date": "2019-02-01"}
    )
    client_for(cast.ida).post(URL, data)
    child = Case.objects.get().child
    assert (child.first_name, child.last_name, child.birth_date) == (
        "Lisa",
        "Lind",
        date(2019, 2, 1),
    )


def test_it_shows_a_bad_number_next_to_the_field_keeps_the_text_and_stores_nothing(cast, today):
    response = client_for(cast.ida).post(URL, intake_data(ANNA, BAD))
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_children-1-personal_identity_number_error"' in html
    assert "är inte ett giltigt personnummer" in html
    assert 'aria-invalid="true"' in html
    assert f'value="{BAD}"' in html and 'value="Rektor Rask"' in html
    assert "Syskonen kommer till skolan utan mat." in html
    assert 'href="#id_children-1-personal_identity_number"' in html  # the error summary
    assert not Report.objects.exists() and not Child.objects.exists()


def test_it_asks_for_name_and_birth_date_without_a_number(cast, today):
    response = client_for(cast.ida).post(URL, intake_data("", reasons=[]))
    html = response.content.decode()
    assert "Ange barnets namn när personnumret inte är känt." in html
    assert "Ange minst ett skäl till oron." in html
    assert not Report.objects.exists()


def test_it_adds_a_child_row_and_keeps_what_was_typed(cast, today):
    data = intake_data(ANNA, add_child="1")
    response = client_for(cast.ida).post(URL, data)
    html = response.content.decode()
    assert 'name="children-TOTAL_FORMS" value="2"' in html
    assert 'name="children-1-personal_identity_number"' in html
    assert f'value="{ANNA}"' in html and 'value="Rektor Rask"' in html
    assert "errorlist" not in html
    assert not Report.objects.exists()


def test_it_adds_a_child_row_as_an_htmx_fragment(cast, today):
    data = intake_data(ANNA, add_child="1")
    response = client_for(cast.ida).post(URL, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith("{#") is False
    assert '<fieldset id="children"' in html and "<html" not in html


def test_it_looks_up_a_known_child(cast, today):
    case_about(cast.ida, local(2026, 1, 5), ANNA)
    Child.objects.filter(personal_identity_number=ANNA).update(first_name="Anna", last_name="Berg")
    response = client_for(cast.ida).post(
        reverse("web:intake_child"), {"children-0-personal_identity_number": ANNA}
    )
    assert "Anna Berg" in response.content.decode()
    assert "1 tidigare anmälan" in response.content.decode()


def test_the_lookup_keeps_the_number_out_of_the_address(cast, today):
    """The number field asks by POST with the page's CSRF token, sending only itself; an
    address with the number in it is refused."""
    case_about(cast.ida, local(2026, 1, 5), ANNA)
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.ida)
    page = client.get(URL).content.decode()
    field = re.search(r'<input[^>]*name="children-0-personal_identity_number"[^>]*>', page)
    assert 'hx-post="/mottagning/barn/"' in field.group(0)
    assert 'hx-params="children-0-personal_identity_number"' in field.group(0)
    assert "hx-get" not in field.group(0)
    lookup = reverse("web:intake_child")
    assert client.get(lookup, {"children-0-personal_identity_number": ANNA}).status_code == 405
    number = {"children-0-personal_identity_number": ANNA}
    assert client.post(lookup, number).status_code == 403  # without the token
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    answer = client.post(lookup, number, HTTP_X_CSRFTOKEN=token)
    assert "Känt barn" in answer.content.decode()


def test_it_explains_a_bad_number_in_the_lookup_and_says_nothing_while_typing(cast, today):
    lookup = reverse("web:intake_child")
    client = client_for(cast.ida)
    assert (
        "giltigt"
        in client.post(lookup, {"children-0-personal_identity_number": BAD}).content.decode()
    )
    assert (
        client.post(lookup, {"x-personal_identity_number": "2015"}).content.decode().strip() == ""
    )


def test_it_presets_mandatory_from_the_category(cast, today):
    client = client_for(cast.ida)
    school = client.get(reverse("web:intake_mandatory"), {"reporter_category": "school"})
    relative = client.get(reverse("web:intake_mandatory"), {"reporter_category": "relative"})
    assert "checked" in school.content.decode()
    assert "checked" not in relative.content.decode()


@pytest.mark.parametrize(("received", "checked"), [("2026-01-14", False), ("2026-01-15", True)])
def test_it_presets_mandatory_by_the_list_on_the_received_date(cast, today, received, checked):
    """19 kap. 1 § SoL as amended from 2026-01-15 names security guards (ordningsvakter)."""
    query = {"reporter_category": "security_guard", "received_date": received}
    html = client_for(cast.ida).get(reverse("web:intake_mandatory"), query).content.decode()
    assert ('id="id_reporter_mandatory" checked' in html) is checked


def test_it_records_the_reporters_request_for_feedback(cast, today):
    """A mandatory reporter's request (19 kap. 6 § SoL) is recorded with the day it came in."""
    data = intake_data(
        ANNA,
        reporter_mandatory="on",
        mandatory_preset_for="school",
        reporter_feedback_requested="on",
    )
    assert client_for(cast.ida).post(URL, data).status_code == 302
    assert Report.objects.get().feedback_request.requested_on == date(2026, 3, 20)


def test_it_refuses_a_request_for_feedback_from_a_reporter_without_the_duty(cast, today):
    data = intake_data(ANNA, reporter_category="relative", reporter_feedback_requested="on")
    response = client_for(cast.ida).post(URL, data)
    assert response.status_code == 422
    assert "anmälningsskyldiga anmälare" in response.content.decode()
    assert not Report.objects.exists()


def test_it_keeps_an_unticked_preset_box(cast, today):
    data = intake_data(ANNA, mandatory_preset_for="school")  # preset, then unticked
    client_for(cast.ida).post(URL, data)
    assert Report.objects.get().reporter_mandatory is False


@pytest.mark.parametrize("who", ["nils", "ana", "adam"])
def test_it_refuses_users_who_may_not_register(cast, today, who):
    assert client_for(getattr(cast, who)).get(URL).status_code == 403


def test_it_shows_the_chronology_with_flags_and_the_assessment_forms(cast, today):
    case_about(cast.ida, local(2026, 1, 5), ANNA, category="police")
    client = client_for(cast.ida)
    client.post(URL, intake_data(ANNA, OLLE))
    report = Report.objects.order_by("-pk").first()
    html = client.get(reverse("web:intake_result", args=[report.pk])).content.decode()
    assert "Anmälningar från två eller fler olika håll de senaste 6 månaderna." in html
    assert "Polis" in html and "denna anmälan" in html
    # The two siblings are decided together: one form each, a fieldset per child (0025).
    assert html.count("Besluta förhandsbedömningarna") == 1
    assert html.count("Spara skyddsbedömningarna") == 1
    assert html.count('class="group sibling"') == 4


def test_it_decides_a_preliminary_assessment_from_the_result_page(cast, today):
    client = client_for(cast.ida)
    client.post(URL, intake_data(ANNA))
    report = Report.objects.get()
    case = report.cases.get()
    prefix = f"preliminary-{case.pk}"
    url = reverse("web:intake_result", args=[report.pk])
    post = {"form_key": "preliminary", "case": case.pk, f"{prefix}-decided_on": "2026-03-20"}
    refused = client.post(
        url, {**post, f"{prefix}-outcome": "opened", f"{prefix}-child_heard": "no"}
    )
    assert refused.status_code == 422
    assert "Skriv varför barnet inte kom till tals." in refused.content.decode()
    done = client.post(url, {**post, f"{prefix}-outcome": "opened", f"{prefix}-child_heard": "yes"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.phase == "investigation"


def test_it_hides_another_municipalitys_report(cast, today):
    client_for(cast.ida).post(URL, intake_data(ANNA))
    report = Report.objects.get()
    url = reverse("web:intake_result", args=[report.pk])
    assert client_for(cast.sara).get(url).status_code == 404


def test_it_refuses_the_same_child_twice_and_says_so_at_the_top(cast, today):
    response = client_for(cast.ida).post(URL, intake_data(ANNA, ANNA.replace("2015", "15", 1)))
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="children-errors"' in html and 'href="#children-errors"' in html
    assert "Samma barn är angivet två gånger." in html
    assert not Report.objects.exists()
