"""Uppföljning shows the tables counted earlier today while the worker counts the latest changes
in (decision 0054).

After a change in the municipality the page must not make its visitor wait for a count of the
whole history: it shows the day's tables, says when they were counted, and queues one count for
the worker, however many open the page meanwhile. Once the worker has counted, the page shows
the figures of everything registered. What is never kept today is counted at once, and the
exports and the API always count from everything registered.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from django.test import Client
from django.utils.timezone import localtime
from django_q.models import OrmQ, Success

from skyddsnat.cases.models import IndicatorMemo
from skyddsnat.indicators import obligations
from skyddsnat.indicators.jobs import count_followup_tables, keep_followup_tables
from skyddsnat.indicators.periods import TREND_LENGTH, Period, trend
from skyddsnat.indicators.service import compute_indicators, compute_trend, page_trend
from tests.indicators.test_service import _cases
from tests.jobs.worker import enqueued, work_off
from tests.plans import Statement, recording

D = date.fromisoformat
URL = "/uppfoljning/"
PERIODS = trend(Period.parse("2026"), TREND_LENGTH)
NOTICE = "Siffrorna räknades kl. 12:00."


def _page(user, query: str = "") -> str:
    client = Client()
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def _reports(html: str) -> str:
    """The figure shown for the number of reports, as the page writes it."""
    found = re.search(r'id="indicator-reports_count".*?<span class="figure">([^<]+)<', html, re.S)
    assert found, "the number of reports is not on the page"
    return found.group(1).strip()


def _count(user, period: str = "2026") -> float | None:
    values = compute_indicators(acting_user=user, period=period)
    return next(v.value for v in values if v.id == "reports_count" and v.breakdown_key is None)


def _trend(user, **kwargs):
    return page_trend(acting_user=user, periods=PERIODS, memo=obligations.window(PERIODS), **kwargs)


def test_after_a_change_the_page_shows_the_morning_tables_and_the_worker_counts_again(
    cast, frozen_today, monkeypatch
):
    frozen_today(D("2026-11-16"))
    _cases(cast, 6, 1)
    keep_followup_tables()  # the night's job, "12:00" on the frozen clock
    morning = _page(cast.maja)
    assert NOTICE not in morning
    with enqueued(monkeypatch):
        _cases(cast, 3, 50)
        statements: list[Statement] = []
        with recording(statements):
            after = _page(cast.maja)
        # The morning's figures, said to be so, and nothing of the history read.
        assert NOTICE in after and "räknas in nu" in after
        assert _reports(after) == _reports(morning)
        read = " ".join(s.sql for s in statements)
        assert "intake_report" not in read and "investigations_investigation" not in read
        assert OrmQ.objects.count() == 1
        # Others opening the page meanwhile see the same and queue nothing more.
        assert NOTICE in _page(cast.ana)
        assert OrmQ.objects.count() == 1
        assert work_off() == 1
    assert Success.objects.filter(func__endswith="count_followup_tables").count() == 1
    counted = _page(cast.maja)
    assert NOTICE not in counted
    assert int(_reports(counted)) == int(_reports(morning)) + 3


def test_the_shown_figures_are_those_of_the_morning_and_then_of_everything_registered(
    cast, frozen_today
):
    frozen_today(D("2026-11-16"))
    _cases(cast, 6, 1)
    keep_followup_tables()
    morning = _trend(cast.ana)
    assert not morning.stale and morning.counted_at is None
    _cases(cast, 3, 50)
    stale = _trend(cast.ana)  # the test runs the queued job at once, after the page's read
    assert stale.stale and localtime(stale.counted_at).strftime("%H:%M") == "12:00"
    assert stale.values == morning.values
    now = _trend(cast.ana)
    assert not now.stale
    IndicatorMemo.objects.all().delete()
    assert now.values == compute_trend(
        acting_user=cast.ana, periods=PERIODS, memo=obligations.window(PERIODS)
    )


def test_a_table_not_kept_today_is_counted_at_once(cast, frozen_today):
    frozen_today(D("2026-11-16"))
    _cases(cast, 6, 1)
    keep_followup_tables()  # no breakdown kept
    _cases(cast, 3, 50)
    by_sex = page_trend(acting_user=cast.ana, periods=[Period.parse("2026")], breakdown="sex")
    assert not by_sex.stale
    IndicatorMemo.objects.all().delete()
    assert (
        by_sex.values
        == page_trend(acting_user=cast.ana, periods=[Period.parse("2026")], breakdown="sex").values
    )


def test_a_new_day_shows_nothing_of_yesterday(cast, frozen_today):
    frozen_today(D("2026-11-16"))
    _cases(cast, 6, 1)
    keep_followup_tables()
    frozen_today(D("2026-11-17"))
    _cases(cast, 3, 50)
    assert not _trend(cast.ana).stale


def test_the_exports_count_everything_registered(cast, frozen_today, monkeypatch):
    frozen_today(D("2026-11-16"))
    _cases(cast, 6, 1)
    keep_followup_tables()
    before = _count(cast.maja)
    with enqueued(monkeypatch):
        _cases(cast, 3, 50)
        assert NOTICE in _page(cast.maja)
        client = Client()
        client.force_login(cast.maja)
        response = client.get(URL + "export.csv?period=2026")
        rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        figures = {r["Indikator-id"]: r["Värde"] for r in rows}
        assert int(figures["reports_count"]) == before + 3
        assert _count(cast.maja) == before + 3


def test_the_job_counts_only_what_is_not_kept(cast, frozen_today):
    frozen_today(D("2026-11-16"))
    _cases(cast, 6, 1)
    codes = [p.code for p in PERIODS]
    municipality = cast.alice.municipality_id
    first = count_followup_tables(municipality, codes, None, "sv")
    assert first.startswith(f"kommun {municipality}: ") and not first.endswith(
        " 0 tabeller räknade"
    )
    assert count_followup_tables(municipality, codes, None, "sv").endswith(" 0 tabeller räknade")
    assert count_followup_tables(10**9, codes, None, "sv").endswith("inget räknat")


def test_a_later_change_queues_a_count_of_its_own(cast, frozen_today, monkeypatch):
    frozen_today(D("2026-11-16"))
    _cases(cast, 6, 1)
    keep_followup_tables()
    with enqueued(monkeypatch):
        _cases(cast, 1, 50)
        _trend(cast.ana)
        _trend(cast.ana)
        assert OrmQ.objects.count() == 1
        _cases(cast, 1, 60)
        _trend(cast.ana)
        assert OrmQ.objects.count() == 2
        assert work_off() + work_off() == 2
    assert not _trend(cast.ana).stale
