"""The work lists issue the same number of SQL queries for 10 cases as for 200 (no N+1)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.web.builders import bulk_cases, story

TODAY = date(2026, 3, 11)
#: A bound on each page, so that a new query per page is a decision, not an accident. The
#: unit view's caseload reads the children placed and the units' targets (decision 0031), and
#: the cases' facts also read the jourhem stays, LUL statements and youth services (0034), and
#: the protected-housing orders under lag (2024:79) with their considerations (0043).
MAX_QUERIES = 31


def _queries(user, url: str) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url", "user", "responsible", "in_story"),
    [("/arenden/", "alice", "alice", 7), ("/enhet/", "maja", "bob", 9)],
)
def test_the_query_count_does_not_grow_with_the_cases(
    cast, frozen_today, url, user, responsible, in_story
):
    frozen_today(TODAY)
    story(cast, TODAY)  # investigations, a placement with a visit, feedback, an unassigned case
    viewer, owner = getattr(cast, user), getattr(cast, responsible)
    bulk_cases(cast, 10 - in_story, responsible=owner, unit=cast.inv_unit, today=TODAY)
    few = _queries(viewer, url)
    bulk_cases(cast, 190, responsible=owner, unit=cast.inv_unit, today=TODAY, offset=10)
    many = _queries(viewer, url)
    print(f"{url}: {few} queries with 10 cases, {many} with 200")
    assert few == many
    assert many <= MAX_QUERIES
