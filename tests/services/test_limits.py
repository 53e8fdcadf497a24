"""Plausible limits (``skyddsnat/limits.py``): refused by the web and the API alike, in Swedish,
with nothing stored.

A report names at most 15 children; a free text holds at most 20 000 characters, and a short
text no more than its field; a report cannot have come in before 1982, nor a child have been
born before 1900; an extension moves the investigation's due date at most six months.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from skyddsnat import limits
from skyddsnat.accounts.models import ApiToken
from skyddsnat.errors import InvalidInput
from skyddsnat.intake.models import Report
from skyddsnat.investigations import services as investigations
from skyddsnat.investigations.models import ChildConversation, Extension
from skyddsnat.journal import services as journal
from skyddsnat.journal.models import JournalEntry
from skyddsnat.people.models import Guardian
from skyddsnat.people.services import register_guardian
from tests.api.conftest import Api
from tests.api.test_errors import report_body, row_counts
from tests.cast import local, pin_for
from tests.services.flow import case_about
from tests.web.casework import investigation_case
from tests.web.test_intake_pages import intake_data

TODAY = date(2026, 3, 2)
SAVE_FAILED = "Uppgifterna kunde inte sparas. Rätta fälten nedan."
LONGEST = limits.MAX_TEXT_CHARS


@pytest.fixture
def today(frozen_today):
    frozen_today(TODAY)


@pytest.fixture
def api(cast, today) -> Api:
    return Api(ApiToken.issue(cast.ida))


@pytest.fixture
def web(cast, today) -> Client:
    client = Client()
    client.force_login(cast.ida)
    return client


def children(n: int) -> list[dict]:
    return [{"personal_identity_number": pin_for(date(2010, 1, 1 + i), seed=i)} for i in range(n)]


def refused(response, field: str) -> str:
    """Return the message of the API's 422 about ``field`` (the only field refused)."""
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == SAVE_FAILED
    assert list(body["errors"]) == [field], body
    return body["errors"][field][0]


def intake_form(*numbers: str, **overrides) -> dict:
    return intake_data(*numbers, **{"received_date": "2026-03-02", **overrides})


# --- children per report ----------------------------------------------------------------------


def test_the_api_takes_15_children_and_refuses_16(api):
    before = row_counts()
    message = refused(api.post("/reports", report_body(children=children(16))), "children")
    assert message == (
        "En anmälan kan gälla högst 15 barn, inte 16. Registrera övriga barn i en ny anmälan."
    )
    assert row_counts() == before
    assert api.post("/reports", report_body(children=children(15))).status_code == 201


def test_the_web_form_refuses_16_children_and_offers_no_16th_row(web):
    numbers = [c["personal_identity_number"] for c in children(16)]
    response = web.post("/mottagning/", intake_form(*numbers))
    assert response.status_code == 422
    assert "En anmälan kan gälla högst 15 barn." in response.content.decode()
    assert not Report.objects.exists()

    full = web.post("/mottagning/", intake_form(*numbers[:15], add_child="1")).content.decode()
    assert 'name="children-14-personal_identity_number"' in full
    assert 'name="children-15-personal_identity_number"' not in full
    assert 'name="add_child"' not in full
    assert "En anmälan kan gälla högst 15 barn. Registrera övriga barn i en ny anmälan." in full


# --- free text --------------------------------------------------------------------------------


def test_the_api_takes_a_free_text_of_20000_characters_and_refuses_one_more(api):
    before = row_counts()
    message = refused(api.post("/reports", report_body(account="å" * (LONGEST + 1))), "account")
    assert message == (
        f"Texten i ”anmälarens berättelse” är för lång: högst {limits.number_sv(LONGEST)} "
        f"tecken, men den har {limits.number_sv(LONGEST + 1)}."
    )
    assert row_counts() == before
    assert api.post("/reports", report_body(account="å" * LONGEST)).status_code == 201


def test_the_web_refuses_a_free_text_too_long_next_to_the_field_and_keeps_it(web):
    account = "Lång berättelse. " * 1200  # 20 400 characters
    response = web.post("/mottagning/", intake_form(pin_for(date(2015, 5, 17)), account=account))
    assert response.status_code == 422
    html = response.content.decode()
    assert f"högst {limits.number_sv(LONGEST)} tecken, men den har" in html
    assert account.strip() in html  # still in the field, to be shortened
    assert not Report.objects.exists()


def test_a_casework_form_refuses_a_free_text_too_long_and_keeps_it(cast, frozen_today):
    frozen_today(TODAY)
    case = investigation_case(cast.alice, TODAY)
    client = Client()
    client.force_login(cast.alice)
    view = "Jag vill bo kvar hemma. " * 900  # 21 600 characters
    response = client.post(
        f"/arenden/{case.pk}/utredning/barnsamtal/",
        {
            "conversation-held_on": TODAY.isoformat(),
            "conversation-alone": "yes",
            "conversation-child_view": view,
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f"högst {limits.number_sv(LONGEST)} tecken, men den har" in html
    assert view.strip() in html
    assert not ChildConversation.objects.exists()


def test_the_api_refuses_a_short_text_longer_than_its_field(api):
    """PostgreSQL answered a 201-character reporter name with a 500; SQLite stored it."""
    before = row_counts()
    body = report_body(reporter={"category": "school", "name": "R" * 201})
    message = refused(api.post("/reports", body), "reporter_name")
    assert message == "Texten i ”anmälarens namn” är för lång: högst 200 tecken, men den har 201."
    assert row_counts() == before


def test_the_api_refuses_a_childs_name_longer_than_the_register_holds(api):
    before = row_counts()
    body = report_body(children=[{"name": "Lisa " + "L" * 101, "birth_date": "2019-02-01"}])
    message = refused(api.post("/reports", body), "children.0.name")
    assert message.startswith("Namnet är för långt: högst 100 tecken")
    assert row_counts() == before


def test_a_text_is_checked_when_it_is_written_and_only_then(cast, today):
    """A row stored before the limits existed can still change its other fields.

    (An unsigned draft: the registered report, which this was once shown on, can no longer be
    changed at all; ``tests/db/test_append_only.py``.)
    """
    case = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 5, 17)))
    draft = journal.write_note(acting_user=cast.ida, case_id=case.pk, text="Utkast", sign=False)
    JournalEntry.objects.filter(pk=draft.pk).update(text="x" * (LONGEST + 1))
    draft.refresh_from_db()
    draft.created_at = local(2026, 3, 2, 11)
    draft.save(update_fields=["created_at"])
    with pytest.raises(InvalidInput) as exc:
        draft.save()
    assert list(exc.value.errors) == ["text"]
    assert JournalEntry.objects.get(pk=draft.pk).created_at == local(2026, 3, 2, 11)


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "received_at",
    ["0001-01-01T00:00:00+01:00", "1000-06-01T09:00:00+01:00", "1981-12-31T12:00:00+01:00"],
)
def test_the_api_refuses_a_report_received_before_1982(api, received_at):
    """Year 1 was a 500 (the time could not be converted); year 1000 was stored."""
    before = row_counts()
    message = refused(api.post("/reports", report_body(received_at=received_at)), "received_at")
    assert message == (
        "Tidpunkten då anmälan kom in kan inte vara före 1982-01-01. Kontrollera året."
    )
    assert row_counts() == before


def test_the_web_refuses_a_report_received_in_year_1(web):
    form = intake_form(pin_for(date(2015, 5, 17)), received_date="0001-01-01")
    response = web.post("/mottagning/", form)
    assert response.status_code == 422
    assert "kan inte vara före 1982-01-01" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("child", "field"),
    [
        ({"name": "Lisa Lind", "birth_date": "0001-01-01"}, "children.0.birth_date"),
        ({"name": "Lisa Lind", "birth_date": "1899-12-31"}, "children.0.birth_date"),
        (
            {"personal_identity_number": pin_for(date(1899, 12, 31))},
            "children.0.personal_identity_number",
        ),
    ],
)
def test_the_api_refuses_a_child_born_before_1900(api, child, field):
    before = row_counts()
    message = refused(api.post("/reports", report_body(children=[child])), field)
    assert message == (
        "Födelsedatumet kan inte vara före 1900-01-01. Kontrollera numret eller datumet."
    )
    assert row_counts() == before


def test_a_guardian_born_before_1900_is_refused(cast, today):
    child = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 5, 17))).child
    with pytest.raises(InvalidInput) as exc:
        register_guardian(
            acting_user=cast.ida, child=child, personal_identity_number=pin_for(date(1899, 1, 1))
        )
    assert "före 1900-01-01" in exc.value.errors["personal_identity_number"][0]
    assert not Guardian.objects.exists()


# --- extensions of an investigation -----------------------------------------------------------


@pytest.fixture
def case(cast, today):
    """Alice's case; the investigation opened 30 days ago, due 2026-05-31."""
    return investigation_case(cast.alice, TODAY)


def extend(cast, case, new_due: date):
    return investigations.extend_investigation(
        acting_user=cast.alice,
        case_id=case.pk,
        decided_on=TODAY,
        decided_by="committee",
        reason="Väntar på BUP:s bedömning.",
        new_due_date=new_due,
    )


def test_an_extension_moves_the_due_date_at_most_six_months(cast, case):
    with pytest.raises(InvalidInput) as exc:
        extend(cast, case, date(2026, 12, 1))
    assert exc.value.errors == {
        "new_due_date": [
            "En förlängning får flytta slutdatumet högst 6 månader, till 2026-11-30. "
            "Utredningen förlängs för viss tid; behövs mer tid senare fattas ett nytt beslut "
            "om förlängning."
        ]
    }
    assert not Extension.objects.exists()
    assert extend(cast, case, date(2026, 11, 30)).new_due_date == date(2026, 11, 30)


def test_the_api_refuses_an_extension_to_the_end_of_time(cast, case):
    """9999-12-31 was taken, and the case showed "2912106 dagar kvar"."""
    api = Api(ApiToken.issue(cast.alice))
    before = row_counts()
    body = {
        "decided_at": TODAY.isoformat(),
        "decided_by": "committee",
        "reason": "Väntar på BUP.",
        "new_due_date": "9999-12-31",
    }
    response = api.post(f"/cases/{case.pk}/investigation/extensions", body)
    assert "högst 6 månader, till 2026-11-30" in refused(response, "new_due_date")
    assert row_counts() == before
    obligations = api.get(f"/cases/{case.pk}/obligations").json()["obligations"]
    assert {o["due_date"] for o in obligations if o["kind"] == "investigation"} == {"2026-05-31"}


def test_the_web_refuses_an_extension_to_the_end_of_time_next_to_the_field(cast, case):
    client = Client()
    client.force_login(cast.alice)
    response = client.post(
        f"/arenden/{case.pk}/utredning/forlangning/",
        {
            "extension-decided_on": TODAY.isoformat(),
            "extension-decided_by": "committee",
            "extension-reason": "Väntar på BUP.",
            "extension-new_due_date": "9999-12-31",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "högst 6 månader, till 2026-11-30" in html
    assert "2912106 dagar kvar" not in client.get(f"/arenden/{case.pk}/").content.decode()
    assert not Extension.objects.exists()
