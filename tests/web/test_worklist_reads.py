"""Mina ärenden reads the caller's cases, not the database's (issue 13, decision 0020).

Every statement of the page that reads the cases table is explained by the database itself:

- on PostgreSQL, run again under ``EXPLAIN (ANALYZE, FORMAT JSON)`` with sequential scans
  switched off and the tables analysed (so that the small test database is planned as a large
  one would be), counting
  the rows each plan node read from the cases table (those returned and those its filter threw
  away, over all its loops): never more than the caller's own cases;
- on SQLite, ``EXPLAIN QUERY PLAN``: the cases table is never scanned, only searched through the
  primary key, an index on the responsible caseworker, or (for the facts: an investigation open
  in another case of the same child) the child.

The database holds many more cases than Alice's: Bob's in the same unit (which Alice may read,
but which are not on her list) and unassigned ones; of her own, many closed long ago.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.db import connection, transaction
from django.test import Client

from skyddsnat.cases.models import Case
from tests.cast import local
from tests.plans import Statement, recording, rows_read
from tests.web.builders import bulk_cases, story

TODAY = date(2026, 3, 11)
URL = "/arenden/"


@pytest.fixture
def crowded(cast, frozen_today):
    """Alice's story, and 350 cases that are not hers (Bob's, nobody's) and 50 of hers closed long ago."""
    frozen_today(TODAY)
    story(cast, TODAY)
    bulk_cases(cast, 300, responsible=cast.bob, unit=cast.inv_unit, today=TODAY, offset=100)
    old = bulk_cases(cast, 50, responsible=cast.alice, unit=cast.inv_unit, today=TODAY, offset=500)
    Case.objects.filter(pk__in=[c.pk for c in old]).update(
        phase="closed", closed_at=local(2024, 1, 10)
    )
    bulk_cases(cast, 50, responsible=None, unit=cast.inv_unit, today=TODAY, offset=600)
    return cast


def _reads_of_the_page(user) -> list[Statement]:
    client = Client()
    client.force_login(user)
    statements: list[Statement] = []
    with recording(statements):
        response = client.get(URL)
    assert response.status_code == 200
    return [
        s for s in statements if '"cases_case"' in s.sql and s.sql.lstrip().startswith("SELECT")
    ]


def test_my_cases_reads_no_case_outside_the_callers_own(crowded):
    alice = crowded.alice
    statements = _reads_of_the_page(alice)
    assert statements, "the page read no cases"
    own = Case.objects.filter(responsible=alice).count()
    others = Case.objects.exclude(responsible=alice).count()
    assert others > 5 * own  # the database is much larger than Alice's cases

    if connection.vendor == "postgresql":
        # Statistics, as a production database has them (autovacuum): without them the planner
        # may guess that a merge join over a whole index beats seven primary-key lookups.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for statement in statements:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement.sql, statement.params)
                (result,) = cursor.fetchone()
            plan = (json.loads(result) if isinstance(result, str) else result)[0]["Plan"]
            for read in rows_read(plan, "cases_case"):
                assert read <= own, f"{read} case rows read (Alice has {own}): {statement.sql}"
    else:
        for statement in statements:
            aliases = {"cases_case"} | set(re.findall(r'"cases_case" (\w+)', statement.sql))
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + statement.sql, statement.params)
                details = [row[-1] for row in cursor.fetchall()]
            for detail in details:
                words = detail.split()
                if len(words) < 2 or words[1] not in aliases:
                    continue
                # Django reuses an alias (U0) in each subquery: an index SQLite made for a
                # unique constraint names its table, and another table's is no case read.
                autoindex = re.search(r"sqlite_autoindex_(\w+?)_\d+\b", detail)
                if autoindex and autoindex.group(1) != "cases_case":
                    continue
                assert words[0] == "SEARCH", f"{detail}: {statement.sql}"
                # By id, by the caller (the list), or by the child of one of her cases (a fact:
                # an investigation open in another case of the same child).
                assert any(
                    k in detail for k in ("PRIMARY KEY", "responsible_id=?", "child_id=?")
                ), f"{detail}: {statement.sql}"


def test_the_closed_cases_kept_are_those_closed_since_the_start_of_the_day_half_a_year_ago(
    cast, frozen_today
):
    """The bound on ``closed_at`` is the local day's start (it was a date comparison)."""
    from skyddsnat.web import worklist

    frozen_today(TODAY)
    first_day = TODAY - worklist.CLOSED_CASES_KEPT
    kept = worklist.kept_from(TODAY)
    assert kept == local(first_day.year, first_day.month, first_day.day, 0)
