"""The jobs that run on their own, and when; ``migrate`` installs them for the worker.

A later job (a survey's reminders, the e-service's e-mails) that must run at fixed times adds a
``Scheduled`` to ``SCHEDULES``; the next ``migrate`` (or ``manage.py schedule_jobs``) installs
it. Work that follows from something a person did is queued with ``queue.enqueue`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_q.models import Schedule


@dataclass(frozen=True)
class Scheduled:
    """A job run every day at a local time (``at``), under a stable ``name``."""

    name: str
    func: str
    label: str | Promise
    at: time


def digest_time() -> time:
    """Return the local time of the daily digest (``SKYDDSNAT_DIGEST_TIME``)."""
    return time.fromisoformat(settings.SKYDDSNAT_DIGEST_TIME)


def scheduled() -> tuple[Scheduled, ...]:
    """Return every job that runs on its own."""
    return (
        Scheduled(
            name="daily_digest",
            func="skyddsnat.jobs.digest.send_daily_digests",
            label=_("Daglig sammanställning av tidsfrister"),
            at=digest_time(),
        ),
        Scheduled(
            name="survey_notices",
            func="skyddsnat.surveys.jobs.send_survey_notices",
            label=_("Enkäter: inbjudningar, påminnelser och stängning"),
            at=digest_time(),
        ),
        Scheduled(
            name="followup_tables",
            func="skyddsnat.indicators.jobs.keep_followup_tables",
            label=_("Uppföljningens tabeller räknas inför dagen"),
            at=time(4, 30),
        ),
        Scheduled(
            name="next_due_dates",
            func="skyddsnat.jobs.lists.keep_next_due_dates",
            label=_("Arbetslistornas nästa frister räknas inför dagen"),
            at=time(4, 45),
        ),
        Scheduled(
            name="caseless_drafts",
            func="skyddsnat.journal.jobs.remove_old_caseless_drafts",
            label=_("Gamla utkast till nya anmälningar tas bort"),
            at=time(3, 30),
        ),
    )


def label_of(func: str) -> str:
    """Return the Swedish name of the job that runs ``func`` (its path when it is unknown)."""
    for job in scheduled():
        if job.func == func:
            return str(job.label)
    return func


def next_run(at: time, now: datetime) -> datetime:
    """Return the next moment, after ``now``, that the local clock shows ``at``."""
    local = timezone.localtime(now)
    candidate = timezone.make_aware(datetime.combine(local.date(), at))
    if candidate <= now:
        candidate = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), at))
    return candidate


def install(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Create or update the schedule of every job of ``scheduled()``; return their names.

    A schedule that exists keeps its next run unless its time of day changed.
    """
    now = timezone.now()
    for job in scheduled():
        wanted = next_run(job.at, now)
        existing = Schedule.objects.using(using).filter(name=job.name).first()
        if existing is None:
            Schedule.objects.using(using).create(
                name=job.name,
                func=job.func,
                schedule_type=Schedule.DAILY,
                repeats=-1,
                next_run=wanted,
            )
            continue
        existing.func = job.func
        existing.schedule_type = Schedule.DAILY
        existing.repeats = -1
        if existing.next_run is None or timezone.localtime(existing.next_run).time() != job.at:
            existing.next_run = wanted
        existing.save(using=using)
    return [job.name for job in scheduled()]


def install_after_migrate(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """Install the schedules once ``migrate`` has created django-q2's tables."""
    if Schedule._meta.db_table in connections[using].introspection.table_names():
        install(using)
