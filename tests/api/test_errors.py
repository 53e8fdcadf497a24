"""The error contract: Swedish messages per field, the right status, and nothing stored."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from skyddsnat.accounts.models import ApiToken
from tests.cast import local, pin_for
from tests.services.flow import open_investigation, report


def report_body(**changes):
    body = {
        "received_at": "2026-03-02T09:15:00+01:00",
        "channel": "phone",
        "reporter": {"category": "school"},
        "reasons": ["neglect"],
        "children": [{"personal_identity_number": pin_for(date(2015, 5, 17))}],
    }
    return {**body, **changes}


def bad_number() -> str:
    number = pin_for(date(2015, 5, 17))
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 20))
    return report(cast.alice, local(2026, 3, 2), [pin_for(date(2014, 1, 2))]).cases.get()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"children": [{"personal_identity_number": bad_number()}]},
            "children.0.personal_identity_number",
            "kontrollsiffran",
        ),
        ({"received_at": "2026-03-02T09:15:00"}, "received_at", "Ange tidpunkten med tidszon"),
        ({"channel": "fax"}, "channel", "Ogiltigt värde."),
        ({"reasons": ["neglect", "bad_luck"]}, "reasons.1", "Ogiltigt värde."),
        (
            {"children": [{"name": "Lillebror", "birth_date": "2019-02-30"}]},
            "children.0.birth_date",
            "Ange ett datum som ÅÅÅÅ-MM-DD.",
        ),
        (
            {"children": [{"name": "Lillebror"}]},
            "children.0.birth_date",
            "Ange barnets födelsedatum",
        ),
        ({"reporter": {}}, "reporter.category", "Fältet måste fyllas i."),
        ({"reasons": []}, "reasons", "Ange minst ett skäl"),
        ({"received_at": "2026-03-03T09:00:00+01:00"}, "received_at", "kan inte ligga i framtiden"),
        ({"urgent": True}, "urgent", "Okänt fält."),
    ],
)
def test_it_answers_bad_input_with_422_and_a_swedish_message_per_field(
    cast, frozen_today, api_as, changes, field, message
):
    frozen_today(date(2026, 3, 2))
    api = api_as(cast.ida)
    before = row_counts()
    r = api.post("/reports", report_body(**changes))
    assert r.status_code == 422
    body = r.json()
    assert body["detail"] == "Uppgifterna kunde inte sparas. Rätta fälten nedan."
    assert message in body["errors"][field][0], body
    assert row_counts() == before


def test_it_refuses_a_naive_time_for_the_protective_assessment(case, api_as, cast):
    r = api_as(cast.alice).post(
        f"/cases/{case.pk}/protective-assessment",
        {"made_at": "2026-03-02T11:00:00", "outcome": "no_immediate_need"},
    )
    assert r.status_code == 422
    assert r.json()["errors"] == {
        "made_at": ["Ange tidpunkten med tidszon, t.ex. 2026-03-02T09:15:00+01:00."]
    }


def test_it_answers_409_when_the_investigation_is_closed_twice(case, api_as, cast):
    open_investigation(cast.alice, case, date(2026, 3, 10))
    api = api_as(cast.alice)
    body = {"closed_at": "2026-03-20", "outcome": "no_intervention", "incomplete_reason": "Test."}
    assert api.post(f"/cases/{case.pk}/investigation/close", body).status_code == 200
    before = row_counts()
    r = api.post(f"/cases/{case.pk}/investigation/close", body)
    assert r.status_code == 409
    assert r.json() == {"detail": "Utredningen är avslutad och kan inte ändras.", "errors": {}}
    assert row_counts() == before


def test_a_failed_service_call_changes_nothing(case, api_as, cast):
    api = api_as(cast.alice)
    before = row_counts()
    r = api.post(
        f"/cases/{case.pk}/preliminary-assessment",
        {"decided_at": "2026-03-10", "outcome": "not_opened", "child_heard": False},
    )
    assert r.status_code == 422
    assert set(r.json()["errors"]) == {"reason", "child_not_heard_reason"}
    assert row_counts() == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/cases/{case}"),
        ("get", "/cases/{case}/obligations"),
        ("get", "/reports/{report}"),
        ("get", "/children/{child}/chronology"),
        ("post", "/cases/{case}/protective-assessment"),
        ("post", "/cases/{case}/close"),
    ],
)
def test_another_municipality_gets_404_never_403(case, api_as, cast, method, path):
    url = path.format(case=case.pk, report=case.report_id, child=case.child_id)
    body = {"made_at": "2026-03-02T11:00:00+01:00", "outcome": "no_immediate_need"}
    api = api_as(cast.sara)
    r = api.get(url) if method == "get" else api.post(url, body if "protective" in url else None)
    assert r.status_code == 404
    assert r.json()["detail"].endswith("finns inte.")


def test_an_unknown_intervention_is_404(case, api_as, cast):
    r = api_as(cast.alice).post(
        "/interventions/999999/visits", {"visited_at": "2026-03-20", "child_talked_alone": True}
    )
    assert r.status_code == 404
    assert r.json()["detail"] == "Insatsen finns inte."


def test_the_policy_answers_403_inside_the_municipality(case, api_as, cast):
    body = {"made_at": "2026-03-02T11:00:00+01:00", "outcome": "no_immediate_need"}
    r = api_as(cast.bob).post(f"/cases/{case.pk}/protective-assessment", body)
    assert r.status_code == 403
    assert r.json()["detail"] == "Du har inte behörighet att ändra i ärendet."
    assert api_as(cast.nils).get(f"/cases/{case.pk}").status_code == 403


def test_it_answers_401_without_a_valid_token(case, api_as, cast):
    assert api_as(None).get(f"/cases/{case.pk}").status_code == 401
    r = api_as(None).post("/reports", report_body())
    assert r.status_code == 401
    assert r.json()["detail"].startswith("Du måste vara inloggad.")
    assert r["WWW-Authenticate"].startswith("Bearer")
    revoked = ApiToken.issue(cast.alice)
    ApiToken.objects.filter(digest=ApiToken.digest_of(revoked)).update(revoked_at=local(2026, 3, 1))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {revoked}")
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 401
    token = ApiToken.issue(cast.bob)
    cast.bob.is_active = False
    cast.bob.save()
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(f"/api/v1/cases/{case.pk}").status_code
        == 401
    )


def test_the_browser_session_works_and_needs_the_csrf_token_to_write(case, cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice)
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 200
    url = f"/api/v1/cases/{case.pk}/followup-contacts"
    body = {"contacted_at": "2026-03-20"}
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"]
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    r = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=secret)
    assert r.status_code == 201, r.json()


DAY_PATHS = ["/children/{child}/chronology", "/cases/{case}/obligations"]


@pytest.mark.parametrize("path", DAY_PATHS)
@pytest.mark.parametrize("as_of", ["0001-01-01", "1899-12-31"])
def test_a_day_before_1900_is_a_422_naming_as_of(case, api_as, cast, path, as_of):
    """A day the calendar cannot count back from (year 1 gave a 500) is bad input."""
    url = path.format(child=case.child_id, case=case.pk)
    r = api_as(cast.alice).get(url, as_of=as_of)
    assert r.status_code == 422, r.content
    assert r.json()["errors"] == {"as_of": ["Ange ett datum från 1900-01-01 och framåt."]}


@pytest.mark.parametrize("path", DAY_PATHS)
def test_the_last_day_of_the_calendar_is_answered(case, api_as, cast, path):
    url = path.format(child=case.child_id, case=case.pk)
    r = api_as(cast.alice).get(url, as_of="9999-12-31")
    assert r.status_code == 200, r.content
    assert r.json()["as_of"] == "9999-12-31"
