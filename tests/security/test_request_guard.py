"""The request guard: a text that cannot be stored, or a body too large, is refused in Swedish.

Before the guard a NUL in a text was stored on SQLite and a 500 on PostgreSQL, a lone surrogate
(``"\\ud800"`` in JSON) a 500 on both, and a body of 2 MB was taken in whole. Now the API answers
422 with the contract's error document, naming the field, or 413 for a body over the limit; the
web a page that says what happened. Nothing is stored. Run on both databases (``.ci/run``).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from skyddsnat import limits
from skyddsnat.accounts.models import ApiToken
from skyddsnat.journal.models import FormDraft
from tests.api.conftest import Api
from tests.api.test_errors import report_body, row_counts
from tests.cast import local, pin_for
from tests.services.flow import case_about, open_investigation

SAVE_FAILED = "Uppgifterna kunde inte sparas. Rätta fälten nedan."


@pytest.fixture
def today(frozen_today):
    frozen_today(date(2026, 3, 2))


def api_as(user) -> Api:
    return Api(ApiToken.issue(user))


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"account": "Barnet\x00 är hungrigt."}, "account", "nolltecken (NUL)"),
        ({"reporter": {"category": "school", "name": "Rektor\x00"}}, "reporter.name", "NUL"),
        (
            {"children": [{"name": "Lisa \ud800Lind", "birth_date": "2019-02-01"}]},
            "children.0.name",
            "ensamt surrogattecken",
        ),
        ({"account": "\udfff"}, "account", "ensamt surrogattecken"),
        ({"reporter": {"category": "school", "na\x00me": "x"}}, "reporter", "fältnamn"),
    ],
)
def test_the_api_refuses_a_text_that_cannot_be_stored_naming_the_field(
    cast, today, changes, field, words
):
    api = api_as(cast.ida)
    before = row_counts()
    r = api.post("/reports", report_body(**changes))
    assert r.status_code == 422
    body = r.json()
    assert body["detail"] == SAVE_FAILED
    assert list(body["errors"]) == [field]
    assert words in body["errors"][field][0]
    assert row_counts() == before


def test_the_api_refuses_a_nul_in_the_query_string(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 5, 17)))
    r = api_as(cast.ida).get(f"/children/{case.child_id}/chronology", note="a\x00b")
    assert r.status_code == 422
    assert r.json()["detail"] == "Frågan innehåller ogiltiga värden. Rätta fälten nedan."
    assert "nolltecken" in r.json()["errors"]["note"][0]


def test_the_api_refuses_a_body_over_the_limit_with_413(cast, today):
    api = api_as(cast.ida)
    before = row_counts()
    r = api.post("/reports", report_body(account="x" * (limits.MAX_BODY_BYTES + 1)))
    assert r.status_code == 413
    body = r.json()
    one_mib = limits.number_sv(1024 * 1024)
    assert body["detail"].startswith(f"Begäran är för stor: högst {one_mib} byte får skickas.")
    assert body["errors"] == {}
    assert row_counts() == before


def test_the_api_answers_json_nested_deeper_than_it_reads_with_400(cast, today):
    api = api_as(cast.ida)
    deep = "[" * 100_000 + "]" * 100_000
    r = api.client.post("/api/v1/reports", deep, content_type="application/json")
    assert r.status_code == 400
    assert r.json()["detail"] == "Begäran kunde inte läsas. Skicka giltig JSON."


def test_the_web_search_refuses_a_nul_with_a_page_that_says_why(cast, today):
    response = logged_in(cast.ida).get("/sok/", {"q": "Lind\x00"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Adressen kan inte användas" in html
    assert "nolltecken" in html


def test_the_web_refuses_a_form_over_the_body_limit_with_413(cast, today):
    client = logged_in(cast.ida)
    before = row_counts()
    data = {
        "children-TOTAL_FORMS": "1",
        "children-INITIAL_FORMS": "0",
        "children-0-personal_identity_number": pin_for(date(2015, 5, 17)),
        "received_date": "2026-03-02",
        "received_time": "09:15",
        "channel": "phone",
        "reporter_category": "school",
        "reasons": ["neglect"],
        "urgency": "normal",
        "account": "x" * (limits.MAX_BODY_BYTES + 1),
    }
    response = client.post("/mottagning/", data)
    assert response.status_code == 413
    assert "Begäran är för stor" in response.content.decode()
    assert row_counts() == before


def test_a_draft_with_a_nul_is_not_saved_and_says_why(cast, frozen_today):
    """The autosave reads no form, so its service checks the texts itself."""
    frozen_today(date(2026, 3, 20))
    case = case_about(cast.alice, local(2026, 3, 2), pin_for(date(2015, 5, 17)))
    open_investigation(cast.alice, case, date(2026, 3, 10))
    response = logged_in(cast.alice).post(
        f"/arenden/{case.pk}/utkast/investigation.plan/",
        {"plan-questions": "Vad\x00 behöver barnet?"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "nolltecken" in response.content.decode()
    assert not FormDraft.objects.exists()
