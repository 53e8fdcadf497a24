"""A work list keeps each case's next due date between requests, and never shows a stale one
(decision 0052).

What a caseworker sees must not depend on whether the dates were kept: the same rows, in the
same order, with the same counts. A write through a service changes the list at once; so does
a new day (a time limit passes); so does a change of the municipality's rule setting.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.models import FactsStamp, NextDueMemo
from skyddsnat.cases.next_due_memo import decode
from tests.services.flow import decide_preliminary
from tests.web.builders import story

TODAY = date(2026, 3, 11)


#: Tables only a case's facts are read from (never by a list's own rows).
FACTS_ONLY = ("interventions_visit", "investigations_extension", "plans_plan")


def _page(user, url: str = "/arenden/", read: list[str] | None = None) -> str:
    """The page ``user`` sees at ``url``; ``read`` collects the SQL it ran."""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    if read is not None:
        read.extend(q["sql"] for q in queries.captured_queries)
    return response.content.decode()


def _reads_facts(sql: list[str]) -> bool:
    return any(table in statement for statement in sql for table in FACTS_ONLY)


def _words_are_the_evaluations() -> int:
    """Assert that every first obligation kept in words is the one the case's evaluation gives
    first today; return how many there are."""
    kept = NextDueMemo.objects.filter(next_obligation__isnull=False)
    for memo in kept:
        assert decode(memo.next_obligation) == case_obligations(memo.case_id, open_only=True)[0]
    return kept.count()


def _counts(html: str) -> list[str]:
    return re.findall(r'<span class="count-number">(\d+)</span>', html)


def _rows(html: str) -> list[str]:
    """The rows of the page's tables (each form's CSRF token differs from one request to the
    next, and is left out)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.findall(r"<tr[^>]*>.*?</tr>", html, re.S)


def test_the_list_is_the_same_worked_out_or_kept(cast, frozen_today):
    frozen_today(TODAY)
    story(cast, TODAY)
    for user, url in ((cast.alice, "/arenden/"), (cast.maja, "/enhet/")):
        NextDueMemo.objects.all().delete()
        worked_out = _page(user, url)
        assert NextDueMemo.objects.exists()
        kept = _page(user, url)
        assert _rows(kept) == _rows(worked_out)
        assert _counts(kept) == _counts(worked_out)


def test_a_list_shown_again_reads_the_words_kept_not_the_facts(cast, frozen_today):
    frozen_today(TODAY)
    s = story(cast, TODAY)
    first: list[str] = []
    shown = _page(cast.alice, read=first)
    assert _reads_facts(first)
    assert _words_are_the_evaluations() == 7  # each of Alice's rows with a time limit running
    again: list[str] = []
    assert _rows(_page(cast.alice, read=again)) == _rows(shown)
    assert not _reads_facts(again)
    # A decision: the case's words are worked out again (its facts only), the others kept.
    decide_preliminary(cast.alice, s.late, TODAY, "opened")
    after: list[str] = []
    changed = _page(cast.alice, read=after)
    assert _reads_facts(after)
    assert _words_are_the_evaluations() == 7
    NextDueMemo.objects.all().delete()
    assert _rows(_page(cast.alice)) == _rows(changed) != _rows(shown)


def test_a_kept_date_carries_the_stamp_of_the_facts_it_came_from(cast, frozen_today):
    frozen_today(TODAY)
    story(cast, TODAY)
    _page(cast.alice)
    stamps = dict(FactsStamp.objects.values_list("case_id", "stamp"))
    memos = list(NextDueMemo.objects.all())
    assert len(memos) == 7  # Alice's cases on the list
    assert all(m.stamp == stamps[m.case_id] and m.as_of == TODAY for m in memos)


def test_a_decision_changes_the_list_at_once(cast, frozen_today):
    frozen_today(TODAY)
    s = story(cast, TODAY)
    before = _page(cast.alice)
    overdue_before = int(_counts(before)[0])
    assert overdue_before >= 1  # Ebba's preliminary assessment is six days late
    decide_preliminary(cast.alice, s.late, TODAY, "not_opened", reason="no_concern_confirmed")
    after = _page(cast.alice)
    assert int(_counts(after)[0]) == overdue_before - 1


def test_a_new_day_works_the_dates_out_again(cast, frozen_today):
    frozen_today(TODAY)
    story(cast, TODAY)
    today = _page(cast.alice)
    frozen_today(TODAY + timedelta(days=3))  # Noah's preliminary assessment, due in two days
    later = _page(cast.alice)
    assert int(_counts(later)[0]) == int(_counts(today)[0]) + 1
    assert set(NextDueMemo.objects.values_list("as_of", flat=True)) == {TODAY + timedelta(days=3)}


def test_a_changed_setting_works_the_dates_out_again(cast, frozen_today):
    frozen_today(TODAY)
    story(cast, TODAY)
    _page(cast.alice)
    keys = set(NextDueMemo.objects.values_list("key", flat=True))
    cast.norrby.roll_forward_own_duties = not cast.norrby.roll_forward_own_duties
    cast.norrby.save()
    _page(cast.alice)
    assert set(NextDueMemo.objects.values_list("key", flat=True)).isdisjoint(keys)
