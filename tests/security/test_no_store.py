"""No browser or proxy keeps a copy of an answer with personal data: ``Cache-Control: no-store``.

Only the login page said so before; a case page, a search result or an API answer could be
read back from the browser's cache after logging out. Static files stay cacheable.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from skyddsnat.accounts.models import ApiToken
from tests.web.builders import named_case


@pytest.fixture
def case(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    return named_case(cast.alice, date(2026, 3, 10), "Ebba Lindqvist", seed=11)


def is_never_stored(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_a_case_page_and_a_search_result_are_never_stored(cast, case):
    client = Client()
    client.force_login(cast.alice)
    page = client.get(f"/arenden/{case.pk}/")
    assert page.status_code == 200 and "Ebba" in page.content.decode()
    assert is_never_stored(page)
    results = client.post("/sok/", {"q": "Lindqvist"}, follow=True)
    assert "Ebba Lindqvist" in results.content.decode()
    assert is_never_stored(results)
    refused = client.get("/arenden/999999/")
    assert refused.status_code == 404 and is_never_stored(refused)


def test_an_api_answer_is_never_stored(cast, case):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(cast.alice)}")
    answer = api.get(f"/api/v1/cases/{case.pk}")
    assert answer.status_code == 200
    assert is_never_stored(answer)
    chronology = api.get(f"/api/v1/children/{case.child_id}/chronology")
    assert chronology.status_code == 200 and is_never_stored(chronology)


def test_a_static_file_keeps_its_caching():
    from skyddsnat.nostore import NoStoreMiddleware

    cached = HttpResponse("body { }", content_type="text/css")
    cached["Cache-Control"] = "max-age=3600, public"
    middleware = NoStoreMiddleware(lambda request: cached)
    answer = middleware(RequestFactory().get("/static/web/skyddsnat.css"))
    assert answer["Cache-Control"] == "max-age=3600, public"
