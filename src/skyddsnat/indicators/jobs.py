"""The indicators' background job: Uppföljning's tables counted before office hours.

Uppföljning keeps each indicator's table while nothing it was counted from changed (decision
0053); the day's first request would count them all (seconds at 100,000 reports), and it is the
start page of managers and analysts. Every night, after the day has turned, the tables of the
page as it opens (the current year and the ``TREND_LENGTH`` years before it, no unit, no
breakdown) are counted and kept for every municipality. The first to open the page gets them
unless something was registered in the municipality since. Nothing personal is read out or
written: the tables hold counts only, and are written without audit as a page's are.

After a change in the municipality the page shows the tables kept earlier in the day, saying
when they were counted, and queues ``count_followup_tables`` for the worker (decision 0054).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import translation

from skyddsnat import clock
from skyddsnat.accounts.models import Municipality
from skyddsnat.indicators.periods import TREND_LENGTH, Period, trend
from skyddsnat.indicators.service import count_tables, keep_tables

logger = logging.getLogger(__name__)


def keep_followup_tables() -> str:
    """Count and keep today's Uppföljning tables of every municipality; return a summary.

    Idempotent: run again the same day with nothing changed, it counts nothing.
    """
    today = clock.today()
    periods = trend(Period.calendar_year(today.year), TREND_LENGTH)
    counted = municipalities = 0
    # In the pages' language: the tables' labels are part of what is kept.
    with translation.override(settings.LANGUAGE_CODE):
        for municipality_id in Municipality.objects.order_by("pk").values_list("pk", flat=True):
            counted += keep_tables(municipality_id, periods)
            municipalities += 1
    summary = f"{today.isoformat()}: {municipalities} kommuner, {counted} tabeller räknade"
    logger.info("Follow-up tables %s.", summary)
    return summary


def count_followup_tables(
    municipality_id: int, periods: list[str], breakdown: str | None, language: str
) -> str:
    """Count again the Uppföljning tables a page showed stale (decision 0054): ``periods`` by
    their codes, split by ``breakdown``, labelled in ``language``; return a summary.

    Idempotent: the tables already counted from the data as it stands are not counted again,
    so a second job queued for the same change, or one run after the next change's, counts
    nothing or only what changed since.
    """
    if not Municipality.objects.filter(pk=municipality_id).exists():
        return f"kommun {municipality_id} finns inte längre: inget räknat"
    with translation.override(language or settings.LANGUAGE_CODE):
        counted = count_tables(municipality_id, [Period.parse(p) for p in periods], breakdown)
    summary = f"kommun {municipality_id}: {counted} tabeller räknade"
    logger.info("Follow-up tables counted again, %s.", summary)
    return summary
