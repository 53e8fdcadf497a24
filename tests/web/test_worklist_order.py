"""The work lists sort, filter and count by ``rules.next_due`` as they did by every obligation.

The lists run the rules engine's brief (``next_due``: no explanations) over every case and the
full evaluation only for the rows a page shows (decision 0046). On a generated dataset, on
several days, this compares them with the lists as the full evaluation of every case gives them:
the same cases in the same order, the same counts and filters, and each row's next obligation.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from skyddsnat.accounts.models import Role, User
from skyddsnat.cases.choices import Phase
from skyddsnat.cases.facts import facts_of_cases, rule_settings
from skyddsnat.cases.models import Case
from skyddsnat.rules import Status, evaluate
from skyddsnat.web import worklist

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 11)


@pytest.fixture
def dataset(frozen_today):
    frozen_today(TODAY)
    args = ["--reports", "500", "--municipalities", "2", "--seed", "7", "--today", str(TODAY)]
    call_command("generate_dataset", *args, "-v", "0", stdout=io.StringIO())


def _by_full_evaluation(cases, today: date) -> list[tuple]:
    """Return, for each case on the list, the row as evaluating all its obligations gives it:
    sorted by the first unmet obligation's due date (none last), then the child's name."""
    on_list = worklist.on_the_list(cases, today)
    names = {
        row["pk"]: row
        for row in on_list.values(
            "pk", "phase", "municipality_id", "child__first_name", "child__last_name"
        )
    }
    rows = []
    for fact_row in facts_of_cases(Case.objects.filter(pk__in=list(names))):
        row = names[fact_row.case_id]
        settings = rule_settings(row["municipality_id"])
        unmet = [o for o in evaluate(fact_row.facts, today, settings) if o.status.is_open]
        if row["phase"] == Phase.CLOSED and not unmet:
            continue
        name = (row["child__last_name"].casefold(), row["child__first_name"].casefold(), row["pk"])
        key = (1, date.max, *name) if not unmet else (0, unmet[0].due_date, *name)
        overdue = any(o.status is Status.OVERDUE for o in unmet)
        rows.append(
            (
                key,
                row["pk"],
                str(unmet[0].status) if unmet else "none",
                overdue,
                not overdue and any(o.status is Status.DUE_SOON for o in unmet),
                tuple(unmet),
            )
        )
    return sorted(rows)


def _as_listed(items: list[worklist.WorkItem]) -> list[tuple]:
    return [
        (
            item.sort_key(),
            item.case_id,
            item.status_code,
            item.is_overdue,
            item.is_due_soon,
            item.open_obligations,
        )
        for item in items
    ]


@pytest.mark.parametrize("days_before", [0, 40, 200])
def test_the_list_is_the_full_evaluations_whole_and_in_order(dataset, days_before):
    today = TODAY - timedelta(days=days_before)
    cases = Case.objects.all()
    items = worklist.work_items(cases, today)
    expected = _by_full_evaluation(cases, today)
    assert len(items) > 100
    assert _as_listed(items) == expected
    # Every status a filter keeps occurs, so the comparison covers each of them.
    assert {row[2] for row in expected} >= {"overdue", "due_soon", "open", "none"}
    counts = worklist.count(items)
    assert (counts.total, counts.overdue, counts.due_soon) == (
        len(expected),
        sum(1 for row in expected if row[3]),
        sum(1 for row in expected if row[4]),
    )
    assert [i.more_count for i in items] == [max(len(row[5]) - 1, 0) for row in expected]
    sunday = today + timedelta(days=6 - today.weekday())
    week = [row[1] for row in expected if row[5] and today <= row[5][0].due_date <= sunday]
    assert [i.case_id for i in items if worklist.due_this_week(i, today)] == week


def test_the_unit_view_shows_the_same_rows_in_the_same_order(dataset):
    manager = (
        User.objects.filter(role=Role.MANAGER, is_active=True)
        .annotate(n=Count("units"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    expected = _by_full_evaluation(worklist.unit_cases(manager), TODAY)
    client = Client()
    client.force_login(manager)
    for page, first in ((1, 0), (2, worklist.PER_PAGE)):
        html = client.get(f"/enhet/?page={page}").content.decode()
        part = html.split('aria-labelledby="cases-heading"', 1)[1].split("</section>", 1)[0]
        shown = [int(pk) for pk in re.findall(r'<tr id="case-row-(\d+)"', part)]
        assert shown == [row[1] for row in expected[first : first + worklist.PER_PAGE]]
    summary = html.split('id="unit-summary"', 1)[1].split("</section>", 1)[0]
    numbers = [int(n) for n in re.findall(r'<span class="count-number">(\d+)</span>', summary)]
    assert numbers == [
        sum(1 for row in expected if row[3]),
        sum(1 for row in expected if row[4]),
        len(expected),
    ]
