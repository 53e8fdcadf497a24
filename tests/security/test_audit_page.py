"""The manager's audit page answers "who has read this child's file, when, and why"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from skyddsnat.accounts.models import ApiToken
from skyddsnat.cases.models import Case
from tests.cast import local, pin_for
from tests.services.flow import case_about, report
from tests.web.builders import named_case


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_manager_sees_who_read_a_childs_file_in_words_and_no_case_text(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    case = named_case(cast.alice, date(2026, 3, 10), "Ebba Lindqvist", seed=11)
    Case.objects.filter(pk=case.pk).update(unit=cast.inv_unit)
    client_for(cast.bob).get(f"/arenden/{case.pk}/")
    page = client_for(cast.maja).get(f"/enhet/logg/?barn={case.child_id}")
    assert page.status_code == 200
    rows = log_rows(page.content.decode())
    bobs = [row for row in rows if "Bob Testsson" in row]
    # When, who, what, the child by name, the case, the record in words, the channel in words.
    assert [row[1:] for row in bobs] == [
        [
            "Bob Testsson",
            "Läsning",
            "Ebba Lindqvist",
            f"Ärende {case.pk}",
            f"Ärende {case.pk}",
            "Webben",
            "",
        ]
    ]
    # Registered by Alice with its protective assessment; none of it in code words.
    text = " ".join(" ".join(row) for row in rows)
    assert "Alice Testsson Registrering Ebba Lindqvist" in text and "Skyddsbedömning" in text
    assert "intake." not in text and "cases." not in text and "web" not in text.split()
    html = page.content.decode()
    assert case.child.personal_identity_number not in html
    assert case.report.account and case.report.account not in html


def test_every_model_has_a_word_in_the_log():
    """A record type new to the log is named in words, never as ``app.model``."""
    from django.apps import apps

    from skyddsnat.audit.labels import OBJECT_LABELS

    labels = {
        m._meta.label_lower for m in apps.get_models() if m.__module__.startswith("skyddsnat")
    }
    assert sorted(labels - OBJECT_LABELS.keys()) == []


def test_another_units_case_is_not_in_the_managers_log(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    case = named_case(cast.carl, date(2026, 3, 10), "Noah Eriksson", seed=12)
    Case.objects.filter(pk=case.pk).update(unit=cast.intake_unit)
    client_for(cast.carl).get(f"/arenden/{case.pk}/")
    html = client_for(cast.maja).get(f"/enhet/logg/?barn={case.child_id}").content.decode()
    assert "Carl Testsson" not in html


def test_only_managers_see_the_log(cast):
    assert client_for(cast.bob).get("/enhet/logg/").status_code == 403
    assert client_for(cast.adam).get("/enhet/logg/").status_code == 403


# --- every read of anything about the child is in the child's log ------------------------------

ANNA = pin_for(date(2015, 5, 17), "girl")


def log_rows(html: str) -> list[list[str]]:
    """Return the log table's rows as their cells' text."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def reads_in_log(manager, reader, child_id: int) -> list[list[str]]:
    """Return the rows of ``reader``'s reads in ``manager``'s log of the child."""
    html = client_for(manager).get(f"/enhet/logg/?barn={child_id}").content.decode()
    name = reader.get_full_name()
    return [row for row in log_rows(html) if name in row and "Läsning" in row]


@pytest.fixture
def annas_case(cast, frozen_today):
    """Anna's case in Maja's unit (the investigation unit), registered by Alice."""
    frozen_today(date(2026, 3, 18))
    case = case_about(cast.alice, local(2026, 3, 2, 9), ANNA)
    Case.objects.filter(pk=case.pk).update(unit=cast.inv_unit)
    return case


def test_a_read_of_the_childs_chronology_through_the_api_is_in_the_childs_log(cast, annas_case):
    assert reads_in_log(cast.maja, cast.ida, annas_case.child_id) == []
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.ida)}")
    assert api.get(f"/api/v1/children/{annas_case.child_id}/chronology").status_code == 200
    [row] = reads_in_log(cast.maja, cast.ida, annas_case.child_id)
    assert "API" in row and f"Barn {annas_case.child_id}" in row
    # Once the child has no case in Maja's units, her log of the child is empty.
    Case.objects.filter(pk=annas_case.pk).update(unit=cast.intake_unit)
    html = client_for(cast.maja).get(f"/enhet/logg/?barn={annas_case.child_id}").content.decode()
    assert log_rows(html) == []


def test_a_read_of_the_childs_chronology_at_intake_is_in_the_childs_log(cast, annas_case):
    """A new report about Anna, in another unit: its result page shows her earlier report."""
    new = report(cast.carl, local(2026, 3, 18, 9), [ANNA])
    Case.objects.filter(report=new).update(unit=cast.intake_unit)
    assert reads_in_log(cast.maja, cast.ida, annas_case.child_id) == []
    page = client_for(cast.ida).get(f"/mottagning/anmalan/{new.pk}/")
    assert page.status_code == 200
    assert "2026-03-02" in page.content.decode()  # the earlier report, in the chronology
    [row] = reads_in_log(cast.maja, cast.ida, annas_case.child_id)
    assert "Webben" in row and f"Ärende {new.cases.get().pk}" in row


def test_a_case_shown_in_the_apis_case_list_is_in_the_childs_log(cast, annas_case):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.ida)}")
    assert api.get("/api/v1/cases").status_code == 200
    html = client_for(cast.maja).get(f"/enhet/logg/?barn={annas_case.child_id}").content.decode()
    [row] = [row for row in log_rows(html) if "Ida Testsson" in row]
    assert "Läsning (i en lista)" in row and f"Ärende {annas_case.pk}" in row and "API" in row
