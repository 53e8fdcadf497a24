"""The nightly job that works out every listed case's next due date before office hours."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_q.models import Schedule

from skyddsnat.cases.models import Case, NextDueMemo
from skyddsnat.jobs import lists
from skyddsnat.jobs.lists import keep_next_due_dates
from skyddsnat.web import worklist
from tests.web.builders import named_case, story
from tests.web.test_next_due_memo import FACTS_ONLY

TODAY = date(2026, 3, 11)


def _listed(user, url: str, *, writes: bool = False) -> str:
    """What ``user`` sees of the list at ``url`` (its cases, dates, statuses and order); unless
    ``writes``, assert that showing it read no case's facts and kept nothing (the dates and the
    words of the rows shown were all kept already)."""
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    kept = any("INSERT INTO" in q["sql"] and "cases_nextduememo" in q["sql"] for q in queries)
    assert kept == writes
    assert any(table in q["sql"] for q in queries for table in FACTS_ONLY) == writes
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def test_the_day_s_first_lists_read_the_dates_the_night_worked_out(cast, frozen_today, monkeypatch):
    frozen_today(TODAY)
    story(cast, TODAY)
    named_case(cast.sara, TODAY - timedelta(days=3), "Liam Ek", sex="boy", seed=21)
    listed = worklist.on_the_list(Case.objects.all(), TODAY).count()
    assert listed >= 10
    monkeypatch.setattr(lists, "SLICE", 3)  # several slices, the last one short
    NextDueMemo.objects.all().delete()  # as on a new day

    summary = keep_next_due_dates()

    assert summary == f"2026-03-11: {listed} ärenden på arbetslistor, {listed} frister räknade"
    assert NextDueMemo.objects.filter(as_of=TODAY).count() == listed
    assert keep_next_due_dates().endswith(", 0 frister räknade")  # nothing changed since
    # The lists of the morning read no facts and write nothing (asserted in ``_listed``), and
    # show what a list working everything out shows.
    for user, url in ((cast.alice, "/arenden/"), (cast.maja, "/enhet/")):
        kept = _listed(user, url)
        assert "Lindqvist" in kept and "Försenad" in kept
        NextDueMemo.objects.all().delete()
        assert _listed(user, url, writes=True) == kept
        keep_next_due_dates()

    frozen_today(TODAY + timedelta(days=1))  # the next night: every date is worked out again
    assert keep_next_due_dates().endswith(f", {listed} frister räknade")
    schedule = Schedule.objects.get(name="next_due_dates")
    assert schedule.func == "skyddsnat.jobs.lists.keep_next_due_dates"


def test_an_update_runs_the_nightly_jobs_at_once(cast, frozen_today):
    frozen_today(TODAY)
    story(cast, TODAY)
    NextDueMemo.objects.all().delete()
    out = io.StringIO()

    call_command("run_job", "next_due_dates", "followup_tables", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "next_due_dates: 2026-03-11: 9 ärenden på arbetslistor, 9 frister räknade"
    assert lines[1].startswith("followup_tables: 2026-03-11: 2 kommuner, ")
    assert NextDueMemo.objects.filter(as_of=TODAY).count() == 9
    with pytest.raises(CommandError, match=r"Okänt jobb: nattjobb\. Jobben heter: caseless_drafts"):
        call_command("run_job", "nattjobb")
