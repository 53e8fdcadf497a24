"""The work lists issue the same number of SQL queries for 10 cases as for 200 (no N+1).

A list keeps each case's next due date between requests (decision 0052), with the first unmet
obligation in words of the rows it showed, so a list is counted in its three states: nothing
kept (the facts of every case read, the dates kept, then the words of the rows shown), everything
kept (no facts read) and one case changed since (the facts of that case, read again for its
words when it is shown).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skyddsnat.cases.models import Case, NextDueMemo
from tests.web.builders import bulk_cases, story

TODAY = date(2026, 3, 11)
#: A bound on each page, so that a new query per page is a decision, not an accident. The
#: unit view's caseload reads the children placed and the units' targets (decision 0031), and
#: the cases' facts also read the jourhem stays, LUL statements and youth services (0034), and
#: the protected-housing orders under lag (2024:79) with their considerations (0043).
#: With nothing kept the dates and then the words of the rows shown are written, each on
#: SQLite in a transaction of its own (0052).
MAX_QUERIES = 40


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
    few = _states(viewer, url)
    bulk_cases(cast, 190, responsible=owner, unit=cast.inv_unit, today=TODAY, offset=10)
    many = _states(viewer, url)
    print(f"{url}: {few} queries with 10 cases, {many} with 200 (nothing kept, all, all but one)")
    assert few == many
    assert max(many) <= MAX_QUERIES


def _states(viewer, url: str) -> tuple[int, int, int]:
    NextDueMemo.objects.all().delete()
    cold = _queries(viewer, url)
    warm = _queries(viewer, url)
    changed = Case.objects.filter(next_due_memo__isnull=False).order_by("pk")[0]
    Case.objects.filter(pk=changed.pk).update(version=changed.version)  # the trigger stamps it
    return cold, warm, _queries(viewer, url)
